"""The printed report's bar chart, laid out in Python so the template only
draws what it is given (the same SVG in the browser's print view and the PDF)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.ideas.models import Idea

MAX_BARS = 30
ROW = 22  # height of one bar's row in SVG units
WIDTH = 600
LABEL_WIDTH = 60  # the "Idea no. 12" column
BAR_SPACE = 440  # the longest bar; the rest leaves room for its number


@dataclass(frozen=True)
class Bar:
    idea: Idea
    y: float  # top of the row
    length: float

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
