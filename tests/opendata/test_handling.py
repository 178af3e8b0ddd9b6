"""The open datasets about what the municipality did: hand-overs and
answers, meetings and agenda items with decisions, challenges with their
criteria and published results. Drafts and private notes never appear."""

from __future__ import annotations

from datetime import timedelta

from portal.challenges.models import Award
from portal.extensions import db
from portal.ideas.models import IdeaStatus
from portal.municipality import services as municipality
from portal.municipality.models import Decision
from portal.timeutil import utcnow
from tests.challenges.test_jury import _evaluating
from tests.factories import (
    make_challenge,
    make_department,
    make_hand_over,
    make_idea,
    make_meeting,
    make_official,
)
from tests.opendata.test_opendata import _csv, _json
from tests.reports.test_results_report import _published


def test_hand_overs_with_the_answer_and_the_days_it_took(app):
    department = make_department(slug="roads-parks")
    idea = make_idea()
    answered = make_hand_over(idea, department, memo="Private memo to the department")
    waiting = make_hand_over(make_idea(), department)
    answered.created_at = utcnow() - timedelta(days=9, hours=2)
    municipality.answer(
        make_official(department), answered, idea, "We *try* it in spring.", IdeaStatus.ACCEPTED
    )
    db.session.commit()

    rows = {int(r["idea"]): r for r in _csv(app, "hand-overs")}
    assert rows[answered.idea_id]["department"] == "roads-parks"
    assert rows[answered.idea_id]["answer"] == "We *try* it in spring."
    assert rows[answered.idea_id]["days_to_answer"] == "9"
    assert rows[waiting.idea_id]["answered"] == rows[waiting.idea_id]["answer"] == ""
    body = "".join(str(r) for r in _json(app, "hand-overs"))
    assert "Private memo" not in body


def test_published_meetings_and_their_agendas_with_decisions(app):
    official = make_official()
    published = make_meeting(utcnow() + timedelta(days=1), published=False, body="Byrådet")
    draft = make_meeting(published=False, body="Draft committee")
    decided, open_item, elsewhere = make_idea(), make_idea(), make_idea()
    for idea in (decided, open_item, elsewhere):
        make_hand_over(idea)
    municipality.add_to_agenda(official, published, decided)
    municipality.add_to_agenda(official, published, open_item)
    municipality.add_to_agenda(official, draft, elsewhere)
    municipality.publish(official, published)
    published.starts_at = utcnow() - timedelta(hours=1)  # the meeting has begun
    municipality.decide(official, published, decided, Decision.ACCEPTED, "Adopted **as proposed**.")
    db.session.commit()

    meetings = _csv(app, "meetings")
    assert [m["body"] for m in meetings] == ["Byrådet"]
    assert meetings[0]["link"] == f"http://portal.test/meetings/{published.id}"
    items = _csv(app, "agenda-items")
    assert [(int(i["idea"]), i["position"], i["decision"]) for i in items] == [
        (decided.id, "1", "accepted"),
        (open_item.id, "2", ""),
    ]
    assert items[0]["decision_text"] == "Adopted **as proposed**."
    assert items[0]["decided"].endswith("Z")


def test_challenges_their_criteria_and_published_results(app):
    make_challenge(phase="draft", title="A draft nobody may see yet")
    challenge, ideas = _published()
    open_one = make_challenge()
    rows = {int(r["id"]): r for r in _csv(app, "challenges")}
    assert set(rows) == {challenge.id, open_one.id}
    assert rows[challenge.id]["phase"] == "results"
    assert rows[challenge.id]["answers"] == str(len(ideas))
    assert rows[open_one.id]["results_published"] == ""
    assert "A draft nobody" not in str(_json(app, "challenges"))

    criteria = [c for c in _csv(app, "challenge-criteria") if c["challenge"] == str(challenge.id)]
    assert criteria
    assert {c["from_supports"] for c in criteria} <= {"true", "false"}
    assert sum(int(c["weight"]) for c in criteria) == 100
    assert all(type(c["from_supports"]) is bool for c in _json(app, "challenge-criteria"))

    results = {int(r["idea"]): r for r in _csv(app, "challenge-results")}
    assert set(results) == {i.id for i in ideas}
    assert results[ideas[0].id]["award"] == Award.FIRST
    assert results[ideas[0].id]["reasoning"] == "Cheap **and** quick."
    assert results[ideas[1].id]["award"] == ""


def test_results_stay_out_until_they_are_published(app):
    _evaluating(2)
    db.session.commit()
    assert _csv(app, "challenge-results") == []
