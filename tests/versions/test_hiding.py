"""A moderator hides an older version (personal data edited out since):
the history says it was hidden, when and why, and shows nothing of it —
not its text, not its fingerprint, not as what a later version removed."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.comments import services as comments
from portal.extensions import db
from portal.ideas import services as ideas
from portal.mail import OutboxMessage
from portal.moderation import services as moderation
from portal.moderation.models import LogEntry
from portal.versions.models import Revision
from tests.factories import make_category, make_comment, make_idea, make_user


def _versions(kind: str, target: int) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.kind == kind, Revision.target_id == target)
            .order_by(Revision.number)
        )
    )


def _edited_idea(*bodies: str):  # type: ignore[no-untyped-def]
    author = make_user(name="Karen", email="karen@example.org", locale="da")
    category = make_category()
    idea = make_idea(author, title="Bænke ved søen", body=bodies[0], category=category)
    for body in bodies[1:]:
        ideas.edit_idea(idea, idea.title, body, category)
    db.session.commit()
    return idea


def test_a_moderator_hides_the_version_with_a_phone_number(client, auth):
    idea = _edited_idea("Ring til mig på 12345678 om bænkene.", "Skriv til mig om bænkene.")
    first, second = _versions("idea", idea.id)
    moderator = auth.as_role(Role.MODERATOR)

    form = client.get(f"/moderation/versions/{first.id}/hide").get_data(as_text=True)
    assert "12345678" in form  # the moderator sees what they hide
    response = client.post(f"/moderation/versions/{first.id}/hide", data={"reason": "Phone no."})
    assert response.status_code == 302
    assert response.location.endswith(f"/ideas/{idea.id}/history#confirmation")

    auth.logout()
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "12345678" not in history
    assert first.digest not in history
    assert "The reason given: Phone no." in history
    # The next version is shown whole: it is not compared with the hidden one.
    assert "Skriv til mig om bænkene." in history
    assert "<del>" not in history
    assert "<ins>" not in history
    assert second.digest in history

    entry = db.session.scalar(select(LogEntry).where(LogEntry.action == "version_hidden"))
    assert (entry.actor_id, entry.target_type, entry.target_id) == (
        moderator.id, "version", first.id,
    )  # fmt: skip
    assert entry.facts == {"idea": idea.id}
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "version_hidden"))
    assert mail.to_address == "karen@example.org"
    assert "version 1" in mail.body_text.lower() or "version 1" in mail.subject.lower()
    assert f"/ideas/{idea.id}/history" in mail.body_text


def test_a_hidden_middle_version_shows_nowhere_not_even_as_removed(client):
    idea = _edited_idea(
        "Bænke ved søen.", "Bænke ved søen. Min nabo Jens Hansen er enig.", "Bænke."
    )
    _first, middle, _last = _versions("idea", idea.id)
    moderation.hide_version(make_user(role=Role.MODERATOR), middle, "Names a neighbour")
    db.session.commit()
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "Jens Hansen" not in history
    assert "Bænke<del> ved søen</del>." in history  # the last compared with the first


def test_a_comments_old_version_is_hidden_and_shown_again(client, auth):
    idea = make_idea()
    comment = make_comment(idea, body="Min adresse er Søvej 3")
    comments.edit_comment(comment, "Jeg bor tæt på")
    db.session.commit()
    first = _versions("comment", comment.id)[0]
    auth.as_role(Role.MODERATOR)
    client.post(f"/moderation/versions/{first.id}/hide", data={"reason": "Address"})
    assert "Søvej 3" not in client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    page = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert f'href="/moderation/versions/{first.id}/restore"' in page

    client.post(f"/moderation/versions/{first.id}/restore", data={"reason": "By mistake"})
    assert "Søvej 3" in client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert db.session.get(Revision, first.id).hidden_at is None
    assert db.session.scalar(select(LogEntry.reason).where(LogEntry.action == "version_restored"))


def test_the_version_the_page_shows_cannot_be_hidden_here(client, auth):
    idea = _edited_idea("Første udgave.", "Anden udgave.")
    first, newest = _versions("idea", idea.id)
    auth.as_role(Role.MODERATOR)
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert f'href="/moderation/versions/{first.id}/hide"' in history
    assert f'href="/moderation/versions/{newest.id}/hide"' not in history

    page = client.post(f"/moderation/versions/{newest.id}/hide", data={"reason": "x"})
    assert page.status_code == 400
    assert "This is the version the page shows" in page.get_data(as_text=True)
    assert db.session.get(Revision, newest.id).hidden_at is None


def test_hiding_asks_for_a_reason_and_keeps_nothing_else_lost(client, auth):
    idea = _edited_idea("Første udgave.", "Anden udgave.")
    first = _versions("idea", idea.id)[0]
    auth.as_role(Role.MODERATOR)
    page = client.post(f"/moderation/versions/{first.id}/hide", data={"reason": "  "})
    assert page.status_code == 400
    assert "Please give a reason." in page.get_data(as_text=True)
    assert db.session.get(Revision, first.id).hidden_at is None


def test_only_moderators_hide_versions(client, auth):
    idea = _edited_idea("Første udgave.", "Anden udgave.")
    first = _versions("idea", idea.id)[0]
    url = f"/moderation/versions/{first.id}/hide"
    assert client.post(url, data={"reason": "x"}).status_code == 401
    auth.as_role(Role.CITIZEN)
    assert client.post(url, data={"reason": "x"}).status_code == 403
    history = client.get(f"/ideas/{idea.id}/history").get_data(as_text=True)
    assert "/moderation/versions/" not in history
    assert db.session.get(Revision, first.id).hidden_at is None
