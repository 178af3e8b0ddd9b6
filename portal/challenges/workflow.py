"""The phases a challenge moves through, in one table."""

from __future__ import annotations

from portal.challenges.models import Challenge, Phase

TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.DRAFT: frozenset({Phase.OPEN, Phase.CANCELLED}),
    Phase.OPEN: frozenset({Phase.EVALUATION, Phase.CANCELLED}),
    Phase.EVALUATION: frozenset({Phase.RESULTS, Phase.CANCELLED}),
    Phase.RESULTS: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
    Phase.CANCELLED: frozenset(),
}
FINISHED = (Phase.CLOSED, Phase.CANCELLED)


def allowed(now: Phase, to: Phase) -> bool:
    return to in TRANSITIONS[now]


def criteria_locked(challenge: Challenge) -> bool:
    """The criteria and the scale stay as they were once the jury may score."""
    return challenge.phase not in (Phase.DRAFT, Phase.OPEN, None)
