"""What happened on one idea, as the events an instant mail tells of.

An instant notification is held back for ``NOTIFY_COALESCE_MINUTES``; news
about the same idea for the same person in that time joins it, and the mail
is written again as one "news about the idea" mail listing every event
(``idea_updates``). Each event is plain data kept with the mail (``about``),
so the mail can also be written again without a comment hidden since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.comments.models import Comment
from portal.extensions import db
from portal.sanitize import render_markdown

# The instant mail that lists several events about one idea.
COMBINED = "idea_updates"


def comment_event(comment_id: int) -> dict[str, Any]:
    return {"kind": "new_comment", "comment": comment_id}


def status_event(status: str, note: str, cause: str | None) -> dict[str, Any]:
    return {"kind": "status_changed", "status": status, "note": note, "cause": cause}


def answer_event(answer: str, new_status: str | None) -> dict[str, Any]:
    return {"kind": "idea_answered", "answer": answer, "new_status": new_status}


@dataclass
class Item:
    """One event as the combined mail shows it."""

    kind: str
    comment: Comment | None = None
    status: str | None = None
    cause: str | None = None
    note: str = ""
    note_html: str = ""


def items(events: list[dict[str, Any]]) -> list[Item]:
    """The events that are still public, oldest first (one query for comments)."""
    ids = [e["comment"] for e in events if e["kind"] == "new_comment"]
    comments = {
        c.id: c
        for c in db.session.scalars(
            select(Comment)
            .options(joinedload(Comment.author))
            .where(Comment.id.in_(ids), Comment.public)
        )
    }
    shown = []
    for event in events:
        if event["kind"] == "new_comment":
            if event["comment"] in comments:
                shown.append(Item("new_comment", comment=comments[event["comment"]]))
        elif event["kind"] == "status_changed":
            note = event.get("note") or ""
            shown.append(
                Item(
                    "status_changed",
                    status=event["status"],
                    cause=event.get("cause"),
                    note=note,
                    note_html=render_markdown(note) if note else "",
                )
            )
        else:
            answer = event.get("answer") or ""
            shown.append(
                Item(
                    "idea_answered",
                    status=event.get("new_status"),
                    note=answer,
                    note_html=render_markdown(answer),
                )
            )
    return shown


def about(idea_id: int, events: list[dict[str, Any]]) -> dict[str, Any]:
    """What a mail of these events names, for the send checks."""
    comments = [e["comment"] for e in events if e["kind"] == "new_comment"]
    return {"ideas": [idea_id], "comments": comments, "events": events}
