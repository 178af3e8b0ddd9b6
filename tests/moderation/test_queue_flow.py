"""Working through the queue: a reported idea shows its text, a reported
comment the idea it belongs to, and after hiding or dismissing an item the
moderator is back in the queue at the next one."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.extensions import db
from portal.moderation import services
from portal.moderation.models import FlagReason
from tests.factories import make_comment, make_idea, make_user


def _reported():  # type: ignore[no-untyped-def]
    idea = make_idea(title="Cheap watches", body="Buy cheap watches at my shop today.")
    other = make_idea(title="Benches by the lake")
    comment = make_comment(other, body="You are all idiots.")
    services.flag(make_user(), idea, FlagReason.SPAM, "Advert")
    services.flag(make_user(), comment, FlagReason.OFFENSIVE)
    db.session.commit()
    return idea, comment


def test_the_queue_shows_what_was_reported_and_where(client, auth):
    _reported()
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/").get_data(as_text=True)
    assert "Buy cheap watches at my shop today." in page  # the idea's own text
    assert "Comment on the idea <strong>Benches by the lake</strong>" in page


def test_after_hiding_the_moderator_is_back_at_the_next_item(client, auth):
    idea, comment = _reported()
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/").get_data(as_text=True)
    link = f"/moderation/ideas/{idea.id}/hide?next_item=queue-comment-{comment.id}"
    assert f'href="{link}"' in page
    done = client.post(link, data={"reason": "Advertising"})
    assert done.status_code == 302
    assert done.headers["Location"] == "/moderation/#confirmation"
    queue = client.get("/moderation/").get_data(as_text=True)
    at = queue.index(f'id="queue-comment-{comment.id}"')
    assert queue.index("Done. The author has been told.", at) > at
    dismissed = client.post(f"/moderation/comments/{comment.id}/dismiss?next_item=")
    assert dismissed.headers["Location"] == "/moderation/"  # the last one: the top


def test_a_foreign_next_item_is_not_followed(client, auth):
    idea, _comment = _reported()
    auth.as_role(Role.MODERATOR)
    done = client.post(
        f"/moderation/ideas/{idea.id}/hide?next_item=//evil.example/x", data={"reason": "Spam"}
    )
    assert done.headers["Location"] == "/moderation/"
