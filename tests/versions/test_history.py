"""Every change on the record: versions of ideas, comments, answers and
decisions, the history page with word-level differences and fingerprints,
and the fingerprints a printed meeting report names."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role
from portal.comments import services as comments
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas.models import IdeaStatus
from portal.moderation import services as moderation
from portal.municipality import services as municipality
from portal.privacy.services import erase
from portal.timeutil import utcnow
from portal.versions.diff import word_diff
from portal.versions.models import Revision
from portal.versions.services import fingerprint
from tests.factories import (
    make_category,
    make_comment,
    make_hand_over,
    make_idea,
    make_meeting,
    make_official,
    make_user,
)


def _versions(kind: str, target: int) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.kind == kind, Revision.target_id == target)
            .order_by(Revision.number)
        )
    )


def test_an_authors_edit_is_a_new_version_with_its_difference(client):
    author = make_user(name="Karen")
    category = make_category()
    idea = make_idea(author, title="Bænke ved søen", body="Vi mangler bænke.", category=category)
    ideas.edit_idea(idea, "Flere bænke ved søen", "Vi mangler bænke og et bord.", category)
    db.session.commit()

    first, second = _versions("idea", idea.id)
    assert (first.number, second.number, second.written_by) == (1, 2, "author")
    assert second.digest == fingerprint(second) != first.digest
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/{idea.id}/history"' in page
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "<del>Bænke</del><ins>Flere bænke</ins> ved søen" in history
    assert "Vi mangler bænke<ins> og et bord</ins>." in history
    assert second.digest in history
    assert first.digest in history
    assert "by Karen" in history


def test_a_moderators_correction_says_who_and_why(client):
    idea = make_idea(title="Cykelsti til skolen")
    moderation.edit_idea(
        make_user(role=Role.MODERATOR), idea, "Cykelsti til Engholm Skole", idea.category_id,
        "The title named no school",
    )  # fmt: skip
    db.session.commit()
    latest = _versions("idea", idea.id)[-1]
    assert (latest.written_by, latest.reason) == ("moderator", "The title named no school")
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "corrected by a moderator" in history
    assert "Why: The title named no school" in history
    assert "<del>skolen</del>" in history


def test_comment_versions_and_hidden_ones_stay_hidden(client):
    idea = make_idea()
    kept = make_comment(idea, body="Godt forslag")
    comments.edit_comment(kept, "Rigtig godt forslag")
    secret = make_comment(idea, body="Nabo har telefon 12345678")
    comments.edit_comment(secret, "Nabo har telefon 87654321")
    moderation.hide(make_user(role=Role.MODERATOR), secret, "Personal data")
    db.session.commit()
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert f'id="comment-{kept.id}"' in history
    assert "<del>Godt</del><ins>Rigtig godt</ins> forslag" in history
    assert "12345678" not in history
    assert "87654321" not in history
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/{idea.id}/history#comment-{kept.id}"' in page


def test_a_hidden_ideas_history_is_as_hidden_as_the_idea(client, auth):
    idea = make_idea(title="Hidden thing")
    moderation.hide(make_user(role=Role.MODERATOR), idea, "Spam")
    db.session.commit()
    assert client.get(f"/ideas/{idea.id}/history").status_code == 404
    auth.as_role(Role.MODERATOR)
    assert client.get(f"/ideas/{idea.id}/history").status_code == 200


def test_an_erased_author_is_not_named_in_the_history(client):
    author = make_user(name="Jens Dam")
    idea = make_idea(author)
    erase(author)
    db.session.commit()
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "Jens Dam" not in history
    assert "by Former participant" in history


def test_the_report_prints_the_versions_and_fingerprints_it_shows(client):
    official = make_official()
    meeting = make_meeting(utcnow() + timedelta(days=2), published=False)
    idea = make_idea(title="Skolehaver")
    item = make_hand_over(idea)
    municipality.answer(official, item, idea, "Vi prøver det.", IdeaStatus.HANDED_OVER)
    municipality.answer(official, item, idea, "Vi prøver det i foråret.", IdeaStatus.HANDED_OVER)
    municipality.add_to_agenda(official, meeting, idea)
    municipality.publish(official, meeting)
    db.session.commit()
    report = client.get(f"/meetings/{meeting.id}/report")
    html = report.get_data(as_text=True)
    idea_version = _versions("idea", idea.id)[-1]
    answer_version = _versions("answer", item.id)[-1]
    assert answer_version.number == 2
    assert f"version 1 of idea {idea.id}, fingerprint {idea_version.digest}" in html
    assert f"version 2 of the answer, fingerprint {answer_version.digest}" in html


def test_the_history_costs_the_same_queries_however_many_versions(app, client, count_queries):
    category = make_category()
    idea = make_idea(category=category)

    def queries(edits: int) -> int:
        for n in range(edits):
            ideas.edit_idea(idea, f"Title {n}", f"Body {n}", category)
        db.session.commit()
        with count_queries() as counter:
            assert client.get(f"/ideas/{idea.id}/history").status_code == 200
        return counter.count

    assert queries(1) == queries(8)


def test_the_difference_escapes_what_people_wrote():
    shown = str(word_diff("Hej <b>der</b>", "Hej <script>alert(1)</script>"))
    assert "<script>" not in shown
    assert "&lt;" in shown
    assert "<del>" in shown
    assert "<ins>" in shown


def test_comparing_is_bounded_for_texts_made_to_be_slow():
    """A body edited from "x x x …" to "y y y …", or two random texts of
    10,000 characters, compare in well under a second."""
    import random
    import time

    rng = random.Random(1)
    cases = [
        ("x " * 5000, "y " * 5000),
        (" ".join(rng.choice("ab") for _ in range(5000)),
         " ".join(rng.choice("ab") for _ in range(5000))),
        ("\n".join("a b " * 6 for _ in range(400)), "\n".join("b a " * 6 for _ in range(400))),
    ]  # fmt: skip
    started = time.perf_counter()
    for before, after in cases:
        shown = str(word_diff(before, after))
        assert "<del>" in shown
        assert "<ins>" in shown
    assert time.perf_counter() - started < 1.0


def test_saving_without_a_change_makes_no_version(client, auth):
    author = auth.login(make_user(name="Karen"))
    category = make_category()
    idea = make_idea(author, title="Bænke ved søen", body="Vi mangler bænke ved søen.")
    idea.category_id, idea.language = category.id, "da"
    comment = make_comment(idea, author)
    db.session.commit()
    same = {"title": idea.title, "body": idea.body, "category": str(category.id),
            "language": "da", "publish": "Save changes"}  # fmt: skip
    saved = client.post(f"/ideas/{idea.id}/edit", data=same, follow_redirects=True)
    assert "Nothing was changed." in saved.get_data(as_text=True)
    db.session.expire_all()
    assert len(_versions("idea", idea.id)) == 1
    assert db.session.get(type(idea), idea.id).edited_at is None
    client.post(f"/comments/{comment.id}/edit", data={"body": comment.body})
    assert len(_versions("comment", comment.id)) == 1


def test_the_history_marks_the_language_the_idea_was_written_in(client):
    idea = make_idea(title="Natuurspeelplaats bij het meer", body="Een speelplaats in de natuur.")
    idea.language = "nl"
    db.session.commit()
    history = client.get(f"/ideas/{idea.id}/history?lang=da").get_data(as_text=True)
    assert '<span lang="nl">Natuurspeelplaats bij het meer</span>' in history
    assert '<div class="version-text lines" lang="nl">Een speelplaats' in history
