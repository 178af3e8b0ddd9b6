"""The officials' inbox, their public answers, meetings, agendas and decisions
(the moderators' hand-over itself is in ``moderation/views.py``)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user

from portal import permissions
from portal.accounts.models import Role
from portal.challenges import agenda
from portal.challenges.loaders import load_challenge
from portal.errors import carried_out
from portal.extensions import db
from portal.forms import ActionForm, form_status
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea
from portal.municipality import queries, services
from portal.municipality.forms import (
    AgendaAddForm,
    AgendaChallengeForm,
    AnswerForm,
    DecisionForm,
    MeetingForm,
    ThanksForm,
)
from portal.municipality.loaders import load_meeting
from portal.municipality.models import DECISION_LABELS, Decision, Meeting
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.urls import page_number

bp = Blueprint("municipality", __name__)


@bp.app_context_processor
def _labels() -> dict:
    return {"decision_labels": DECISION_LABELS}


# --- officials: inbox and answers ---------------------------------------------------------


@bp.route("/municipality/inbox")
def inbox():
    """Hand-overs waiting for an answer, the most overdue first."""
    permissions.require(permissions.can_view_inbox(current_user))
    departments = queries.departments()
    own = current_user.department_id if current_user.role == Role.OFFICIAL else None
    chosen = request.args.get("department")
    if chosen == "all":
        department_id = None
    elif chosen and chosen.isdigit() and int(chosen) in {d.id for d in departments}:
        department_id = int(chosen)
    else:
        department_id = own
    answered = request.args.get("show") == "answered"
    now = utcnow()
    return render_template(
        "municipality/inbox.html",
        pagination=queries.inbox(department_id, answered, page_number()),
        departments=departments,
        department_id=department_id,
        answered=answered,
        overdue=queries.overdue_count(department_id, now),
        now=now,
    )


@bp.route("/ideas/<id:idea_id>/answer", methods=["GET", "POST"])
def answer(idea_id: int):
    idea = load_idea(idea_id)
    item = queries.hand_over_of(idea)
    if item is None:
        permissions.deny()
    permissions.require_rule(permissions.can_answer, item)
    form = AnswerForm(idea=idea, hand_over=item)
    valid = form.validate_on_submit()
    preview = render_markdown(form.answer.data) if valid and form.preview.data else None
    if valid and preview is None:
        with carried_out(
            _("The answer is published. The author and supporters have been told.")
        ) as done:
            services.answer(current_user, item, idea, form.answer.data, form.chosen_status)
        if done:
            return redirect(url_for("ideas.detail", idea_id=idea.id, _anchor="answer"))
    return render_template(
        "municipality/answer.html", form=form, idea=idea, hand_over=item, preview=preview
    ), form_status(form)


@bp.route("/ideas/<id:idea_id>/thanks", methods=["GET", "POST"])
def thanks(idea_id: int):
    """Staff's public thank-you note on an implemented idea: write, revise, remove."""
    idea = load_idea(idea_id)
    page = url_for("ideas.detail", idea_id=idea.id)
    permissions.require_rule(permissions.can_thank, idea, back=page)
    note = queries.thank_you_of(idea)
    # The note's text fills the form only when it is first shown: a request
    # that sends no text is a note without text, not the old one again.
    form = ThanksForm(data={"text": note.body} if note and request.method == "GET" else None)
    if form.validate_on_submit():
        removing = bool(form.remove.data)
        with carried_out(
            _("The thank-you note is removed.")
            if removing
            else _("The thank-you note is published.")
        ) as done:
            if removing:
                services.remove_thanks(current_user, idea)
            else:
                services.thank(current_user, idea, form.text.data)
        if done:
            return redirect(url_for("ideas.detail", idea_id=idea.id, _anchor="thanks"))
    code = form_status(form)
    return render_template("municipality/thanks.html", form=form, idea=idea, note=note), code


# --- meetings -------------------------------------------------------------------------------


@bp.route("/meetings/")
def meetings():
    now = utcnow()
    listing = queries.meetings(now, permissions.can_manage_meetings(current_user), page_number())
    ids = [m.id for m in listing.upcoming] + [m.id for m in listing.past.items]
    return render_template(
        "municipality/meetings.html",
        listing=listing,
        agenda_counts=queries.agenda_counts(ids),
        now=now,
    )


def _starts_at(form: MeetingForm) -> datetime:
    return to_utc(datetime.combine(form.date.data, form.time.data))


@bp.route("/meetings/new", methods=["GET", "POST"])
def new_meeting():
    permissions.require(permissions.can_manage_meetings(current_user))
    form = MeetingForm()
    if form.validate_on_submit():
        created = _("The meeting is created. Build its agenda, then publish it.")
        with carried_out(created, field=form.date) as done:
            meeting = services.save_meeting(
                current_user, None, form.body.data, _starts_at(form), form.place.data,
                form.description.data,
            )  # fmt: skip
        if done:
            return redirect(url_for("municipality.meeting", meeting_id=meeting.id))
    code = form_status(form)
    return render_template("municipality/meeting_form.html", form=form, meeting=None), code


