"""The challenge pages ask a fixed number of queries, however many answers,
jury members and scores there are (the benchmark measures 200 answers ×
5 members × 4 criteria; ``bench/README.md``)."""

from __future__ import annotations

from portal.challenges import jury, jury_queries, queries
from portal.challenges.models import Challenge
from portal.extensions import db
from tests.challenges.test_jury import _evaluating
from tests.factories import make_juror, make_owner, make_user

BUDGET = 8  # queries per page, as for every other page (bench/README.md)


def _scored_by(challenge: Challenge, members: int) -> None:
    challenge = queries.load(challenge.id)
    answers = jury_queries.answers_to_score(challenge)
    for _ in range(members):
        member = make_juror(challenge)
        for n, idea in enumerate(answers):
            jury.score(member, challenge, idea, {c.id: n % 5 for c in challenge.criteria})
    db.session.commit()


def test_challenge_page_and_ranking_stay_flat(client, auth, count_queries):
    def measure(challenge: Challenge) -> dict[str, int]:
        counts = {}
        for who, page in (
            ("visitor", ""),
            ("citizen", ""),
            ("owner", "/ranking"),
            ("owner", "/results"),
            ("owner", "/report"),
        ):
            path = f"/challenges/{challenge.id}{page}"
            if who == "visitor":
                auth.logout()
            else:
                auth.login(owners[challenge.id] if who == "owner" else citizen)
            with count_queries() as counter:
                assert client.get(path).status_code == 200, path
            counts[f"{who} {page or 'page'}"] = counter.count
        return counts

    citizen = make_user()
    small, _ideas = _evaluating(2)
    large, _ideas = _evaluating(20)
    owners = {small.id: make_owner(small), large.id: make_owner(large)}
    _scored_by(small, 1)
    _scored_by(large, 3)
    few, many = measure(small), measure(large)
    assert few == many
    assert max(many.values()) <= BUDGET, many
