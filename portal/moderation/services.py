"""Moderation: flags, hiding and restoring ideas and comments, the log.

Every action writes a log entry; hiding tells the author why (by mail,
in their language) and takes the item out of every list, search and count.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, literal, select, update

from portal.accounts.models import User
from portal.comments.models import Comment
from portal.errors import DomainError
from portal.extensions import db
from portal.hooks import content_withdrawn
from portal.ideas import services as idea_services
from portal.ideas import tally, workflow
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import queue_mail
from portal.moderation import chain
from portal.moderation.models import Flag, FlagReason, LogEntry
from portal.notifications import announcements
from portal.supports.models import Support
from portal.timeutil import utcnow
from portal.urls import absolute_url
from portal.versions import services as versions
from portal.versions.models import By, Kind, Revision

Target = Idea | Comment | User


class ModerationError(DomainError):
    """The action does not fit the item's state."""

    messages = {
        "reason": _l("Please give a reason."),
        "already hidden": _l("It is already hidden."),
        "not hidden": _l("It is not hidden."),
        "not waiting": _l("This idea is not waiting for approval."),
        "not blocked": _l("This participant is not blocked."),
        "itself": _l("An idea cannot be merged into itself."),
        "duplicate handled": _l(
            "This idea is already with the municipality: it can no longer be merged."
        ),
        "target closed": _l(
            "That idea is hidden, withdrawn or merged itself: choose the idea it was merged into."
        ),
        "duplicate closed": _l("This idea is hidden, withdrawn or already merged."),
        "newest version": _l(
            "This is the version the page shows: correct the idea, or hide it or the comment,"
            " instead."
        ),
    }


def kind(target: db.Model) -> str:
    """What the log calls a target: idea, comment, user, meeting, department…"""
    table = target.__tablename__
    return {"user_account": "user", "revision": "version"}.get(table, table)


def log(
    actor: User | None,
    action: str,
    target: db.Model,
    reason: str | None = None,
    **details: int | str,
) -> None:
    """Add an entry; ``details`` are ids and keys (see ``LogEntry.details``)."""
    chain.append(
        LogEntry(
            actor_id=actor.id if actor else None,
            action=action,
            target_type=kind(target),
            target_id=target.id,
            reason=reason or None,
            details=json.dumps(details, sort_keys=True) if details else None,
        )
    )


def _flag_filter(target: Target):
    column = Flag.idea_id if isinstance(target, Idea) else Flag.comment_id
    return column == target.id


def has_open_flag(user: User, target: Target) -> bool:
    return (
        db.session.scalar(
            select(Flag.id).where(
                _flag_filter(target), Flag.reporter_id == user.id, Flag.resolved_at.is_(None)
            )
        )
        is not None
    )


def flag(reporter: User, target: Target, reason: FlagReason, note: str = "") -> Flag | None:
    """Flag an item; None when this citizen already has an open flag on it."""
    if has_open_flag(reporter, target):
        return None
    item = Flag(reporter_id=reporter.id, reason=reason, note=note or None)
    if isinstance(target, Idea):
        item.idea_id = target.id
    else:
        item.comment_id = target.id
    db.session.add(item)
    db.session.flush()
    return item


def _resolve_flags(target: Target, moderator: User, resolution: str) -> None:
    db.session.execute(
        update(Flag)
        .where(_flag_filter(target), Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolution=resolution, resolved_by_id=moderator.id)
    )


def _idea_of(target: Target) -> Idea:
    if isinstance(target, Idea):
        return target
    idea = db.session.get(Idea, target.idea_id)
    assert idea is not None  # noqa: S101 - a comment always has its idea
    return idea


def _tell_author(target: Target, template: str, reason: str) -> None:
    author = db.session.get(User, target.author_id)
    idea = _idea_of(target)
    queue_mail(
        template,
        author.email,
        author.locale,
        user=author,
        idea=idea,
        what=kind(target),
        reason=reason,
        url=absolute_url("ideas.detail", idea_id=idea.id),
    )


