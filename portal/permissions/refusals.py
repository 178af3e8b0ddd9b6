"""Why a rule refuses, in the one sentence the person reads, and
``require_rule``, which tells them. A person refused an action they could
otherwise take is told why from here: views never rebuild reasons from
predicates; anyone who could not act anyway learns nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import abort, flash, redirect
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.ideas.models import IdeaStatus
from portal.permissions import (
    can_answer,
    can_comment,
    can_edit_comment,
    can_edit_idea,
    can_hand_over,
    can_merge,
    can_set_review_status,
    can_support,
    can_thank,
    can_view_inbox,
    can_withdraw_idea,
    deny,
    edit_refusal,
    idea_is_closed,
    is_author,
    is_moderator,
    is_participant,
    is_staff,
)

if TYPE_CHECKING:
    from portal.comments.models import Comment
    from portal.ideas.models import Idea
    from portal.municipality.models import HandOver


# Why an author may no longer edit what they wrote (``edit_refusal``).
EDIT_REFUSALS = {
    "blocked": _l("Editing is not possible: your account is blocked."),
    "hidden": _l("Editing is no longer possible: it has been hidden by a moderator."),
    "awaiting": _l("Editing is not possible while the idea waits for a moderator's approval."),
    "withdrawn": _l("Editing is no longer possible: the idea has been withdrawn."),
    "merged": _l("Editing is no longer possible: the idea has been merged with another idea."),
    "handled": _l("Editing is no longer possible: the idea is already being dealt with."),
    "time": _l("The time for editing has run out."),
    "answer closed": _l(
        "Editing is no longer possible: the challenge this idea answers no longer takes answers."
    ),
}


def edit_refusal_message(user: Any, item: Idea | Comment, idea: Idea) -> str | None:
    """``edit_refusal`` as the sentence the author is shown."""
    reason = edit_refusal(user, item, idea)
    return None if reason is None else str(EDIT_REFUSALS[reason])


CLOSED_REFUSALS = {
    "withdrawn": _l("This idea has been withdrawn by its author; it can no longer be supported."),
    "merged": _l("This idea has been merged into idea #%(number)s; it can no longer be supported."),
    "withdrawn comment": _l(
        "This idea has been withdrawn by its author; it can no longer receive comments."
    ),
    "merged comment": _l(
        "This idea has been merged into idea #%(number)s; it can no longer receive comments."
    ),
}
REVIEW_REFUSALS = {
    "with the municipality": _l(
        "This idea is with the municipality now: its status changes with the municipality's "
        "answer and with the decisions of the meeting it is put on. The officials of its "
        "department answer it from their hand-overs page."
    ),
    "closed": _l("This idea is hidden, withdrawn or merged: its status no longer changes."),
    "final": _l("This idea has been dealt with: its status no longer changes."),
}
HAND_OVER_REFUSALS = {
    "with the municipality": _l("This idea has already been handed over to the municipality."),
    "closed": _l("This idea is hidden, withdrawn or merged, so it cannot be handed over."),
}
MERGE_REFUSALS = {
    "handled": _l("This idea is already with the municipality: it can no longer be merged."),
    "closed": _l("This idea is hidden, withdrawn or already merged."),
}
ALREADY_WITHDRAWN = _l("This idea is already withdrawn.")


def _closed(idea: Idea, suffix: str = "") -> str:
    """Why a withdrawn or merged idea refuses (``suffix``: for comments)."""
    if idea.status == IdeaStatus.MERGED and idea.merged_into_id:
        return str(CLOSED_REFUSALS["merged" + suffix]) % {"number": idea.merged_into_id}
    return str(CLOSED_REFUSALS["withdrawn" + suffix])


def _support_refusal(user: Any, idea: Idea) -> str | None:
    """A participant who could support the idea, had it not been withdrawn
    or merged meanwhile."""
    if not is_participant(user) or is_author(user, idea) or not idea_is_closed(idea):
        return None
    return _closed(idea)


def _comment_refusal(user: Any, idea: Idea) -> str | None:
    """A participant whose idea was withdrawn or merged while they wrote."""
    if not is_participant(user) or not idea_is_closed(idea):
        return None
    return _closed(idea, " comment")


def _review_refusal(user: Any, idea: Idea) -> str | None:
    if not is_moderator(user):
        return None
    if not idea.is_public:
        return str(REVIEW_REFUSALS["closed"])
    final = idea.status in (IdeaStatus.DECLINED, IdeaStatus.IMPLEMENTED)
    return str(REVIEW_REFUSALS["final" if final else "with the municipality"])


def _hand_over_refusal(user: Any, idea: Idea) -> str | None:
    if not is_moderator(user):
        return None
    return str(HAND_OVER_REFUSALS["with the municipality" if idea.is_public else "closed"])


def _merge_refusal(user: Any, idea: Idea) -> str | None:
    if not is_moderator(user):
        return None
    return str(MERGE_REFUSALS["handled" if idea.is_public else "closed"])


THANKS_REFUSAL = _l(
    "A thank-you note can be written once the idea is implemented (and while it is public)."
)


def _thanks_refusal(user: Any, idea: Idea) -> str | None:
    return str(THANKS_REFUSAL) if is_staff(user) else None


ANSWER_REFUSAL = _l("Only officials of %(department)s can answer this idea.")


def _answer_refusal(user: Any, hand_over: HandOver) -> str | None:
    """Staff who see the hand-overs, but not of this department."""
    if not can_view_inbox(user):
        return None
    return str(ANSWER_REFUSAL) % {"department": hand_over.department.name}


def _withdraw_refusal(user: Any, idea: Idea) -> str | None:
    return str(ALREADY_WITHDRAWN) if is_author(user, idea) and idea.is_withdrawn else None


def refusal(rule: Callable[..., bool], user: Any, *objs: Any) -> str | None:
    """Why ``rule(user, *objs)`` refuses, as the sentence the person reads;
    None when it allows, and for anyone who would learn something they
    should not (the reasons go only to those who could otherwise act)."""
    if rule(user, *objs):
        return None
    explain = _WHY.get(rule)
    return explain(user, *objs) if explain else None


def require_rule(rule: Callable[..., bool], *objs: Any, back: str | None = None) -> None:
    """Stop the request unless ``rule(current_user, *objs)`` allows it. A
    person with a reason (``refusal``) is told it: on the page ``back``
    (flashed) when given, else on the refusal page."""
    user = current_user._get_current_object()
    if rule(user, *objs):
        return
    reason = refusal(rule, user, *objs)
    if reason is not None and back is not None:
        flash(reason, "info")
        abort(redirect(back))
    deny(reason)


_WHY: dict[Callable[..., bool], Callable[..., str | None]] = {
    can_edit_idea: lambda user, idea: edit_refusal_message(user, idea, idea),
    can_edit_comment: edit_refusal_message,
    can_support: _support_refusal,
    can_comment: _comment_refusal,
    can_set_review_status: _review_refusal,
    can_hand_over: _hand_over_refusal,
    can_merge: _merge_refusal,
    can_withdraw_idea: _withdraw_refusal,
    can_answer: _answer_refusal,
    can_thank: _thanks_refusal,
}
