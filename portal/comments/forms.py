from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, StopValidation

from portal.accounts.forms import REQUIRED, TOO_LONG
from portal.comments.models import COMMENT_MAX
from portal.validators import normalise_multiline

PARENT_GONE = _l("The comment you replied to is no longer available.")
# A comment id as the reply forms send it: ASCII digits, within the INTEGER range.
_PARENT_ID = re.compile(r"[0-9]{1,9}")


def valid_parent_id(form: Form, field: Field) -> None:
    """Empty (a new comment) or a plain comment id; any other value (spaces,
    signs, decimals, huge numbers) gets the "no longer available" answer."""
    if field.data and not _PARENT_ID.fullmatch(field.data):
        raise StopValidation(str(PARENT_GONE))


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
    parent_id = HiddenField(validators=[valid_parent_id])

    def reply_to(self) -> int | None:
        """The id of the comment replied to (after validation), None for a new comment."""
        return int(self.parent_id.data) if self.parent_id.data else None
