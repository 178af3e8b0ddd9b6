"""A challenge's results on a committee meeting's agenda, and each answer's
outcome on its own page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.challenges import agenda
from portal.challenges.agenda import AgendaError
from portal.challenges.models import Award
from portal.challenges.results import Outcome, publish
from portal.extensions import db
from portal.timeutil import utcnow
from tests.challenges.test_jury import _evaluating
from tests.challenges.test_results import _scored
from tests.factories import make_challenge, make_meeting, make_official, make_owner


def _with_results():  # type: ignore[no-untyped-def]
    challenge, (best, other) = _evaluating()
    _scored(challenge, best, other)
    publish(
        make_owner(challenge),
        challenge,
        [
            Outcome(best.id, Award.FIRST, "Cheap **and** quick."),
            Outcome(other.id, None, "Too costly for the harbour."),
        ],
    )
    db.session.commit()
    return challenge, best, other


def _error(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(AgendaError) as raised:
        call(*args)
    return raised.value.key


def test_only_published_results_go_on_an_upcoming_agenda_once():
    official = make_official()
    meeting = make_meeting()
    assert _error(agenda.put_on_agenda, official, meeting, make_challenge()) == "no results"
    challenge, _best, _other = _with_results()
    assert agenda.ready_for(meeting) == [challenge]
    agenda.put_on_agenda(official, meeting, challenge)
    db.session.commit()
    assert _error(agenda.put_on_agenda, official, meeting, challenge) == "already"
    assert agenda.ready_for(meeting) == []
    held = make_meeting(utcnow() - timedelta(hours=1))
    assert _error(agenda.put_on_agenda, official, held, challenge) == "meeting held"
    agenda.take_off_agenda(official, meeting, challenge)
    db.session.commit()
    assert agenda.on_agenda(meeting) == []
    assert _error(agenda.take_off_agenda, official, meeting, challenge) == "not on agenda"


def test_an_official_puts_the_results_on_a_meeting_and_its_report_prints_them(client, auth):
    challenge, best, _other = _with_results()
    meeting = make_meeting()
    auth.login(make_official())
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Put the results on the agenda" in page
    refused = client.post(f"/meetings/{meeting.id}/challenges", data={"challenge": "99999"})
    assert refused.status_code == 400
    assert "Please choose a challenge." in refused.get_data(as_text=True)
    added = client.post(f"/meetings/{meeting.id}/challenges", data={"challenge": challenge.id})
    assert added.status_code == 302
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Results of challenges on the agenda" in page
    assert f"/challenges/{challenge.id}/remove" in page
    report = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "Cheap <strong>and</strong> quick." in report
    assert "1st place" in report
    assert f"http://portal.test/challenges/{challenge.id}/report" in report
    auth.logout()
    detail = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "The results are on the agenda of" in detail
    assert f'href="/meetings/{meeting.id}#challenges"' in detail
    auth.login(make_official())
    client.post(f"/meetings/{meeting.id}/challenges/{challenge.id}/remove")
    assert agenda.on_agenda(meeting) == []


def test_a_draft_meeting_is_not_named_on_the_challenge_page(client):
    challenge, _best, _other = _with_results()
    draft = make_meeting(published=False)
    agenda.put_on_agenda(make_official(), draft, challenge)
    db.session.commit()
    detail = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "The results are on the agenda of" not in detail


def test_an_answers_page_shows_its_outcome_once_published(client):
    challenge, best, other = _with_results()
    page = client.get(f"/ideas/{best.id}").get_data(as_text=True)
    assert "The outcome of this answer: 1st place" in page
    assert "Cheap <strong>and</strong> quick." in page
    page = client.get(f"/ideas/{other.id}").get_data(as_text=True)
    assert "This answer was not awarded" in page
    assert "Too costly for the harbour." in page
    _waiting, (answer, _second) = _evaluating()
    page = client.get(f"/ideas/{answer.id}").get_data(as_text=True)
    assert "An answer to the challenge" in page
    assert "not awarded" not in page
