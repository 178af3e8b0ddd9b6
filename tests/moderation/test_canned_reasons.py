"""Standard reasons: admins write them in every language, moderators pick
one (or write their own), and the author reads it in their own language."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.comments.models import Comment
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.moderation.models import CannedReason, LogEntry
from portal.photos import services as photo_services
from portal.photos.models import Photo
from tests.factories import make_canned_reason, make_comment, make_idea, make_user
from tests.photos.files import webp

TEXTS = {
    "text_da": "Det indeholder et telefonnummer.",
    "text_nb": "Det inneholder et telefonnummer.",
    "text_nl": "Het bevat een telefoonnummer.",
    "text_en": "It contains a phone number.",
}


def test_admins_add_edit_and_delete_standard_reasons(client, auth):
    admin = auth.as_role(Role.ADMIN)
    added = client.post("/admin/reasons/", data={**TEXTS, "position": "1"})
    assert added.status_code == 302
    reason = db.session.scalar(select(CannedReason))
    assert reason.text_nl == "Het bevat een telefoonnummer."
    missing = client.post("/admin/reasons/", data={**TEXTS, "text_nb": "", "position": "2"})
    assert missing.status_code == 400
    page = missing.get_data(as_text=True)
    assert "This field is required." in page or "Please fill in this field." in page
    assert "Het bevat een telefoonnummer." in page  # nothing typed is lost
    too_long = client.post("/admin/reasons/", data={**TEXTS, "text_da": "x" * 501, "position": "2"})
    assert too_long.status_code == 400
    edited = client.post(
        f"/admin/reasons/{reason.id}", data={**TEXTS, "text_en": "A phone number.", "position": "1"}
    )
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(CannedReason, reason.id).text_en == "A phone number."
    assert "A phone number." in client.get("/admin/reasons/").get_data(as_text=True)
    assert client.post(f"/admin/reasons/{reason.id}/delete").status_code == 302
    assert db.session.scalar(select(CannedReason)) is None
    actions = list(db.session.scalars(select(LogEntry.action).where(LogEntry.actor_id == admin.id)))
    assert actions == ["canned_reason_created", "canned_reason_edited", "canned_reason_deleted"]
    assert client.get(f"/admin/reasons/{reason.id}").status_code == 404


def test_a_picked_reason_reaches_the_author_in_their_language(client, auth):
    reason = make_canned_reason(**{k[5:]: v for k, v in TEXTS.items()})
    author = make_user(locale="nb")
    comment = make_comment(make_idea(), author)
    auth.as_role(Role.MODERATOR)
    form = client.get(f"/moderation/comments/{comment.id}/hide").get_data(as_text=True)
    assert 'data-text="Det inneholder et telefonnummer."' in form  # the author's language
    assert ">It contains a phone number.</option>" in form  # listed in the moderator's
    hidden = client.post(
        f"/moderation/comments/{comment.id}/hide", data={"canned": str(reason.id), "reason": ""}
    )
    assert hidden.status_code == 302
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).hidden_reason == "Det inneholder et telefonnummer."
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "content_hidden"))
    assert "Det inneholder et telefonnummer." in mail.body_text


def test_a_written_reason_wins_and_no_reason_is_refused(client, auth):
    reason = make_canned_reason()
    comment = make_comment(make_idea())
    auth.as_role(Role.MODERATOR)
    url = f"/moderation/comments/{comment.id}/hide"
    nothing = client.post(url, data={"canned": "", "reason": ""})
    assert nothing.status_code == 400
    assert "Please give a reason or choose a standard one." in nothing.get_data(as_text=True)
    unknown = client.post(url, data={"canned": "98765", "reason": ""})
    assert unknown.status_code == 400
    assert "Please choose one of the options." in unknown.get_data(as_text=True)
    client.set_cookie("lang", "da")
    assert "Skriv en begrundelse, eller vælg en af standardbegrundelserne." in client.post(
        url, data={"reason": ""}
    ).get_data(as_text=True)
    client.post(url, data={"canned": str(reason.id), "reason": "Spam, with a link to a shop."})
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).hidden_reason == "Spam, with a link to a shop."


def test_bulk_hiding_with_a_standard_reason_speaks_each_authors_language(client, auth):
    reason = make_canned_reason(**{k[5:]: v for k, v in TEXTS.items()})
    idea = make_idea()
    danish = make_comment(idea, make_user(locale="da"))
    dutch = make_comment(idea, make_user(locale="nl"))
    auth.as_role(Role.MODERATOR)
    response = client.post(
        "/moderation/bulk",
        data={"item": [f"comment:{danish.id}", f"comment:{dutch.id}"], "action": "hide",
              "canned": str(reason.id), "reason": ""},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Comment, danish.id).hidden_reason == "Det indeholder et telefonnummer."
    assert db.session.get(Comment, dutch.id).hidden_reason == "Het bevat een telefoonnummer."


def test_a_photo_is_hidden_with_a_standard_reason(client, auth):
    reason = make_canned_reason(**{k[5:]: v for k, v in TEXTS.items()})
    author = make_user(locale="nl")
    idea = make_idea(author)
    photo = photo_services.upload(author, webp((400, 300)), "The quay")
    photo_services.attach(idea, [(photo, "The quay")])
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    response = client.post(
        f"/moderation/photos/{photo.key}/hide", data={"canned": str(reason.id), "reason": ""}
    )
    assert response.status_code == 302
    db.session.expire_all()
    hidden = db.session.scalar(select(Photo).where(Photo.key == photo.key))
    assert hidden.hidden_reason == "Het bevat een telefoonnummer."


def test_restoring_asks_for_a_reason_of_its_own(client, auth):
    make_canned_reason()
    comment = make_comment(make_idea())
    auth.as_role(Role.MODERATOR)
    client.post(f"/moderation/comments/{comment.id}/hide", data={"reason": "Spam."})
    url = f"/moderation/comments/{comment.id}/restore"
    assert 'id="canned"' not in client.get(url).get_data(as_text=True)
    refused = client.post(url, data={"reason": ""})
    assert refused.status_code == 400
    assert "Please give a reason." in refused.get_data(as_text=True)
    assert client.post(url, data={"reason": "Edited by the author."}).status_code == 302
