"""How the jury's scores become a ranking, in one documented place.

For each answer and criterion: the **mean** of the members' scores, their
**spread** (the population standard deviation: 0 when all agree) and how many
scored it. An answer's **total** is the weighted mean of its criterion means,
``Σ weight × mean / Σ weight`` over the criteria someone scored, on the same
0–scale as the scores. Members who declared a conflict of interest on an
answer gave it no scores and so count nowhere. Supports do not count.
Answers are ranked by total, highest first; unscored answers come last.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean, pstdev

from portal.challenges.models import Criterion, Score
from portal.ideas.models import Idea


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
    if not values:
        return Figures(None, None, 0)
    return Figures(fmean(values), pstdev(values), len(values))


def weighted_total(criteria: list[Criterion], by_criterion: dict[int, Figures]) -> float | None:
    scored = [(c.weight, by_criterion[c.id].mean) for c in criteria if by_criterion[c.id].count]
    if not scored:
        return None
    return sum(w * m for w, m in scored) / sum(w for w, _m in scored)  # type: ignore[operator]


def rank(
    criteria: list[Criterion],
    ideas: list[Idea],
    scores: list[Score],
    conflicts: dict[int, int] | None = None,
) -> list[Ranked]:
    values: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in scores:
        values[s.idea_id, s.criterion_id].append(s.value)
    ranked = []
    for idea in ideas:
        by_criterion = {c.id: figures(values.get((idea.id, c.id), [])) for c in criteria}
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
