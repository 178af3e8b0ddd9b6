from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from portal.accounts.models import User
from portal.errors import not_typed
from portal.extensions import db
from portal.forms import NOT_A_CHOICE, TOO_LONG, IntegerField, Length
from portal.i18n import locale_code
from portal.ideas.forms import ChoosesCategory, IdeaForm
from portal.ideas.models import Idea
from portal.moderation import queries
from portal.moderation.models import CANNED_MAX, FLAG_REASON_LABELS
from portal.validators import normalise_multiline, optional_int

not_typed("item", "items", "into")  # the queue's items, the idea merged into


class FlagForm(FlaskForm):
    reason = RadioField(
        _l("What is wrong with it?"),
        choices=[SelectChoice(value.value, label) for value, label in FLAG_REASON_LABELS.items()],
        validators=[InputRequired(_l("Please choose a reason."))],
        invalid_choice_message=NOT_A_CHOICE,
    )
    note = TextAreaField(
        _l("Anything the moderators should know? (optional)"),
        validators=[Length(max=1000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 4},
    )


# The page, its heading and its button say what the moderator is about to do.
ACTION_HEADINGS = {
    ("ideas", "hide"): _l("Hide this idea"),
    ("ideas", "restore"): _l("Restore this idea"),
    ("comments", "hide"): _l("Hide this comment"),
    ("comments", "restore"): _l("Restore this comment"),
}


GIVE_A_REASON = _l("Please give a reason.")


def _reason(hint: object) -> TextAreaField:
    """The reason a moderator gives, with a hint saying who reads it."""
    return TextAreaField(
        _l("Reason"),
        description=hint,
        validators=[
            DataRequired(GIVE_A_REASON),
            Length(max=500, message=TOO_LONG),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )


class ReasonForm(FlaskForm):
    reason = _reason(_l("Sent to the author; when content is hidden, also shown in its place."))
    reasons: dict = {}  # the standard reasons offered (none here: see HideReasonForm)

    def reason_for(self, _author: User | None) -> str:
        return self.reason.data

    def written_for(self, author: User | None) -> None:
        """Nothing to prepare: no standard reasons are offered."""


class HideReasonForm(ReasonForm):
    """Hiding: the moderator's own reason, or a standard one
    (``canned``) in the author's language — picked and left as it is, or,
    where scripts run, copied into the reason to be edited."""

    canned = SelectField(
        _l("A standard reason"),
        description=_l(
            "Leave the reason empty to send this one in the author's language, or write your own."
        ),
        validate_choice=False,
        coerce=optional_int,
    )
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Sent to the author; when content is hidden, also shown in its place."),
        validators=[Length(max=CANNED_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.reasons = {r.id: r for r in queries.canned_reasons()}
        self.canned.choices = [SelectChoice("", _l("None: I write my own"))] + [
            SelectChoice(str(r.id), r.text(locale_code())) for r in self.reasons.values()
        ]

    def written_for(self, author: User | None) -> None:
        """Each standard reason carries its text in the author's language,
        for the script that copies it into the reason to be edited."""
        for choice in self.canned.choices[1:]:
            reason = self.reasons[int(choice.value)]
            choice.render_kw = {"data-text": reason.text(author.locale if author else None)}

    def validate_canned(self, field: SelectField) -> None:
        if field.data is not None and field.data not in self.reasons:
            raise ValidationError(str(NOT_A_CHOICE))

    def validate_reason(self, field: TextAreaField) -> None:
        if not field.data and self.canned.data is None:
            if not self.reasons:
                raise ValidationError(str(GIVE_A_REASON))
            raise ValidationError(_l("Please give a reason or choose a standard one."))

    def reason_for(self, author: User | None) -> str:
        """What the author is told: the reason written, or the standard
        reason in the author's language."""
        if self.reason.data:
            return self.reason.data
        return self.reasons[self.canned.data].text(author.locale if author else None)


class VersionReasonForm(FlaskForm):
    reason = _reason(
        _l("Shown in the version's place on the history page, and sent to the author.")
    )


VERSION_HEADINGS = {
    "hide": _l("Hide this earlier version"),
    "restore": _l("Show this earlier version again"),
}


class NominationReasonForm(FlaskForm):
    reason = _reason(_l("Shown to the nominator in place of their nomination."))


class BulkForm(HideReasonForm):
    """What to do with the items ticked in the queue (``chosen``: those of
    them still there)."""

    action = SelectField(
        _l("With the selected items"),
        choices=[
            SelectChoice("hide", _l("Hide them")),
            SelectChoice("dismiss", _l("Dismiss their flags")),
        ],
        invalid_choice_message=NOT_A_CHOICE,
    )

    def __init__(self, *args: object, chosen: list | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.chosen = chosen or []

    def validate_action(self, _field: SelectField) -> None:
        if not self.chosen:
            raise ValidationError(_l("Select at least one item."))


BLOCK_PERIODS = {
    "1": _l("1 day"),
    "7": _l("7 days"),
    "30": _l("30 days"),
    "": _l("Until further notice"),
}


class BlockForm(ReasonForm):
    reason = _reason(
        _l("Sent to the participant, who also sees it on every page while the block lasts.")
    )
    period = SelectField(
        _l("For how long?"),
        choices=[SelectChoice(value, label) for value, label in BLOCK_PERIODS.items()],
        invalid_choice_message=NOT_A_CHOICE,
    )


class UnblockForm(FlaskForm):
    reason = _reason(_l("Kept in the moderation log; the participant can take part again."))


class ModeratorEditForm(ChoosesCategory, ReasonForm):
    reason = _reason(_l("Kept in the moderation log for the other moderators."))
    title = StringField(
        _l("Title"),
        description=_l("Correct typos only: the idea stays the author's."),
        validators=IdeaForm.title.kwargs["validators"],
        filters=IdeaForm.title.kwargs["filters"],
        render_kw=IdeaForm.title.kwargs["render_kw"],
    )
    category = IdeaForm.category


class MergeForm(ReasonForm):
    reason = _reason(
        _l("Shown in the duplicate's public history and sent to its author and supporters.")
    )
    into = IntegerField(
        _l("Number of the idea it duplicates"),
        not_a_number=_l("Please give the idea's number."),
        description=_l("The idea number is shown on each idea's page, e.g. “Idea #12”."),
        validators=[
            InputRequired(_l("Please give the idea's number.")),
            NumberRange(min=1, max=2**31 - 1, message=_l("Please give the idea's number.")),
        ],
    )

    def validate_into(self, field: IntegerField) -> None:
        """The idea the number names, as ``into.chosen`` (once it is a number in range)."""
        if field.errors:
            return
        field.chosen = db.session.get(Idea, field.data)
        if field.chosen is None:
            raise ValidationError(_l("There is no idea with that number."))
