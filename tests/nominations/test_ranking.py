"""The pyramid's ranking, on a graph small enough to solve by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from portal.nominations.ranking import DAMPING, pagerank


def test_the_worked_example_of_the_documentation():
    # Citizen A nominates B and C; B took part and nominates C. With d = 0.85
    # and C passing its weight to everyone (it nominates nobody):
    #   a = 0.05 + 0.85·c/3
    #   b = 0.05 + 0.85·(a/2 + c/3)
    #   c = 0.05 + 0.85·(a/2 + b + c/3)
    # whose solution is a = 800/4049, b = 1140/4049, c = 2109/4049.
    assert Fraction(DAMPING).limit_denominator(100) == Fraction(85, 100)
    weights = pagerank(["A", "B", "C"], [("A", "B"), ("A", "C"), ("B", "C")])
    assert weights["A"] == pytest.approx(800 / 4049, abs=1e-9)
    assert weights["B"] == pytest.approx(1140 / 4049, abs=1e-9)
    assert weights["C"] == pytest.approx(2109 / 4049, abs=1e-9)
    assert sum(weights.values()) == pytest.approx(1)


def test_a_nomination_by_someone_nominated_counts_more():
    # X and Y are each nominated once: X by a citizen nobody nominated, Y by
    # a nominee (N, nominated by two citizens).
    edges = [("c1", "X"), ("c2", "N"), ("c3", "N"), ("N", "Y")]
    weights = pagerank(["c1", "c2", "c3", "N", "X", "Y"], edges)
    assert weights["Y"] > weights["X"]


def test_no_nodes_no_weights():
    assert pagerank([], []) == {}
