from __future__ import annotations

from portal.ideas.models import Idea
from portal.reports.chart import BAR_SPACE, MAX_BARS, ROW, supporters_chart


def _ideas(*counts: int) -> list[Idea]:
    return [Idea(id=n + 1, support_count=c) for n, c in enumerate(counts)]


def test_bars_are_as_long_as_their_support_relative_to_the_top():
    chart = supporters_chart(_ideas(40, 10, 0))
    assert [b.length for b in chart.bars] == [BAR_SPACE, BAR_SPACE / 4, 1]
    assert [b.y for b in chart.bars] == [5, 5 + ROW, 5 + 2 * ROW]
    assert chart.height == 3 * ROW + 10
    assert chart.bars[0].value_x > chart.bars[1].value_x > chart.bar_x


def test_no_support_at_all_still_draws_a_sliver_per_idea():
    assert [b.length for b in supporters_chart(_ideas(0, 0)).bars] == [1, 1]


def test_the_chart_shows_at_most_thirty_ideas():
    chart = supporters_chart(_ideas(*range(50)))
    assert len(chart.bars) == MAX_BARS
    assert supporters_chart([]).height == 10


def test_bars_are_labelled_with_the_titles_cut_at_a_word():
    from portal.ideas.models import Idea

    short = Idea(id=1, title="Bænke ved søen", support_count=3)
    long = Idea(
        id=2, title="Solceller på alle egnede kommunale tage i hele kommunen", support_count=1
    )
    labels = [bar.label for bar in supporters_chart([short, long]).bars]
    assert labels == ["Bænke ved søen", "Solceller på alle egnede…"]
