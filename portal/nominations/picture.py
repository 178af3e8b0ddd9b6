"""The pyramid as a picture, laid out in Python so the template only draws
what it is given (the same SVG on the page, in the print view and the PDF).

One band per round, from the people who came on their own at the bottom to
the last round at the top; one circle per person, its area in proportion to
its weight; an arrow from each nominator to each nominee. Nominees carry
their place in the ranking table (the picture's text alternative), so the
printed picture and table read together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from portal.nominations.queries import Person, Pyramid

LEFT = 130  # the bands' names
SLOT = 44  # the room of one circle across
RIGHT = 16
LINE = 64  # the height of one line of circles; a band wraps after PER_LINE
PER_LINE = 19  # at most 960 units across
MIN_WIDTH = 480
MIN_R, MAX_R = 5.0, 20.0
CITIZEN_R = 4.0
TOP = 16

# Fill, outline and text colour by status (presentation attributes: the
# same in the browser, the print view and the PDF, and no inline CSS).
COLOURS = {
    "took_part": ("#1d4f91", "#1d4f91", "#ffffff"),
    "invited": ("#c9daf3", "#1d4f91", "#1a1a1a"),
    "declined": ("#e6e6e6", "#595959", "#1a1a1a"),
    "expired": ("#e6e6e6", "#595959", "#1a1a1a"),
    "pointer": ("#ffffff", "#595959", "#1a1a1a"),
    "citizen": ("#767676", "#767676", "#1a1a1a"),
}
# The key: status shown, and the label the template gives it.
KEY = ("took_part", "invited", "declined", "pointer", "citizen")


@dataclass(frozen=True)
class Node:
    key: str
    x: float
    y: float
    r: float
    person: Person
    place: int | None  # in the ranking table; None for nominators who came on their own

    @property
    def kind(self) -> str:
        return self.person.row.nominee.status if self.person.row else "citizen"

    @property
    def colours(self) -> tuple[str, str, str]:
        return COLOURS[self.kind]

    @property
    def label_inside(self) -> bool:
        return self.r >= 10

    @property
    def label_y(self) -> float:
        return self.y + 4 if self.label_inside else self.y - self.r - 3


@dataclass(frozen=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Band:
    round: int
    y: float  # top
    height: float

    @property
    def label_y(self) -> float:
        return self.y + self.height / 2 + 4


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    bands: list[Band]
    nodes: list[Node]
    arrows: list[Arrow]

    @property
    def key(self) -> list[tuple[str, tuple[str, str, str]]]:
        """(status, colours) of each entry of the key under the picture."""
        return [(kind, COLOURS[kind]) for kind in KEY]


def _radius(weight: float, heaviest: float) -> float:
    """Area in proportion to weight."""
    if heaviest <= 0:
        return MIN_R
    return MIN_R + (MAX_R - MIN_R) * math.sqrt(weight / heaviest)


def draw(pyramid: Pyramid) -> Picture:
    places = {f"n{row.nominee.id}": i for i, row in enumerate(pyramid.rows, start=1)}
    heaviest = max((row.weight for row in pyramid.rows), default=0.0)
    rounds: dict[int, list[Person]] = {}
    for person in pyramid.people:
        rounds.setdefault(person.round, []).append(person)
    order = sorted(rounds, reverse=True)  # the last round on top
    # Nominators who came on their own sit under the nominees they named
    # (the mean place of those), which keeps arrows short and few crossing.
    named_by: dict[str, list[int]] = {}
    for source, target in pyramid.arrows:
        named_by.setdefault(source, []).append(places.get(target, 0))
    if 0 in rounds:
        rounds[0].sort(key=lambda p: sum(named_by.get(p.key, [0])) / len(named_by.get(p.key, [0])))
    # As wide as the widest band, so a small pyramid is drawn large.
    across_most = min(PER_LINE, max((len(p) for p in rounds.values()), default=1))
    width = max(MIN_WIDTH, LEFT + across_most * SLOT + RIGHT)
    bands, nodes = [], []
    y = TOP
    for number in order:
        people = rounds[number]
        lines = max(1, math.ceil(len(people) / PER_LINE))
        band = Band(number, y, lines * LINE)
        bands.append(band)
        for i, person in enumerate(people):
            line, column = divmod(i, PER_LINE)
            across = min(PER_LINE, len(people) - line * PER_LINE)
            # Each line is centred in the room right of the bands' names.
            start = LEFT + (width - RIGHT - LEFT - across * SLOT) / 2
            r = CITIZEN_R if person.row is None else _radius(person.weight, heaviest)
            nodes.append(
                Node(
                    person.key,
                    start + column * SLOT + SLOT / 2,
                    y + line * LINE + LINE / 2,
                    r,
                    person,
                    places.get(person.key),
                )
            )
        y += band.height
    at = {node.key: node for node in nodes}
    arrows = []
    for source, target in pyramid.arrows:
        a, b = at.get(source), at.get(target)
        if a is None or b is None or a is b:
            continue
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy) or 1.0
        # From the rim of one circle to the rim of the other (the arrowhead
        # ends at the nominee's edge).
        arrows.append(
            Arrow(
                round(a.x + dx * a.r / length, 1),
                round(a.y + dy * a.r / length, 1),
                round(b.x - dx * (b.r + 2) / length, 1),
                round(b.y - dy * (b.r + 2) / length, 1),
            )
        )
    return Picture(width, int(y + TOP), bands, nodes, arrows)
