"""The pyramid's ranking, on graphs small enough to solve by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from portal.nominations.ranking import DAMPING, pagerank


def test_the_worked_example_of_the_documentation():
    # Citizen A nominates B and C; B took part and nominates C; each has
    # L = 3 votes. With d = 0.85, the votes not cast (A: 1 of 3, B: 2 of 3,
    # C: all) spread over the three, D = a/3 + 2b/3 + c:
    #   a = 0.05 + 0.85·D/3
    #   b = 0.05 + 0.85·(a/3 + D/3)
    #   c = 0.05 + 0.85·(a/3 + b/3 + D/3)
    # whose solution is a = 3600/14149, b = 4620/14149, c = 5929/14149.
    assert Fraction(DAMPING).limit_denominator(100) == Fraction(85, 100)
    weights = pagerank(["A", "B", "C"], [("A", "B"), ("A", "C"), ("B", "C")], votes=3)
    assert weights["A"] == pytest.approx(3600 / 14149, abs=1e-9)
    assert weights["B"] == pytest.approx(4620 / 14149, abs=1e-9)
    assert weights["C"] == pytest.approx(5929 / 14149, abs=1e-9)
    assert sum(weights.values()) == pytest.approx(1)


def test_with_one_vote_it_is_the_classic_pagerank():
    # L = 1 (more arrows than votes): A's weight is split between B and C.
    #   a = 0.05 + 0.85·c/3,  b = 0.05 + 0.85·(a/2 + c/3),  c = 0.05 + 0.85·(a/2 + b + c/3)
    weights = pagerank(["A", "B", "C"], [("A", "B"), ("A", "C"), ("B", "C")])
    assert weights["A"] == pytest.approx(800 / 4049, abs=1e-9)
    assert weights["B"] == pytest.approx(1140 / 4049, abs=1e-9)
    assert weights["C"] == pytest.approx(2109 / 4049, abs=1e-9)


def test_a_nomination_by_someone_nominated_counts_more():
    # X and Y are each nominated once: X by a citizen nobody nominated, Y by
    # a nominee (N, nominated by two citizens).
    edges = [("c1", "X"), ("c2", "N"), ("c3", "N"), ("N", "Y")]
    weights = pagerank(["c1", "c2", "c3", "N", "X", "Y"], edges, votes=3)
    assert weights["Y"] > weights["X"]


def test_naming_only_one_person_does_not_make_the_nomination_worth_more():
    # Q is named by one citizen who names nobody else; X by three citizens
    # who each also name two others. The names that come up again and again win.
    edges = [("lone", "Q")]
    for citizen in ("c1", "c2", "c3"):
        edges += [(citizen, "X"), (citizen, f"{citizen}-a"), (citizen, f"{citizen}-b")]
    nodes = {node for edge in edges for node in edge}
    weights = pagerank(nodes, edges, votes=3)
    assert weights["X"] > weights["Q"]
    assert weights["Q"] == pytest.approx(weights["c1-a"])  # one vote is one vote
    classic = pagerank(nodes, edges)  # without the votes, one nomination weighs as much as three
    assert classic["Q"] == pytest.approx(classic["X"])


def test_no_nodes_no_weights():
    assert pagerank([], []) == {}
