"""The owners' form for inviting someone to answer a challenge."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from portal.challenges.models import INVITATION_MESSAGE_MAX
from portal.forms import REQUIRED, TOO_LONG, Length, email_field, language_field
from portal.validators import PlainText, normalise_multiline, normalise_text


class InviteAnswererForm(FlaskForm):
    name = StringField(
        _l("Name"),
        description=_l("The mail begins with it."),
        validators=[DataRequired(REQUIRED), Length(max=60, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
    )
    email = email_field(autocomplete="off")
    locale = language_field()
    message = TextAreaField(
        _l("A few words of your own (optional)"),
        description=_l("Why you invite this person, for example. Plain text."),
        validators=[
            Length(max=INVITATION_MESSAGE_MAX, message=TOO_LONG),
            PlainText(multiline=True),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 4},
    )
