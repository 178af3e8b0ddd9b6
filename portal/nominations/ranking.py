"""Who knows most: a damped PageRank over the nomination graph, in which
every nomination is worth the same share of its nominator's weight.

Every person is a node: each nominee, and each nominator who is not a
nominee (a nominee who took part and nominates in turn is one node). Each
nomination that is not hidden is an arrow from nominator to nominee. Every
nominator has ``L`` votes, the call's limit per person (or as many as they
cast, if more); each nomination passes on ``1/L`` of the nominator's weight,
and the votes not cast are spread over everyone, like the weight of those
who nominate nobody. With ``N`` nodes, damping ``d = 0.85``, ``out(i)`` the
arrows leaving ``i`` and ``L(i) = max(L, out(i))``::

    w(j) = (1 − d) / N  +  d × ( Σ over i → j of w(i) / L(i)
                                 + Σ over all k of w(k) × (1 − out(k) / L(k)) / N )

iterated from ``w = 1/N`` until it no longer changes (the weights add up
to 1). A nomination passes on part of its nominator's own weight, so being
named by someone others named counts more than being named by someone no
one named; and naming one person rather than three does not make that one
nomination worth more (classic PageRank splits the weight by the number of
arrows, so one nominator naming a single person would weigh as much as
three nominators who each named that person among three).
Nominees are ranked by weight, then by how many people nominated them.

Worked example (``tests/nominations/test_ranking.py``), with ``L = 3``:
citizen A nominates B and C; B takes part and nominates C. Solving the three
equations gives A = 3600/14149 ≈ 0.254, B = 4620/14149 ≈ 0.327 and
C = 5929/14149 ≈ 0.419: C, named twice and once by a nominee, comes first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

DAMPING = 0.85
TOLERANCE = 1e-12
MAX_ROUNDS = 200


def pagerank(
    nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]], votes: int = 1
) -> dict[Hashable, float]:
    """The weight of every node (see the module's text); ``votes`` is ``L``."""
    nodes = list(dict.fromkeys(nodes))
    n = len(nodes)
    if n == 0:
        return {}
    targets: dict[Hashable, list[Hashable]] = defaultdict(list)
    for source, target in edges:
        targets[source].append(target)
    share = {k: 1 / max(votes, len(targets[k]), 1) for k in nodes}
    weight = dict.fromkeys(nodes, 1 / n)
    for _ in range(MAX_ROUNDS):
        unused = sum(weight[k] * (1 - len(targets[k]) * share[k]) for k in nodes)
        new = dict.fromkeys(nodes, (1 - DAMPING) / n + DAMPING * unused / n)
        for source, outgoing in targets.items():
            passed = DAMPING * weight[source] * share[source]
            for target in outgoing:
                new[target] += passed
        change = sum(abs(new[k] - weight[k]) for k in nodes)
        weight = new
        if change < TOLERANCE:
            break
    return weight
