"""How the jury's scores become a ranking, in one documented place.

For each answer and criterion: the **mean** of the members' scores, their
**spread** (the population standard deviation: 0 when all agree) and how many
scored it. An answer's **total** is the weighted mean of its criterion means,
``Σ weight × mean / Σ weight`` over the criteria someone scored, on the same
0–scale as the scores. Members who declared a conflict of interest on an
answer gave it no scores and so count nowhere. Answers are ranked by total,
highest first; unscored answers come last.

Supports do not count — unless the owner adds **public support** as a
criterion. Its score is computed, not given: ``scale × s / s_max``, where
``s`` is the answer's number of supports and ``s_max`` the most supports any
public answer of the challenge has (all 0 while no answer has a supporter).
Supports count as they were at the deadline (``Answer.supports_at_close``):
supports given later change no score and no published result.
The most supported answer scores the full scale, one with half its supports
half of it; its "count" is the number of supports and it has no spread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import sqrt
from typing import Protocol

from portal.challenges.models import Challenge, Criterion
from portal.ideas.models import Idea


class ScoreValue(Protocol):
    """A score as the ranking needs it (a ``Score`` or a row of its columns)."""

    idea_id: int
    criterion_id: int
    value: int


@dataclass(frozen=True)
class Figures:
    mean: float | None
    spread: float | None
    count: int


@dataclass
class Ranked:
    idea: Idea
    total: float | None
    criteria: dict[int, Figures] = field(default_factory=dict)
    conflicts: int = 0

    @property
    def scored(self) -> bool:
        return self.total is not None


def figures(values: list[int]) -> Figures:
    """Mean, population standard deviation and count (in floats: the
    ``statistics`` module's exact fractions cost too much for a ranking of
    thousands of scores)."""
    if not values:
        return Figures(None, None, 0)
    n = len(values)
    mean = sum(values) / n
    return Figures(mean, sqrt(sum((v - mean) ** 2 for v in values) / n), n)


def weighted_total(criteria: list[Criterion], by_criterion: dict[int, Figures]) -> float | None:
    """None until a member has scored the answer on some criterion."""
    if not any(by_criterion[c.id].count for c in criteria if not c.from_supports):
        return None
    scored = [
        (c.weight, by_criterion[c.id].mean)
        for c in criteria
        if c.from_supports or by_criterion[c.id].count
    ]
    return sum(w * m for w, m in scored) / sum(w for w, _m in scored)  # type: ignore[operator]


def support_figures(supports: int, most: int, scale: int) -> Figures:
    """The public-support criterion's score (the formula above)."""
    return Figures(scale * supports / most if most else 0.0, None, supports)


def rank(
    challenge: Challenge,
    ideas: list[Idea],
    scores: Iterable[ScoreValue],
    conflicts: dict[int, int] | None = None,
    supports: Mapping[int, int] | None = None,
) -> list[Ranked]:
    """``ideas``: the challenge's public answers to rank; ``supports``: the
    supports of every public answer as the criterion counts them
    (``jury_queries.supports_of``; when not given, the ideas' own counts)."""
    criteria = challenge.criteria
    if supports is None:
        supports = {i.id: i.support_count for i in ideas}
    most_supports = max(supports.values(), default=0)
    values: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in scores:
        values[s.idea_id, s.criterion_id].append(s.value)
    ranked = []
    for idea in ideas:
        by_criterion = {
            c.id: support_figures(supports.get(idea.id, 0), most_supports, challenge.scale_max)
            if c.from_supports
            else figures(values.get((idea.id, c.id), []))
            for c in criteria
        }
        ranked.append(
            Ranked(
                idea,
                weighted_total(criteria, by_criterion),
                by_criterion,
                (conflicts or {}).get(idea.id, 0),
            )
        )
    ranked.sort(key=lambda r: (r.total is None, -(r.total or 0), r.idea.id))
    return ranked
