from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.accounts.forms import REQUIRED, TOO_LONG
from portal.comments.models import COMMENT_MAX
from portal.validators import normalise_multiline

PARENT_GONE = _l("The comment you replied to is no longer available.")


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        description=_l("Be kind and stay on topic. You can use Markdown."),
        validators=[
            DataRequired(REQUIRED),
            Length(max=COMMENT_MAX, message=TOO_LONG),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 5},
    )
    parent_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message=PARENT_GONE)])