def hide(moderator: User, target: Target, reason: str) -> None:
    """Hide an idea or a comment with a public reason; its open flags are
    resolved, the author is told, and it leaves every list and count.
    Hiding an idea that waits for approval rejects it."""
    if not reason.strip():
        raise ModerationError("reason")
    if is_hidden(target) and not may_hide_again(target):
        raise ModerationError("already hidden")
    if isinstance(target, Idea):
        with tally.tracking(target):
            target.hidden_at = target.hidden_at or utcnow()
            target.hidden_reason, target.awaiting_approval = reason, False
            target.edit_requested_at = None  # a moderator decided: no edit will bring it back
    else:
        idea_services.lock_figures(target.idea_id)
        target.hidden_at, target.hidden_reason = utcnow(), reason
        db.session.flush()
        idea_services.refresh_figures(_idea_of(target))
    _resolve_flags(target, moderator, "hidden")
    log(moderator, "hide", target, reason)
    content_withdrawn.send(kind(target))  # e.g. cached reports that printed it
    _tell_author(target, "content_hidden", reason)


def may_hide_again(target: Target) -> bool:
    """An idea held for its author's edit may still be hidden outright
    (the author did not, or could not, put it right)."""
    return isinstance(target, Idea) and target.is_held_for_edit


def is_hidden(target: Target) -> bool:
    """Hidden by a moderator (an idea waiting for approval is not, yet)."""
    if isinstance(target, Idea):
        return bool(target.hidden_by_moderator)
    return target.is_hidden


def approve(moderator: User, idea: Idea) -> None:
    """Publish an idea pre-moderation held back, or one its author edited
    at a moderator's request (announced once: when it was first published)."""
    if not idea.awaiting_approval:
        raise ModerationError("not waiting")
    edited_on_request = idea.edit_requested_at is not None
    with tally.tracking(idea):
        idea.hidden_at, idea.awaiting_approval, idea.edit_requested_at = None, False, None
    log(moderator, "approve", idea)
    _tell_author(idea, "idea_approved", "")
    if not edited_on_request:
        announcements.new_idea(idea)


def ask_to_edit(moderator: User, idea: Idea, reason: str) -> None:
    """Hold an idea until its author has edited it (a phone number to take
    out, say), instead of hiding it: it leaves the lists as a hidden idea
    does, the author is told why and may edit it whatever its edit window;
    the edit sends it back to the queue (``ideas.services.edit_idea``)."""
    if not reason.strip():
        raise ModerationError("reason")
    if idea.hidden_at is not None:
        raise ModerationError("already hidden")
    with tally.tracking(idea):
        idea.hidden_at, idea.hidden_reason = utcnow(), reason
        idea.edit_requested_at = idea.hidden_at
    _resolve_flags(idea, moderator, "hidden")
    log(moderator, "edit_requested", idea, reason)
    content_withdrawn.send("idea")  # e.g. cached reports that printed it
    _tell_author(idea, "edit_requested", reason)


def restore(moderator: User, target: Target, reason: str) -> None:
    if not reason.strip():
        raise ModerationError("reason")
    if not is_hidden(target):
        raise ModerationError("not hidden")
    if isinstance(target, Idea):
        with tally.tracking(target):
            target.hidden_at = target.hidden_reason = target.edit_requested_at = None
    else:
        idea_services.lock_figures(target.idea_id)
        target.hidden_at = target.hidden_reason = None
        db.session.flush()
        idea_services.refresh_figures(_idea_of(target))
    log(moderator, "restore", target, reason)
    _tell_author(target, "content_restored", reason)


def dismiss_flags(moderator: User, target: Target, reason: str = "") -> None:
    _resolve_flags(target, moderator, "dismissed")
    log(moderator, "dismiss_flags", target, reason)


def bulk(
    moderator: User, action: str, targets: Iterable[Target], reason_for: Callable[[Target], str]
) -> int:
    """Hide, or dismiss the flags of, many items at once, each with its
    reason (a standard one is in each author's language); returns how many
    were changed (items already in that state are skipped)."""
    done = 0
    for target in targets:
        if action == "hide" and (not is_hidden(target) or may_hide_again(target)):
            hide(moderator, target, reason_for(target))
            done += 1
        elif action == "dismiss":
            dismiss_flags(moderator, target, reason_for(target))
            done += 1
    return done


def block(moderator: User, citizen: User, reason: str, days: int | None) -> None:
    """Block a citizen for some days, or until further notice (days=None)."""
    if not reason.strip():
        raise ModerationError("reason")
    now = utcnow()
    citizen.blocked_at = now
    citizen.blocked_until = now + timedelta(days=days) if days else None
    citizen.blocked_reason = reason
    log(moderator, "block", citizen, reason)
    queue_mail(
        "account_blocked",
        citizen.email,
        citizen.locale,
        user=citizen,
        reason=reason,
        until=citizen.blocked_until,
    )


