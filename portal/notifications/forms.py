from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SelectField

from portal.forms import NOT_A_CHOICE
from portal.i18n import LOCALES
from portal.notifications.models import DELIVERY_LABELS


def _delivery_field(label: object) -> RadioField:
    return RadioField(
        label,
        choices=[SelectChoice(d.value, text) for d, text in DELIVERY_LABELS.items()],
        invalid_choice_message=NOT_A_CHOICE,
    )


class NotificationSettingsForm(FlaskForm):
    idea_delivery = _delivery_field(
        _l("Ideas I follow (my own, and those I comment on, support or follow)")
    )
    category_delivery = _delivery_field(_l("New ideas in categories I follow"))
    area_delivery = _delivery_field(_l("New ideas about areas I follow"))
    all_ideas_delivery = _delivery_field(_l("All new ideas (if I follow them)"))
    challenge_delivery = _delivery_field(
        _l("Challenges I follow (those I answer, and those I follow): new answers and results")
    )
    auto_follow = BooleanField(_l("Follow the ideas I comment on or support"))
    no_email = BooleanField(_l("No e-mail at all about what I follow"))
    email_locale = SelectField(
        _l("Language of my e-mails"),
        choices=[SelectChoice("", _l("The language of my account"))]
        + [SelectChoice(code, name) for code, name in LOCALES.items()],
        invalid_choice_message=NOT_A_CHOICE,
    )
