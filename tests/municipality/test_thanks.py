"""Staff's public thank-you note on an implemented idea: on the idea page
and in its feed, revised and removed, refused (with the reason) before
the idea is implemented."""

from __future__ import annotations

import feedparser
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas.models import Idea, IdeaStatus
from portal.moderation.models import LogEntry
from portal.municipality.models import ThankYouNote
from tests.factories import make_hand_over, make_idea, make_official, make_user


def _idea(implemented: bool = True) -> int:
    idea = db.session.get(Idea, make_hand_over(make_idea(title="Benches by the lake")).idea_id)
    official = make_official()
    ideas.change_status(idea, IdeaStatus.ACCEPTED, official)
    if implemented:
        ideas.change_status(idea, IdeaStatus.IMPLEMENTED, official)
    db.session.commit()
    return idea.id


def _notes() -> list[ThankYouNote]:
    db.session.expire_all()
    return list(db.session.scalars(select(ThankYouNote)))


def test_staff_thank_in_public_on_the_idea_and_in_its_feed(client, auth):
    idea_id = _idea()
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "Write a thank-you note" not in page  # a visitor sees no staff link
    auth.login(make_official())
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert f'href="/ideas/{idea_id}/thanks"' in page
    sent = client.post(
        f"/ideas/{idea_id}/thanks",
        data={
            "text": "The bench was installed on **3 May** — thank you, Karen! <script>x</script>"
        },
        follow_redirects=True,
    )
    html = sent.get_data(as_text=True)
    assert "The thank-you note is published." in html
    assert 'id="thanks"' in html
    assert "Thank you from the municipality" in html
    assert "<strong>3 May</strong>" in html
    assert "<script>x</script>" not in html
    auth.logout()
    feed = feedparser.parse(client.get(f"/feeds/ideas/{idea_id}.atom").get_data())
    (entry,) = [e for e in feed.entries if e.link.endswith("#thanks")]
    assert entry.title == "Thank you from the municipality: Benches by the lake"
    assert "thank you, Karen" in entry.summary
    actions = set(db.session.scalars(select(LogEntry.action)))
    assert "thanks" in actions


def test_the_note_is_revised_and_removed(client, auth):
    idea_id = _idea()
    auth.login(make_user(Role.MODERATOR))
    client.post(f"/ideas/{idea_id}/thanks", data={"text": "First words."})
    form = client.get(f"/ideas/{idea_id}/thanks").get_data(as_text=True)
    assert "First words." in form  # the form starts with the note as it is
    client.post(f"/ideas/{idea_id}/thanks", data={"text": "Better words."})
    (note,) = _notes()
    assert note.body == "Better words."
    assert note.edited_at is not None
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "revised" in page[page.index('id="thanks"') :]
    client.post(f"/ideas/{idea_id}/thanks", data={"text": "", "remove": "1"})
    assert _notes() == []
    actions = list(db.session.scalars(select(LogEntry.action).order_by(LogEntry.id)))
    assert actions[-3:] == ["thanks", "thanks_revised", "thanks_removed"]


def test_an_empty_or_too_long_note_is_explained_and_nothing_is_lost(client, auth):
    idea_id = _idea()
    auth.login(make_official())
    empty = client.post(f"/ideas/{idea_id}/thanks", data={"text": "  "})
    assert empty.status_code == 400
    assert "This field is required." in empty.get_data(as_text=True)
    long = "Thanks " * 400
    too_long = client.post(f"/ideas/{idea_id}/thanks", data={"text": long})
    assert too_long.status_code == 400
    assert long.strip() in too_long.get_data(as_text=True)
    assert _notes() == []


def test_no_note_before_the_idea_is_implemented(client, auth):
    idea_id = _idea(implemented=False)
    auth.login(make_official())
    refused = client.post(
        f"/ideas/{idea_id}/thanks", data={"text": "Too early"}, follow_redirects=True
    )
    assert "A thank-you note can be written once the idea is implemented" in refused.get_data(
        as_text=True
    )
    assert _notes() == []
    auth.login(make_user())
    assert client.post(f"/ideas/{idea_id}/thanks", data={"text": "Hi"}).status_code == 403


def test_a_note_in_danish(client, auth):
    idea_id = _idea()
    auth.login(make_official(locale="da"))
    client.post(f"/ideas/{idea_id}/thanks", data={"text": "Tak, Karen."})
    page = client.get(f"/ideas/{idea_id}", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert "Tak fra kommunen" in page


def test_a_note_sent_again_unchanged_or_without_its_text_is_no_revision(client, auth):
    idea_id = _idea()
    auth.login(make_official())
    client.post(f"/ideas/{idea_id}/thanks", data={"text": "Thank you, Karen!"})
    again = client.post(f"/ideas/{idea_id}/thanks", data={"text": "Thank you, Karen!"})
    assert again.status_code == 302
    missing = client.post(f"/ideas/{idea_id}/thanks", data={})
    assert missing.status_code == 400
    (note,) = _notes()
    assert note.edited_at is None
    actions = list(db.session.scalars(select(LogEntry.action).where(LogEntry.action != "status")))
    assert actions.count("thanks") == 1
    assert "thanks_revised" not in actions
