"""A challenge's results report: the print view and the PDF (read back with
pypdf), public once the results are out, a draft for the owners before."""

from __future__ import annotations

import io

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape
from pypdf import PdfReader
from sqlalchemy import select

from portal.accounts.models import Role
from portal.challenges import jury
from portal.challenges import queries as challenge_queries
from portal.challenges.models import Award, Challenge, Phase
from portal.challenges.results import Outcome, publish
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.moderation import services as moderation
from portal.reports.chart import criterion_means_chart
from tests.challenges.test_jury import _evaluating
from tests.challenges.test_results import _scored
from tests.factories import make_juror, make_owner, make_user


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _published(answers: int = 2):  # type: ignore[no-untyped-def]
    challenge, ideas = _evaluating(answers)
    _scored(challenge, *ideas)
    outcomes = [Outcome(ideas[0].id, Award.FIRST, "Cheap **and** quick.")] + [
        Outcome(i.id, None, f"Reason for answer {n}.") for n, i in enumerate(ideas[1:])
    ]
    publish(make_owner(challenge), challenge, outcomes)
    db.session.commit()
    return challenge, ideas


def test_the_owners_read_a_draft_before_everyone_reads_the_results(client, auth):
    challenge, ideas = _evaluating()
    assert client.get(f"/challenges/{challenge.id}/report").status_code == 302  # log in first
    auth.login(make_user())
    assert client.get(f"/challenges/{challenge.id}/report").status_code == 403
    auth.login(make_owner(challenge))
    draft = client.get(f"/challenges/{challenge.id}/report").get_data(as_text=True)
    assert "Draft: the results are not published yet." in draft
    detail = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f'href="/challenges/{challenge.id}/report"' in detail
    auth.logout()
    challenge = challenge_queries.load(challenge.id)  # the requests ended its session
    _scored(challenge, *ideas)
    publish(
        make_owner(challenge),
        challenge,
        [Outcome(ideas[0].id, Award.WINNER, "Best."), Outcome(ideas[1].id, None, "Costly.")],
    )
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}/report")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Draft" not in html
    assert "Costly." in html
    assert "<svg" in html
    assert "Winner: no. " in html  # the chart's group heading
    detail = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f'href="/challenges/{challenge.id}/report.pdf"' in detail


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_the_demo_results_report_as_pdf_in_each_language(app, client, locale):
    load_demo()
    challenge = db.session.scalar(select(Challenge).where(Challenge.phase == Phase.RESULTS))
    response = client.get(
        f"/challenges/{challenge.id}/report.pdf", headers={"Accept-Language": locale}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('.pdf"')
    text = _text(response.data)
    assert " ".join(challenge.title.split()) in text
    with app.test_request_context(), force_locale(locale):
        for words in ("Contents", "The brief", "How the answers are judged", "Not awarded"):
            assert gettext(words) in text, words
        assert gettext("1st place") in text


def test_the_report_ranks_every_answer_and_leaves_hidden_ones_out(client):
    challenge, ideas = _published(3)
    moderation.hide(make_user(Role.MODERATOR), ideas[2], "Spam")
    db.session.commit()
    html = client.get(f"/challenges/{challenge.id}/report").get_data(as_text=True)
    assert "Cheap <strong>and</strong> quick." in html
    assert "Reason for answer 0." in html
    assert "Reason for answer 1." not in html
    assert html.index(str(escape(ideas[0].title))) < html.index("Every answer’s outcome")


def test_the_chart_draws_each_awarded_answers_criterion_means():
    class Criterion:
        def __init__(self, id, name):  # type: ignore[no-untyped-def]
            self.id, self.name = id, name

    criteria = [Criterion(1, "Feasibility"), Criterion(2, "A very long criterion name indeed")]
    chart = criterion_means_chart(
        criteria, [("idea a", "first", {1: 5.0, 2: 2.5}), ("idea b", "mention", {1: None})], 5
    )
    first, second = chart.groups
    assert [b.length for b in first.bars] == [360, 180]
    assert first.bars[1].label.endswith("…")
    assert len(first.bars[1].label) <= 26
    assert second.bars[0].length == 1  # unscored: a sliver, not a missing row
    assert second.y > first.bars[-1].y
    assert chart.height > second.bars[-1].y


def test_the_report_asks_as_many_queries_for_many_answers(client, count_queries):
    def measure(challenge: Challenge) -> int:
        with count_queries() as counter:
            assert client.get(f"/challenges/{challenge.id}/report").status_code == 200
        return counter.count

    small, _ideas = _published(2)
    large, ideas = _evaluating(8)
    member = make_juror(large)
    for n, idea in enumerate(ideas):
        jury.score(member, large, idea, {c.id: n % 5 for c in large.criteria})
    publish(
        make_owner(large),
        large,
        [Outcome(i.id, Award.MENTION if n % 2 else None, "Why.") for n, i in enumerate(ideas)],
    )
    db.session.commit()
    assert measure(large) == measure(small)