def unblock(moderator: User, citizen: User, reason: str) -> None:
    if not citizen.is_blocked:
        raise ModerationError("not blocked")
    citizen.blocked_at = citizen.blocked_until = citizen.blocked_reason = None
    log(moderator, "unblock", citizen, reason)


def edit_idea(moderator: User, idea: Idea, title: str, category_id: int, reason: str) -> bool:
    """Correct an idea's title (typos) or move it to another category; the
    log keeps what changed and why. False when nothing changed."""
    if not reason.strip():
        raise ModerationError("reason")
    changes: dict[str, int | str] = {}
    if title != idea.title:
        changes |= {"title_from": idea.title, "title_to": title}
    if category_id != idea.category_id:
        changes |= {"category_from": idea.category_id, "category_to": category_id}
    if not changes:
        return False
    with tally.tracking(idea):
        idea.title, idea.category_id = title, category_id
        idea.edited_at = utcnow()
    versions.keep(
        Kind.IDEA, idea.id, idea.id, idea.body, moderator.id, By.MODERATOR, title=title,
        category_id=category_id, reason=reason,
    )  # fmt: skip
    log(moderator, "edit", idea, reason, **changes)
    return True


def merge(moderator: User, duplicate: Idea, into: Idea, reason: str) -> None:
    """Mark ``duplicate`` as a duplicate of ``into``. Its supporters support
    ``into`` too, without anyone counted twice (nor its author); its page
    keeps working, links to ``into`` and keeps its comments."""
    if not reason.strip():
        raise ModerationError("reason")
    if duplicate.id == into.id:
        raise ModerationError("itself")
    if not into.is_public:
        raise ModerationError("target closed")
    if duplicate.awaiting_approval and workflow.allowed(duplicate.status, IdeaStatus.MERGED):
        # Held back by pre-moderation: published as the duplicate it is.
        with tally.tracking(duplicate):
            duplicate.hidden_at, duplicate.awaiting_approval = None, False
    if not duplicate.is_public:
        raise ModerationError("duplicate closed")
    if not workflow.allowed(duplicate.status, IdeaStatus.MERGED):
        raise ModerationError("duplicate handled")
    for idea_id in sorted((duplicate.id, into.id)):  # one lock order: no deadlocks
        idea_services.lock_figures(idea_id)
    already = select(Support.user_id).where(Support.idea_id == into.id)
    movers = select(literal(into.id), Support.user_id, Support.created_at).where(
        Support.idea_id == duplicate.id,
        Support.user_id.not_in(already),
        Support.user_id != into.author_id,
    )
    db.session.execute(insert(Support).from_select(["idea_id", "user_id", "created_at"], movers))
    duplicate.merged_into_id = into.id
    # Its author and followers (its supporters among them) are told by mail.
    idea_services.change_status(duplicate, IdeaStatus.MERGED, moderator, reason)
    db.session.flush()
    idea_services.refresh_figures(into)
    log(moderator, "merge", duplicate, reason, into=into.id)


def hide_version(moderator: User, revision: Revision, reason: str) -> None:
    """Hide an older version of an idea or a comment (or of an answer or a
    decision), e.g. for personal data its author has edited out since: the
    history then says only that it was hidden, when and why. The version
    the page shows cannot be hidden this way (the idea or the comment is,
    or corrected)."""
    if not reason.strip():
        raise ModerationError("reason")
    if revision.hidden_at is not None:
        raise ModerationError("already hidden")
    if revision.number == versions.newest_number(revision):
        raise ModerationError("newest version")
    revision.hidden_at, revision.hidden_reason = utcnow(), reason
    log(moderator, "version_hidden", revision, reason, idea=revision.idea_id)
    author = db.session.get(User, versions.author_of(revision) or 0)
    if author is not None and author.erased_at is None:
        idea = db.session.get(Idea, revision.idea_id)
        queue_mail(
            "version_hidden", author.email, author.locale, user=author, idea=idea,
            what=revision.kind, number=revision.number, reason=reason,
            url=absolute_url("versions.history", idea_id=idea.id),
        )  # fmt: skip


def restore_version(moderator: User, revision: Revision, reason: str) -> None:
    if not reason.strip():
        raise ModerationError("reason")
    if revision.hidden_at is None:
        raise ModerationError("not hidden")
    revision.hidden_at = revision.hidden_reason = None
    log(moderator, "version_restored", revision, reason, idea=revision.idea_id)
