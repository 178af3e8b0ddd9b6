"""The owner's challenge form, the answer forms and the admins' terms form."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone, to_utc
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from portal.admin.forms import NamesForm
from portal.challenges import queries
from portal.challenges.models import (
    BRIEF_MAX,
    CRITERIA_MAX,
    REWARD_MAX,
    SCALE_LIMIT,
    SUMMARY_MAX,
    TERMS_TEXT_MAX,
    TITLE_MAX,
    Challenge,
)
from portal.challenges.services import (
    ChallengeData,
    ChallengeError,
    CriterionData,
    IdeaFields,
    TermsData,
)
from portal.errors import not_typed
from portal.forms import (
    DATE_HINT,
    DATE_INVALID,
    NOT_A_CHOICE,
    REQUIRED,
    TOO_LONG,
    WHOLE_NUMBER,
    IntegerField,
    Length,
    RowField,
    TimeOfDayField,
    lazy_number,
)
from portal.i18n import LOCALES
from portal.ideas.forms import IdeaForm
from portal.municipality.models import Department
from portal.timeutil import utcnow
from portal.validators import PlainText, normalise_multiline, normalise_text

not_typed("idea")  # the answer put on an agenda

ACCEPT_TERMS = _l("Please accept the terms to give your answer.")
CHOOSE_TERMS = _l("Please choose the terms answers are given under.")
CHOOSE_DEPARTMENT = _l("Please choose a department.")


def _date(label: object, hint: object = DATE_HINT) -> DateField:
    return DateField(
        label,
        description=hint,
        validators=[InputRequired(DATE_INVALID)],
        invalid_value_message=DATE_INVALID,
    )


class CriterionForm(Form):
    """One row of the criteria table; an empty row is left out."""

    name = StringField(
        _l("Criterion"),
        validators=[Length(max=80, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": 80},
    )
    description = TextAreaField(
        _l("What the jury looks for"),
        validators=[Length(max=1000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 2},
    )
    weight = IntegerField(
        _l("Weight (%)"),
        validators=[Optional(), NumberRange(min=1, max=100, message=_l("From 1 to 100, please."))],
        render_kw={"inputmode": "numeric", "min": 1, "max": 100},
    )

    from_supports = BooleanField(
        _l("Public support: scored from the answer's supports, not by the jury"),
        description=_l(
            "The most supported answer gets the highest score, the others in proportion "
            "to their supports."
        ),
    )

    @property
    def is_empty(self) -> bool:
        return not (
            self.name.data or self.description.data or self.weight.data or self.from_supports.data
        )

    def validate_name(self, field: StringField) -> None:
        if not field.data and not self.is_empty:
            raise ValidationError(_l("Please name the criterion, or empty its row."))

    def validate_weight(self, field: IntegerField) -> None:
        if field.data is None and not self.is_empty and not field.errors:
            raise ValidationError(_l("Please give the criterion's weight."))


class ChallengeForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l(
            "The question, short and concrete (at most %(count)s characters).",
            count=lazy_number(TITLE_MAX),
        ),
        validators=[DataRequired(REQUIRED), Length(max=TITLE_MAX, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": TITLE_MAX},
    )
    summary = TextAreaField(
        _l("Summary"),
        description=_l("One or two sentences for lists, feeds and the front page."),
        validators=[
            DataRequired(REQUIRED),
            Length(max=SUMMARY_MAX, message=TOO_LONG),
            PlainText(multiline=True),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 2, "maxlength": SUMMARY_MAX},
    )
    brief = TextAreaField(
        _l("The brief"),
        description=_l(
            "The background, what is asked, what a good answer contains, what is out of "
            "scope, and links to background documents. Markdown is allowed."
        ),
        validators=[DataRequired(REQUIRED), Length(max=BRIEF_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 14},
    )
    department = RowField(
        _l("Owning department"), CHOOSE_DEPARTMENT, prompt=_l("Choose a department")
    )
    opens_on = _date(_l("Opens on"))
    closes_on = _date(_l("Deadline (date)"))
    closes_time = TimeOfDayField(
        _l("Deadline (time of day)"),
        _l("Hours and minutes, in the way the field shows them, for example 23:59."),
        validators=[InputRequired(REQUIRED)],
        default=time(23, 59),
    )
    results_on = _date(_l("Results expected by"), hint=None)
    who_answers = RadioField(
        _l("Who may answer"),
        choices=[
            SelectChoice("everyone", _l("Everyone registered")),
            SelectChoice("invited", _l("Everyone registered, and also people we invite by e-mail")),
        ],
        default="everyone",
        validators=[InputRequired(_l("Please choose who may answer."))],
        invalid_choice_message=NOT_A_CHOICE,
    )
    reward = TextAreaField(
        _l("What the best answers receive"),
        description=_l(
            "For example: a sum of money, realisation by the municipality, or presenting "
            "the answer at a committee meeting."
        ),
        validators=[
            DataRequired(REQUIRED),
            Length(max=REWARD_MAX, message=TOO_LONG),
            PlainText(multiline=True),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )
    reward_amount = IntegerField(
        _l("Amount (optional)"),
        description=_l("In whole kroner or euros, without a currency sign."),
        validators=[
            Optional(),
            NumberRange(min=0, max=100_000_000, message=_l("A whole number from 0, please.")),
        ],
        render_kw={"inputmode": "numeric", "min": 0},
    )
    terms = RowField(
        _l("Terms answers are given under"),
        CHOOSE_TERMS,
        prompt=_l("Choose the terms"),
        # An earlier version an answered challenge keeps is told from the new one.
        text_of=lambda t: (
            t.name
            if t.current
            else _("%(name)s (the version its answers were given under)", name=t.name)
        ),
    )
    scale_max = IntegerField(
        _l("Highest score"),
        description=_l(
            "The jury scores each criterion from 0 to this number (at most %(max)s).",
            max=SCALE_LIMIT,
        ),
        validators=[
            InputRequired(WHOLE_NUMBER),
            NumberRange(
                min=1, max=SCALE_LIMIT, message=_l("From 1 to %(max)s, please.", max=SCALE_LIMIT)
            ),
        ],
        default=5,
        render_kw={"inputmode": "numeric", "min": 1, "max": SCALE_LIMIT},
    )
    criteria = FieldList(
        FormField(CriterionForm), min_entries=CRITERIA_MAX, max_entries=CRITERIA_MAX
    )
    anonymous_scores = BooleanField(
        _l("After the results, show each answer's author every member's scores, without names"),
        description=_l(
            "Only administrators choose this. Otherwise authors see the mean per criterion."
        ),
    )

    def __init__(
        self,
        *args: Any,
        departments: list[Department],
        admin: bool = False,
        editing: Challenge | None = None,
        **kwargs: Any,
    ) -> None:
        """``editing``: the challenge changed, whose terms stay on offer when
        an admin has replaced them since (its answers were given under them)."""
        super().__init__(*args, **kwargs)
        self.department.offer(departments)
        offered = queries.current_terms()
        if editing is not None and not editing.terms.current:
            offered = [editing.terms, *offered]
        self.terms.offer(offered)
        if not admin:
            del self.anonymous_scores

    def start(self, challenge: Challenge | None, department_id: int | None) -> None:
        """What the form shows before it is sent: the challenge as it is, or
        a new one opening tomorrow for four weeks."""
        if challenge is None:
            today = to_user_timezone(utcnow()).date()
            self.department.data = department_id
            self.opens_on.data = today + timedelta(days=1)
            self.closes_on.data = today + timedelta(days=29)
            self.results_on.data = today + timedelta(days=60)
            return
        for name in ("title", "summary", "brief", "reward", "reward_amount", "scale_max"):
            getattr(self, name).data = getattr(challenge, name)
        if "anonymous_scores" in self:
            self.anonymous_scores.data = challenge.anonymous_scores
        self.who_answers.data = "invited" if challenge.invites_answerers else "everyone"
        self.department.data = challenge.department_id
        self.terms.data = challenge.terms_id
        closes = to_user_timezone(challenge.closes_at)
        self.opens_on.data = to_user_timezone(challenge.opens_at).date()
        self.closes_on.data, self.closes_time.data = closes.date(), closes.time().replace(second=0)
        self.results_on.data = to_user_timezone(challenge.results_due).date()
        for row, criterion in zip(self.criteria, challenge.criteria, strict=False):
            row.form.name.data = criterion.name
            row.form.description.data = criterion.description
            row.form.weight.data = criterion.weight
            row.form.from_supports.data = criterion.from_supports

    def filled_criteria(self) -> list[CriterionForm]:
        return [row.form for row in self.criteria if not row.form.is_empty]

    def validate_criteria(self, field: FieldList) -> None:
        filled = self.filled_criteria()
        if not filled:
            raise ValidationError(ChallengeError("no criteria").message)
        if sum(bool(c.from_supports.data) for c in filled) > 1:
            raise ValidationError(ChallengeError("supports twice").message)
        if all(c.from_supports.data for c in filled):
            raise ValidationError(ChallengeError("no criteria").message)
        weights = [c.weight.data for c in filled]
        if None not in weights and sum(weights) != 100:
            raise ValidationError(ChallengeError("weights", sum=sum(weights)).message)

    def validate_closes_on(self, field: DateField) -> None:
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(ChallengeError("dates").message)

    def validate_results_on(self, field: DateField) -> None:
        if field.data and self.closes_on.data and field.data < self.closes_on.data:
            raise ValidationError(ChallengeError("results date").message)

    def challenge_data(self) -> ChallengeData:
        closes = _utc(self.closes_on.data, self.closes_time.data)
        return ChallengeData(
            title=self.title.data,
            summary=self.summary.data,
            brief=self.brief.data,
            department_id=self.department.chosen.id,
            terms=self.terms.chosen,
            opens_at=_utc(self.opens_on.data, time.min),
            closes_at=closes,
            results_due=max(_utc(self.results_on.data, time(23, 59)), closes),
            reward=self.reward.data,
            reward_amount=self.reward_amount.data,
            scale_max=self.scale_max.data,
            criteria=[
                CriterionData(
                    c.name.data, c.description.data or "", c.weight.data, c.from_supports.data
                )
                for c in self.filled_criteria()
            ],
            invites_answerers=self.who_answers.data == "invited",
            anonymous_scores=self.anonymous_scores.data if "anonymous_scores" in self else None,
        )


def _utc(day: date, at: time) -> datetime:
    """A day and time on the municipality's clock, as the UTC moment it is."""
    return to_utc(datetime.combine(day, at))


