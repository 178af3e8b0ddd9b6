"""The printed report's bar chart, laid out in Python so the template only
draws what it is given (the same SVG in the browser's print view and the PDF)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.ideas.models import Idea

MAX_BARS = 30
ROW = 22  # height of one bar's row in SVG units
WIDTH = 600
LABEL_WIDTH = 190  # the ideas' titles, shortened to LABEL_CHARS
LABEL_CHARS = 30
BAR_SPACE = 360  # the longest bar; the rest leaves room for its number


@dataclass(frozen=True)
class Bar:
    idea: Idea
    y: float  # top of the row
    length: float

    @property
    def label(self) -> str:
        """The idea's title, cut at a word to fit its column."""
        title = " ".join(self.idea.title.split())
        if len(title) <= LABEL_CHARS:
            return title
        return title[: LABEL_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "…"

    @property
    def text_y(self) -> float:
        return self.y + 14

    @property
    def bar_y(self) -> float:
        return self.y + 3

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + 6 + self.length


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int = WIDTH
    bar_x: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return len(self.bars) * ROW + 10


def supporters_chart(ideas: list[Idea]) -> BarChart:
    """One bar per idea (the first ``MAX_BARS``), as long as its support
    relative to the most supported; an idea without support still shows a
    sliver so the row does not look missing."""
    shown = ideas[:MAX_BARS]
    top = max([i.support_count for i in shown] + [1])
    return BarChart(
        [
            Bar(idea, y=n * ROW + 5, length=max(round(idea.support_count / top * BAR_SPACE, 1), 1))
            for n, idea in enumerate(shown)
        ]
    )


# --- the results report: criterion means per awarded answer -----------------------

MEANS_LABEL_WIDTH = 170  # the criterion's name
MEANS_BAR_SPACE = 360
MEANS_ROW = 18
LABEL_MAX = 26  # characters of a criterion's name before it is cut


@dataclass(frozen=True)
class MeanBar:
    label: str  # the criterion (cut to fit)
    mean: float
    y: float
    length: float

    @property
    def text_y(self) -> float:
        return self.y + 12

    @property
    def bar_y(self) -> float:
        return self.y + 2

    @property
    def value_x(self) -> float:
        return MEANS_LABEL_WIDTH + 6 + self.length


@dataclass(frozen=True)
class AnswerGroup:
    idea: Idea
    award: str  # the award's value (first, winner, …)
    y: float  # the baseline of the group's heading
    bars: list[MeanBar]


@dataclass(frozen=True)
class MeansChart:
    groups: list[AnswerGroup]
    height: int
    scale_max: int
    width: int = WIDTH
    bar_x: int = MEANS_LABEL_WIDTH

    @property
    def scale_x(self) -> int:
        """Where the end of the scale is (a thin line marks it)."""
        return MEANS_LABEL_WIDTH + MEANS_BAR_SPACE


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def criterion_means_chart(
    criteria: list, awarded: list[tuple[Idea, str, dict]], scale_max: int
) -> MeansChart:
    """One group per awarded answer (in the order given): a heading, then a
    bar per criterion as long as its mean on the 0–``scale_max`` scale.
    ``awarded``: (idea, award, {criterion id: mean or None})."""
    groups, y = [], 4.0
    for idea, award, means in awarded:
        heading_y = y + 13
        y += MEANS_ROW + 2
        bars = []
        for criterion in criteria:
            mean = means.get(criterion.id) or 0.0
            length = round(mean / scale_max * MEANS_BAR_SPACE, 1) if scale_max else 0
            bars.append(MeanBar(_cut(criterion.name), mean, y, max(length, 1)))
            y += MEANS_ROW
        groups.append(AnswerGroup(idea, award, heading_y, bars))
        y += 10
    return MeansChart(groups, height=int(y) + 4, scale_max=scale_max)
