"""Every authorisation rule of the portal, deny by default.

Views call ``require(can_x(user, obj))`` and templates call ``can.x(obj)``:
both ask the same functions, so a button is never shown for an action the
server would refuse. Each rule is composed from the small predicates below.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

from flask import Flask, abort, current_app, make_response, request
from flask_login import current_user

from portal.accounts.models import Role
from portal.errors import render_error
from portal.extensions import login_manager
from portal.ideas.models import IdeaStatus
from portal.ideas.workflow import REVIEW_STATUSES
from portal.timeutil import utcnow

if TYPE_CHECKING:
    from portal.comments.models import Comment
    from portal.ideas.models import Idea
    from portal.municipality.models import HandOver, Meeting


# --- predicates --------------------------------------------------------------


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_participant(user: Any) -> bool:
    """Logged in with a verified e-mail address and not blocked: may take part."""
    return is_authenticated(user) and user.is_verified and not user.is_blocked


def has_role(user: Any, *roles: Role) -> bool:
    return is_authenticated(user) and user.role in roles


def is_moderator(user: Any) -> bool:
    return has_role(user, Role.MODERATOR, Role.ADMIN)


def is_admin(user: Any) -> bool:
    return has_role(user, Role.ADMIN)


def is_author(user: Any, item: Idea | Comment) -> bool:
    return is_authenticated(user) and item.author_id == user.id


def edit_deadline(created_at: datetime, setting: str) -> datetime:
    """Until when (UTC) the author may edit what they wrote at ``created_at``."""
    return created_at + timedelta(minutes=current_app.config[setting])


def idea_edit_until(idea: Idea) -> datetime:
    return edit_deadline(idea.created_at, "IDEA_EDIT_MINUTES")


def comment_edit_until(comment: Comment) -> datetime:
    return edit_deadline(comment.created_at, "COMMENT_EDIT_MINUTES")


def edit_time_is_over(deadline: datetime) -> bool:
    """An author's editing window (``idea_edit_until``…) has passed."""
    return utcnow() > deadline


def idea_is_open(idea: Idea) -> bool:
    """Accepts supports and comments."""
    return idea.public


def idea_is_closed(idea: Idea) -> bool:
    """Visible, but withdrawn or merged: no more supports or comments."""
    return idea.visible and not idea.public


# --- rules ---------------------------------------------------------------------


def can_view_idea(user: Any, idea: Idea) -> bool:
    return not idea.is_hidden or is_moderator(user) or is_author(user, idea)


def can_create_idea(user: Any) -> bool:
    return is_participant(user)


def can_ask_to_edit(user: Any, idea: Idea) -> bool:
    """A moderator, instead of hiding a published idea the municipality has
    not taken up (its text is still the citizen's to change)."""
    return is_moderator(user) and idea.hidden_at is None and idea.status in REVIEW_STATUSES


def can_edit_idea(user: Any, idea: Idea) -> bool:
    """The author, while the idea is new and visible, for a while."""
    return is_participant(user) and is_author(user, idea) and edit_refusal(user, idea, idea) is None


def can_withdraw_idea(user: Any, idea: Idea) -> bool:
    return (
        is_participant(user)
        and is_author(user, idea)
        and idea.status in REVIEW_STATUSES
        and not idea.is_hidden
    )


def can_comment(user: Any, idea: Idea) -> bool:
    return is_participant(user) and idea_is_open(idea)


def can_edit_comment(user: Any, comment: Comment, idea: Idea) -> bool:
    """The author, while comment and idea are visible and open, for a while."""
    return (
        is_participant(user)
        and is_author(user, comment)
        and edit_refusal(user, comment, idea) is None
    )


