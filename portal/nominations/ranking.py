"""Who knows most: a damped PageRank over the nomination graph.

Every person is a node: each nominee, and each nominator who is not a
nominee (a nominee who took part and nominates in turn is one node). Each
nomination that is not hidden is an arrow from nominator to nominee. With
``N`` nodes, damping ``d = 0.85`` and ``out(i)`` the arrows leaving ``i``::

    w(j) = (1 − d) / N  +  d × ( Σ over i → j of w(i) / out(i)
                                 + Σ over k without arrows of w(k) / N )

iterated from ``w = 1/N`` until it no longer changes (the weights add up
to 1). A nomination passes on part of its nominator's own weight, so being
named by someone others named counts more than being named by someone no
one named. Nominees are ranked by weight, then by how many people
nominated them.

Worked example (``tests/nominations/test_ranking.py``): citizen A
nominates B and C; B takes part and nominates C. Solving the three
equations gives A = 800/4049 ≈ 0.198, B = 1140/4049 ≈ 0.282 and
C = 2109/4049 ≈ 0.521: C, named twice and once by a nominee, comes first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

DAMPING = 0.85
TOLERANCE = 1e-12
MAX_ROUNDS = 200


def pagerank(
    nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]]
) -> dict[Hashable, float]:
    """The weight of every node (see the module's text)."""
    nodes = list(dict.fromkeys(nodes))
    n = len(nodes)
    if n == 0:
        return {}
    targets: dict[Hashable, list[Hashable]] = defaultdict(list)
    for source, target in edges:
        targets[source].append(target)
    weight = dict.fromkeys(nodes, 1 / n)
    for _ in range(MAX_ROUNDS):
        dangling = sum(weight[k] for k in nodes if not targets[k])
        new = dict.fromkeys(nodes, (1 - DAMPING) / n + DAMPING * dangling / n)
        for source, outgoing in targets.items():
            if not outgoing:
                continue
            share = DAMPING * weight[source] / len(outgoing)
            for target in outgoing:
                new[target] += share
        change = sum(abs(new[k] - weight[k]) for k in nodes)
        weight = new
        if change < TOLERANCE:
            break
    return weight