class TermsAccepted:
    accept_terms = BooleanField(
        _l("I give my answer under the terms above."), validators=[DataRequired(ACCEPT_TERMS)]
    )


class AnswerForm(TermsAccepted, IdeaForm):
    """The idea form, bound to a challenge: the same fields, and the terms."""

    def idea_fields(self) -> IdeaFields:
        return IdeaFields(
            self.title.data, self.body.data, self.category.chosen, self.language.data,
            self.area.chosen,
        )  # fmt: skip


class GiveIdeaForm(TermsAccepted, FlaskForm):
    """Turn one of the author's ideas into an answer."""

    idea = RowField(
        _l("Your idea"),
        _l("Please choose one of your ideas."),
        prompt=_l("Choose one of your ideas"),
        text_of=lambda idea: idea.title,
    )


class CancelForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is the challenge cancelled?"),
        description=_l("Shown on the challenge's page to everyone."),
        validators=[DataRequired(_l("Please give a reason.")), Length(max=1000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )


def _terms_text(label: object) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[DataRequired(REQUIRED), Length(max=TERMS_TEXT_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 5},
    )


class TermsForm(NamesForm):
    """Terms in every language: the name answerers choose by and the text they accept."""

    text_da = _terms_text(_l("Text in Danish"))
    text_nb = _terms_text(_l("Text in Norwegian (Bokmål)"))
    text_nl = _terms_text(_l("Text in Dutch"))
    text_en = _terms_text(_l("Text in English"))

    def terms_data(self) -> TermsData:
        return TermsData(
            name={code: getattr(self, f"name_{code}").data for code in LOCALES},
            text={code: getattr(self, f"text_{code}").data for code in LOCALES},
        )