def edit_refusal(user: Any, item: Idea | Comment, idea: Idea) -> str | None:
    """Why ``can_edit_idea`` (``item`` is ``idea``) or ``can_edit_comment``
    (``item`` is a comment on ``idea``) refuses the author, as a key of
    ``refusals.EDIT_REFUSALS``, so the answer names the real reason. None while the
    edit is allowed, and for anyone but the author (who learns nothing)."""
    if not is_author(user, item):
        return None
    if user.is_blocked:
        return "blocked"
    if idea.awaiting_approval:
        return "awaiting"
    if item is idea and idea.is_held_for_edit:
        return None  # a moderator asked for the edit: whatever the time or status
    if item.is_hidden or idea.is_hidden:
        return "hidden"
    if idea.status == IdeaStatus.WITHDRAWN:
        return "withdrawn"
    if idea.status == IdeaStatus.MERGED:
        return "merged"
    if item is idea:
        if idea.status != IdeaStatus.NEW:
            return "handled"
        # An answer stays as the jury read it once the deadline has passed.
        if idea.challenge_id is not None and not idea.challenge.accepts_answers_now:
            return "answer closed"
        return "time" if edit_time_is_over(idea_edit_until(idea)) else None
    return "time" if edit_time_is_over(comment_edit_until(item)) else None  # type: ignore[arg-type]


def can_see_own_idea(user: Any, idea: Idea) -> bool:
    """The page tells its author it is their own (instead of a support button)."""
    return is_author(user, idea)


def can_support(user: Any, idea: Idea) -> bool:
    return is_participant(user) and idea_is_open(idea) and not is_author(user, idea)


def can_log_in_to_take_part(user: Any, idea: Idea) -> bool:
    """A visitor who could support and comment after logging in."""
    return not is_authenticated(user) and idea_is_open(idea)


def can_flag(user: Any, item: Idea | Comment, idea: Idea) -> bool:
    """Report an idea or a comment to the moderators."""
    return (
        is_participant(user)
        and not is_author(user, item)
        and not item.is_hidden
        and not idea.is_hidden
    )


def can_moderate(user: Any) -> bool:
    """The moderation queue, hiding and restoring, the moderation log."""
    return is_moderator(user)


def can_block(user: Any, citizen: Any) -> bool:
    """Moderators block citizens (never staff, never themselves)."""
    return is_moderator(user) and citizen.role == Role.CITIZEN and citizen.id != user.id


def can_set_review_status(user: Any, idea: Idea) -> bool:
    """Mark a new idea as under review (or back as new)."""
    return is_moderator(user) and idea.is_public and idea.status in REVIEW_STATUSES


def can_merge(user: Any, idea: Idea) -> bool:
    """Mark a public idea the municipality has not taken up as a duplicate;
    or one waiting for approval (it is then published as the duplicate it is)."""
    shown = idea.is_public or idea.awaiting_approval
    return is_moderator(user) and shown and idea.status in REVIEW_STATUSES


def can_hand_over(user: Any, idea: Idea) -> bool:
    """Hand a public idea to a department (once: the service refuses twice)."""
    return is_moderator(user) and idea.is_public and idea.status in REVIEW_STATUSES


def can_view_inbox(user: Any) -> bool:
    """The list of hand-overs and their deadlines."""
    return is_staff(user)


def is_official_of(user: Any, department_id: int) -> bool:
    return has_role(user, Role.OFFICIAL) and user.department_id == department_id


def can_answer(user: Any, hand_over: HandOver) -> bool:
    """Only an official of the department the idea was handed to (or an admin)."""
    return is_official_of(user, hand_over.department_id) or is_admin(user)


def is_staff(user: Any) -> bool:
    return has_role(user, Role.OFFICIAL, Role.MODERATOR, Role.ADMIN)


def can_thank(user: Any, idea: Idea) -> bool:
    """Staff write (and revise) the public thank-you note on an idea the
    municipality has carried out, while it is public."""
    return is_staff(user) and idea.is_public and idea.status == IdeaStatus.IMPLEMENTED


def can_manage_meetings(user: Any) -> bool:
    """Create meetings, build agendas, record decisions."""
    return has_role(user, Role.OFFICIAL, Role.ADMIN)


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    """Published meetings are public; drafts are for officials."""
    return meeting.is_published or can_manage_meetings(user)


def can_pick_for_report(user: Any) -> bool:
    """Mark comments to be printed in the meeting report."""
    return has_role(user, Role.MODERATOR, Role.OFFICIAL, Role.ADMIN)