@bp.route("/meetings/<id:meeting_id>/edit", methods=["GET", "POST"])
def edit_meeting(meeting_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    form = MeetingForm(obj=meeting)
    if not form.is_submitted():
        local = to_user_timezone(meeting.starts_at)
        form.date.data, form.time.data = local.date(), local.time().replace(tzinfo=None)
    if form.validate_on_submit():
        with carried_out(_("Your changes are saved."), field=form.date) as done:
            services.save_meeting(
                current_user, meeting, form.body.data, _starts_at(form), form.place.data,
                form.description.data,
            )  # fmt: skip
        if done:
            return redirect(url_for("municipality.meeting", meeting_id=meeting.id))
    code = form_status(form)
    return render_template("municipality/meeting_form.html", form=form, meeting=meeting), code


def render_meeting(
    meeting: Meeting,
    add_form: AgendaAddForm | None = None,
    status: int = 200,
    challenge_form: AgendaChallengeForm | None = None,
):
    manage = permissions.can_manage_meetings(current_user)
    now = utcnow()
    if manage and not meeting.has_begun(now):  # a visitor's page carries no token
        add_form = add_form or AgendaAddForm(formdata=None)
        challenge_form = challenge_form or AgendaChallengeForm(meeting, formdata=None)
    return render_template(
        "municipality/meeting.html",
        meeting=meeting,
        items=queries.agenda(
            meeting, include_hidden=permissions.can_moderate(current_user) or manage
        ),
        challenges=agenda.on_agenda(meeting),
        add_form=add_form,
        challenge_form=challenge_form,
        now=now,
        manage=manage,
    ), status


def _agenda_idea(idea_id: int) -> Idea:
    """An idea on an agenda, for those who manage meetings — also when a
    moderator has hidden it since (the meeting still has to deal with it)."""
    idea = db.session.get(Idea, idea_id)
    if idea is None:
        abort(404)
    return idea


@bp.route("/meetings/<id:meeting_id>")
def meeting(meeting_id: int):
    return render_meeting(load_meeting(meeting_id))


@bp.route("/meetings/<id:meeting_id>/publish", methods=["POST"])
def publish(meeting_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    if ActionForm().validate_on_submit():
        with carried_out(_("The meeting and its agenda are published.")):
            services.publish(current_user, meeting)
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id))


@bp.route("/meetings/<id:meeting_id>/agenda", methods=["POST"])
def add_to_agenda(meeting_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    form = AgendaAddForm()
    if not form.validate_on_submit():
        return render_meeting(meeting, form, 400)
    with carried_out(_("The idea is on the agenda.")):
        services.add_to_agenda(current_user, meeting, form.idea.chosen)
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id, _anchor="agenda"))


@bp.route("/meetings/<id:meeting_id>/challenges", methods=["POST"])
def add_challenge(meeting_id: int):
    """Put a challenge's results on the agenda (after the ideas)."""
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    form = AgendaChallengeForm(meeting)
    if not form.validate_on_submit():
        return render_meeting(meeting, status=400, challenge_form=form)
    with carried_out(_("The challenge's results are on the agenda.")):
        agenda.put_on_agenda(current_user, meeting, form.challenge.chosen)
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id, _anchor="challenges"))


@bp.route("/meetings/<id:meeting_id>/challenges/<id:challenge_id>/remove", methods=["POST"])
def remove_challenge(meeting_id: int, challenge_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    if ActionForm().validate_on_submit():
        with carried_out():
            agenda.take_off_agenda(current_user, meeting, load_challenge(challenge_id))
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id, _anchor="challenges"))


@bp.route(
    "/meetings/<id:meeting_id>/agenda/<id:idea_id>/<any(up, down, remove):action>",
    methods=["POST"],
)
def agenda_item(meeting_id: int, idea_id: int, action: str):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    if ActionForm().validate_on_submit():
        with carried_out():
            if action == "remove":
                services.remove_from_agenda(current_user, meeting, _agenda_idea(idea_id))
            else:
                services.move(current_user, meeting, idea_id, action)
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id, _anchor="agenda"))


@bp.route("/meetings/<id:meeting_id>/agenda/<id:idea_id>/decision", methods=["GET", "POST"])
def decision(meeting_id: int, idea_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    idea = _agenda_idea(idea_id)
    form = DecisionForm()
    with carried_out() as decidable:
        services.check_decidable(meeting, idea)
    if not decidable:
        return redirect(url_for("municipality.meeting", meeting_id=meeting.id))
    if form.validate_on_submit():
        recorded = _("The decision is recorded. The author and supporters have been told.")
        with carried_out(recorded) as done:
            services.decide(
                current_user, meeting, idea, Decision(form.decision.data), form.text.data
            )
        if done:
            return redirect(
                url_for("municipality.meeting", meeting_id=meeting.id, _anchor="agenda")
            )
    code = form_status(form)
    return render_template(
        "municipality/decision.html", form=form, meeting=meeting, idea=idea
    ), code


from portal.municipality import minutes_views  # noqa: E402, F401 - routes of this blueprint
