"""A moderator hides one photo of an idea (with a reason, logged, the
author told); the idea stays with its other photos. Erasing an account
deletes its photos' files; the data download lists them; photos nobody
attached are cleaned away."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.photos import services
from portal.photos.models import Photo
from portal.timeutil import utcnow
from tests.factories import PASSWORD, make_category, make_idea, make_user
from tests.photos import files


def _idea_with_photos(author=None):  # type: ignore[no-untyped-def]
    author = author or make_user()
    idea = make_idea(author)
    first = services.upload(author, files.webp((320, 240)), "The quay")
    second = services.upload(author, files.webp((240, 320)), "The bench")
    services.attach(idea, [(first, "The quay"), (second, "The bench")])
    db.session.commit()
    return idea, first, second


def _files() -> set[str]:
    return {p.name for p in Path(current_app.config["UPLOAD_DIR"]).iterdir()}


def test_a_moderator_hides_one_photo_and_the_idea_keeps_the_other(client, auth):
    idea, first, second = _idea_with_photos()
    auth.as_role(Role.MODERATOR)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/moderation/photos/{first.key}/hide"' in page
    empty = client.post(f"/moderation/photos/{first.key}/hide", data={"reason": ""})
    assert empty.status_code == 400
    assert "Please give a reason." in empty.get_data(as_text=True)
    done = client.post(
        f"/moderation/photos/{first.key}/hide", data={"reason": "A car's number plate."}
    )
    assert done.status_code == 302
    assert done.headers["Location"].startswith(f"/ideas/{idea.id}#")
    db.session.expire_all()
    assert db.session.get(Photo, first.id).is_hidden
    assert db.session.get(Photo, second.id).is_cover  # the list shows the other one now
    entry = db.session.scalar(select(LogEntry).where(LogEntry.action == "photo_hidden"))
    assert entry.target_type == "photo"
    assert entry.reason == "A car's number plate."
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "photo_hidden"))
    assert "A car's number plate." in mail.body_text
    assert "The quay" in mail.body_text
    # Moderators still see it, marked; visitors neither see it nor can fetch it.
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Hidden by a moderator: A car&#39;s number plate." in page
    assert client.get(f"/photos/{first.key}/small.webp").status_code == 200
    auth.logout()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "The quay" not in page
    assert 'alt="The bench"' in page
    assert client.get(f"/photos/{first.key}/small.webp").status_code == 404
    listing = client.get("/ideas/").get_data(as_text=True)
    assert f"/photos/{second.key}/small.webp" in listing
    assert f"/photos/{first.key}/" not in listing


def test_a_moderator_shows_a_hidden_photo_again(client, auth):
    idea, first, _second = _idea_with_photos()
    moderator = auth.as_role(Role.MODERATOR)
    services.hide(moderator, first, "Mistake")
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/moderation/photos/{first.key}/restore"' in page
    done = client.post(f"/moderation/photos/{first.key}/restore", data={"reason": "It was fine."})
    assert done.status_code == 302
    db.session.expire_all()
    assert not db.session.get(Photo, first.id).is_hidden
    assert db.session.get(Photo, first.id).is_cover
    again = client.post(f"/moderation/photos/{first.key}/restore", data={"reason": "Twice"})
    assert again.status_code == 302  # "nothing to do", nothing logged twice
    assert (
        db.session.scalar(select(LogEntry.id).where(LogEntry.action == "photo_restored").offset(1))
        is None
    )


def test_citizens_cannot_hide_photos(client, auth):
    _idea, first, _second = _idea_with_photos()
    auth.as_role(Role.CITIZEN)
    assert client.post(
        f"/moderation/photos/{first.key}/hide", data={"reason": "x"}
    ).status_code in (403, 404)
    db.session.expire_all()
    assert not db.session.get(Photo, first.id).is_hidden


def test_erasing_an_account_deletes_its_photos_files(client, auth):
    user = auth.as_role(name="Leaving Person")
    idea, first, second = _idea_with_photos(user)
    waiting = services.upload(user, files.webp((200, 200)))
    db.session.commit()
    assert len(_files()) == 6
    data = json.loads(client.get("/account/data").get_data())
    assert {p["description"] for p in data["photos"]} == {"The quay", "The bench", ""}
    assert any(p["url"].endswith(f"/photos/{first.key}/large.webp") for p in data["photos"])
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(Photo)).all() == []
    assert _files() == set()
    assert waiting.key  # its files went too


def test_photos_nobody_attached_are_cleaned_after_a_day(runner):
    user = make_user()
    old = services.upload(user, files.webp((200, 200)))
    old.created_at = utcnow() - timedelta(days=2)
    fresh = services.upload(user, files.webp((200, 200)))
    db.session.commit()
    result = runner.invoke(args=["photos", "clean"])
    assert result.exit_code == 0, result.output
    assert "1 photo" in result.output
    db.session.expire_all()
    assert [p.key for p in db.session.scalars(select(Photo))] == [fresh.key]
    assert len(_files()) == 2


def test_a_hidden_photo_stays_out_of_the_authors_edit_form_but_theirs_to_see(client, auth):
    author = auth.as_role(name="Karen")
    idea, first, second = _idea_with_photos(author)
    services.hide(make_user(role=Role.MODERATOR), first, "A face")
    db.session.commit()
    assert client.get(f"/photos/{first.key}/small.webp").status_code == 200  # their own
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert first.key not in form
    assert second.key in form
    saved = client.post(
        f"/ideas/{idea.id}/edit",
        data={"title": idea.title, "body": idea.body, "category": str(idea.category_id),
              "language": "en", "photo_rows-0-key": second.key,
              "photo_rows-0-alt_text": "The bench, again",
              "photo_rows-1-key": first.key, "photo_rows-1-alt_text": "Sneaked back"},
    )  # fmt: skip
    assert saved.status_code == 302
    db.session.expire_all()
    hidden = db.session.get(Photo, first.id)
    assert hidden.is_hidden
    assert hidden.description == "The quay"
    assert db.session.get(Photo, second.id).description == "The bench, again"


def test_one_person_cannot_pile_up_photos_in_forms_never_sent(client, auth):
    me = auth.as_role()
    category = make_category()
    for _ in range(services.MOST_WAITING):
        services.upload(me, files.webp())
    db.session.commit()
    form = {"title": "", "body": "x", "category": str(category.id), "language": "en",
            "publish": "Publish idea",
            "new_photos-0-file": (io.BytesIO(files.webp()), "a.webp"),
            "new_photos-0-alt_text": "One more"}  # fmt: skip
    refused = client.post("/ideas/new", data=form, content_type="multipart/form-data")
    page = refused.get_data(as_text=True)
    assert "You have many photos waiting in forms you have not sent." in page
    assert services.waiting(me) == services.MOST_WAITING


def test_the_queue_shows_a_waiting_ideas_photos(client, auth):
    idea, first, second = _idea_with_photos()
    idea.hidden_at, idea.awaiting_approval = idea.created_at, True
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/").get_data(as_text=True)
    assert f"/photos/{first.key}/small.webp" in page
    assert f'href="/moderation/photos/{second.key}/hide"' in page
