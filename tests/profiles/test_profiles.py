"""Public profiles: only what idea pages show, and the outcomes that
follow what the municipality did (no points for activity)."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas.models import IdeaStatus
from portal.moderation import services as moderation
from portal.privacy.services import erase
from tests.factories import make_answer, make_challenge, make_comment, make_idea, make_user
from tests.reports.test_results_report import _published


def test_a_profile_shows_ideas_comments_and_what_came_of_them(client):
    person = make_user(name="Karen Holm", email="karen@example.org")
    adopted = make_idea(person, title="Bænke ved søen")
    make_idea(person, title="Flere cykelstier")
    hidden = make_idea(person, title="Hidden by a moderator")
    moderator = make_user(role=Role.MODERATOR)
    moderation.hide(moderator, hidden, "Spam")
    for status in (IdeaStatus.UNDER_REVIEW, IdeaStatus.HANDED_OVER, IdeaStatus.ACCEPTED):
        ideas.change_status(adopted, status, moderator)
    make_comment(make_idea(), person)
    db.session.commit()

    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "<h1>Karen Holm</h1>" in page
    assert "1 idea adopted by the municipality" in page
    assert "2 ideas posted" in page
    assert "1 comment" in page
    assert "Bænke ved søen" in page
    assert "Hidden by a moderator" not in page
    assert "karen@example.org" not in page
    assert 'class="badge badge-adopted"' in page
    idea_page = client.get(f"/ideas/{adopted.id}").get_data(as_text=True)
    assert f'href="/people/{person.id}"' in idea_page
    assert "Adopted by the municipality" in idea_page


def test_awards_in_challenges_are_outcomes(client):
    challenge, answers = _published()
    page = client.get(f"/people/{answers[0].author_id}").get_data(as_text=True)
    assert "1st place in the challenge" in page
    assert f'href="/challenges/{challenge.id}"' in page


def test_accounts_whose_name_shows_nowhere_have_no_profile(client):
    """Staff and citizens who wrote nothing visible: 404, as an unknown id."""
    assert client.get(f"/people/{make_user(role=Role.MODERATOR).id}").status_code == 404
    assert client.get(f"/people/{make_user(name='Never Posted').id}").status_code == 404


def test_an_erased_account_has_no_profile(client):
    person = make_user()
    make_idea(person)
    erase(person)
    db.session.commit()
    assert client.get(f"/people/{person.id}").status_code == 404
    assert client.get("/people/999999").status_code == 404


def test_the_profile_costs_the_same_queries_however_much_was_written(app, client, count_queries):
    person = make_user()

    def queries(ideas_posted: int) -> int:
        for _ in range(ideas_posted):
            make_comment(make_idea(person), person)
        db.session.commit()
        with count_queries() as counter:
            assert client.get(f"/people/{person.id}").status_code == 200
        return counter.count

    assert queries(1) == queries(6)


def test_answers_to_challenges_are_listed_as_such_and_nothing_is_not_an_outcome(client):
    person = make_user(name="Ole Dahl")
    challenge = make_challenge()
    make_answer(challenge, person)
    db.session.commit()
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Answers to challenges" in page
    assert f'href="/challenges/{challenge.id}">&lt;script&gt;x&lt;/script&gt; How do' in page
    assert "0 ideas posted" in page
    assert "1 answer to a challenge" in page
    assert "Nothing adopted or awarded yet." in page
    assert "0 ideas adopted" not in page