def can_view_period_report(user: Any) -> bool:
    """What was handed over to a department between two dates."""
    return can_view_inbox(user)


def can_read_metrics() -> bool:
    """/metrics is the operator's, whoever is logged in: a request from an
    address in METRICS_ALLOW, or one bearing METRICS_TOKEN."""
    token = current_app.config["METRICS_TOKEN"]
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    networks = [n.strip() for n in current_app.config["METRICS_ALLOW"].split(",") if n.strip()]
    return any(address in ipaddress.ip_network(n, strict=False) for n in networks)


def can_administer(user: Any) -> bool:
    """Users and roles, departments, categories, settings."""
    return is_admin(user)


def can_follow(user: Any) -> bool:
    """Follow ideas and categories, and choose how to hear about them."""
    return is_authenticated(user) and user.is_verified


def can_edit_profile(user: Any) -> bool:
    return is_authenticated(user)


def can_view_outbox(user: Any) -> bool:
    return is_admin(user)


# --- helpers for views and templates -----------------------------------------------


def deny(reason: object | None = None) -> NoReturn:
    """Refuse the request: visitors are sent to log in and come back to the
    page they were on (after a POST, the page the form was on); someone
    logged in is told ``reason`` (why, and what to do) when there is one."""
    if not is_authenticated(current_user):
        abort(login_manager.unauthorized())  # portal.security: log in, then come back
    if reason is not None:
        abort(make_response(render_error(403, reason)))
    abort(403)


def require(allowed: bool, reason: object | None = None) -> None:
    """Stop the request unless the rule allowed it (see ``deny``)."""
    if not allowed:
        deny(reason)


def can_answer_for_a_department(user: Any) -> bool:
    """Officials (and admins) answer hand-overs; which ones is ``can_answer``."""
    return has_role(user, Role.OFFICIAL, Role.ADMIN)


# The rules of open calls live beside this module; they are rules like these.
from portal.permissions.challenges import (  # noqa: E402
    can_answer_challenge,
    can_create_challenge,
    can_evaluate,
    can_give_idea_as_answer,
    can_invite_answerers,
    can_manage_challenge,
    can_manage_jury,
    can_manage_nominations,
    can_manage_terms,
    can_nominate,
    can_view_challenge,
    can_view_pyramid,
    can_view_ranking,
    can_view_results_report,
    is_jury_member,
    is_still_scoring,
)
from portal.permissions.photos import can_hide_photo, can_unhide_photo, can_view_photo  # noqa: E402

_RULES = {
    name.removeprefix("can_"): fn
    for name, fn in dict(globals()).items()
    if name.startswith("can_") and callable(fn)
}


class _TemplateRules:
    """``can.edit_idea(idea)`` in templates asks ``can_edit_idea(current_user, idea)``."""

    def __getattr__(self, name: str) -> Callable[..., bool]:
        rule = _RULES[name]
        return partial(rule, current_user._get_current_object())


def init_app(app: Flask) -> None:
    from portal.permissions.gates import gate_staff_pages

    app.before_request(gate_staff_pages)

    @app.context_processor
    def _inject_can() -> dict:
        return {
            "can": _TemplateRules(),
            "idea_edit_until": idea_edit_until,
            "comment_edit_until": comment_edit_until,
        }


# Why a rule refuses, and the helper views use to tell the person: kept in
# refusals.py (they need the rules above).
from portal.permissions.refusals import refusal, require_rule  # noqa: E402

__all__ = [
    "can_answer_challenge",
    "can_create_challenge",
    "can_evaluate",
    "can_give_idea_as_answer",
    "can_invite_answerers",
    "can_manage_challenge",
    "can_manage_jury",
    "can_manage_nominations",
    "can_nominate",
    "can_manage_terms",
    "can_view_challenge",
    "can_hide_photo",
    "can_unhide_photo",
    "can_view_photo",
    "can_view_ranking",
    "can_view_pyramid",
    "can_view_results_report",
    "is_jury_member",
    "is_still_scoring",
    "refusal",
    "require_rule",
]
