"""Staff pages whose address carries an id ask their gate before anything
is looked up, so a visitor or citizen gets the same answer for an id that
exists and one that does not (no enumeration). The view still asks the rule
for the object itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from flask_login import current_user

from portal.permissions import (
    can_answer_for_a_department,
    can_create_challenge,
    can_manage_meetings,
    can_manage_terms,
    can_moderate,
    can_pick_for_report,
    require,
)

STAFF_GATES: dict[str, Callable[[Any], bool]] = {
    **dict.fromkeys(
        (
            "moderation.act", "moderation.approve", "moderation.block", "moderation.dismiss",
            "moderation.edit_idea", "moderation.merge", "moderation.review_status",
            "moderation.hand_over", "moderation.ask_to_edit",
        ),
        can_moderate,
    ),
    **dict.fromkeys(
        (
            "municipality.add_to_agenda", "municipality.agenda_item", "municipality.decision",
            "municipality.add_challenge", "municipality.remove_challenge",
            "municipality.edit_meeting", "municipality.publish", "municipality.minutes_page",
            "municipality.approve_minutes",
        ),
        can_manage_meetings,
    ),
    "municipality.answer": can_answer_for_a_department,
    "comments.pick_for_report": can_pick_for_report,
    **dict.fromkeys(
        (
            "challenges.edit", "challenges.phase", "challenges.cancel", "challenges.jury",
            "challenges.remove_juror", "challenges.ranking", "challenges.results",
            "challenges.invitations_page", "nominations.call",
        ),
        can_create_challenge,
    ),
    "challenges.terms_edit": can_manage_terms,
}  # fmt: skip


def gate_staff_pages() -> None:
    gate = STAFF_GATES.get(request.endpoint or "")
    if gate is not None:
        require(gate(current_user))
