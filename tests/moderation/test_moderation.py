from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from portal.accounts.models import Role
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas import tally
from portal.ideas.models import Idea
from portal.mail import OutboxMessage
from portal.moderation import services
from portal.moderation.models import Flag, FlagReason, LogEntry
from portal.municipality.models import HandOver
from tests.factories import make_comment, make_hand_over, make_idea, make_user


def _open_flags() -> int:
    return db.session.scalar(select(func.count()).where(Flag.resolved_at.is_(None)))


def test_citizen_flags_an_idea_once(client, auth):
    idea = make_idea()
    auth.as_role()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f"/ideas/{idea.id}/flag" in page
    response = client.post(
        f"/ideas/{idea.id}/flag", data={"reason": "personal_data", "note": "Phone number"}
    )
    assert response.status_code == 302
    assert "The moderators will look at it" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    again = client.post(f"/ideas/{idea.id}/flag", data={"reason": "spam"}, follow_redirects=True)
    assert "already reported" in again.get_data(as_text=True)
    assert _open_flags() == 1
    stored = db.session.scalar(select(Flag))
    assert (stored.reason, stored.note) == ("personal_data", "Phone number")


def test_flag_needs_a_reason_and_keeps_the_note(client, auth):
    idea = make_idea()
    auth.as_role()
    response = client.post(f"/ideas/{idea.id}/flag", data={"note": "Look at this"})
    assert response.status_code == 400
    assert "Please choose a reason." in response.get_data(as_text=True)
    assert "Look at this" in response.get_data(as_text=True)
    bogus = client.post(f"/ideas/{idea.id}/flag", data={"reason": "nonsense"})
    assert bogus.status_code == 400
    assert _open_flags() == 0


def test_authors_cannot_flag_their_own_content(client, auth):
    author = auth.as_role()
    idea = make_idea(author)
    assert client.get(f"/ideas/{idea.id}/flag").status_code == 403


def test_one_open_flag_per_citizen_is_a_database_rule():
    idea, reporter = make_idea(), make_user()
    db.session.add(Flag(idea_id=idea.id, reporter_id=reporter.id, reason=FlagReason.SPAM))
    db.session.commit()
    db.session.add(Flag(idea_id=idea.id, reporter_id=reporter.id, reason=FlagReason.OTHER))
    with pytest.raises(DBAPIError):
        db.session.commit()
    db.session.rollback()


def test_queue_shows_flags_and_author_history(client, auth):
    idea = make_idea(title="A suspicious idea")
    comment = make_comment(make_idea(), body="A rude comment")
    for _ in range(2):
        services.flag(make_user(), idea, FlagReason.SPAM, "Advert")
    services.flag(make_user(), comment, FlagReason.OFFENSIVE)
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/?sort=flags").get_data(as_text=True)
    assert "A suspicious idea" in page
    assert "A rude comment" in page
    assert "2 reports" in page
    assert "Advert" in page
    assert page.index("A suspicious idea") < page.index("A rude comment")


def test_hide_and_restore_an_idea(client, auth):
    author = make_user(locale="da", name="Dorte")
    idea = make_idea(author, title="Contains a phone number")
    services.flag(make_user(), idea, FlagReason.PERSONAL_DATA)
    db.session.commit()
    before = tally.total()
    moderator = auth.as_role(Role.MODERATOR)

    empty = client.post(f"/moderation/ideas/{idea.id}/hide", data={"reason": " "})
    assert empty.status_code == 400
    assert db.session.get(Idea, idea.id).hidden_at is None

    client.post(f"/moderation/ideas/{idea.id}/hide", data={"reason": "Personal data"})
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).hidden_reason == "Personal data"
    assert tally.total() == before - 1
    assert _open_flags() == 0
    entry = db.session.scalar(select(LogEntry))
    assert (entry.actor_id, entry.action, entry.target_id) == (moderator.id, "hide", idea.id)
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "content_hidden"))
    assert mail.to_address == author.email
    assert mail.locale == "da"
    assert "Personal data" in mail.body_text

    assert client.get(f"/ideas/{idea.id}").status_code == 200  # moderators still see it
    auth.logout()
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    assert "Contains a phone number" not in client.get("/ideas/").get_data(as_text=True)

    auth.login(moderator)
    client.post(f"/moderation/ideas/{idea.id}/restore", data={"reason": "Number removed"})
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).hidden_at is None
    assert tally.total() == before


def test_hide_a_comment(client, auth):
    idea = make_idea()
    comment = make_comment(idea, body="Something nasty")
    make_comment(idea)
    auth.as_role(Role.MODERATOR)
    client.post(f"/moderation/comments/{comment.id}/hide", data={"reason": "Offensive"})
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).comment_count == 1
    auth.logout()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Hidden by a moderator: Offensive" in page
    assert "Something nasty" not in page


def test_bulk_hide_and_dismiss(client, auth):
    first, second, third = make_idea(), make_idea(), make_idea()
    for idea in (first, second, third):
        services.flag(make_user(), idea, FlagReason.SPAM)
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    nothing = client.post("/moderation/bulk", data={"action": "hide", "reason": "Spam"})
    assert nothing.status_code == 400
    assert "Select at least one item." in nothing.get_data(as_text=True)
    response = client.post(
        "/moderation/bulk",
        data={"item": [f"idea:{first.id}", f"idea:{second.id}", "idea:999999", "bogus"],
              "action": "hide", "reason": "Spam wave"},
    )  # fmt: skip
    assert response.status_code == 302
    client.post(
        "/moderation/bulk",
        data={"item": [f"idea:{third.id}"], "action": "dismiss", "reason": "Fine"},
    )
    db.session.expire_all()
    hidden = {i.id for i in db.session.scalars(select(Idea).where(Idea.hidden_at.is_not(None)))}
    assert hidden == {first.id, second.id}
    assert _open_flags() == 0
    actions = sorted(db.session.scalars(select(LogEntry.action)))
    assert actions == ["dismiss_flags", "hide", "hide"]


def test_log_lists_and_filters(client, auth):
    idea = make_idea()
    moderator = make_user(Role.MODERATOR)
    services.hide(moderator, idea, "Duplicate")
    services.restore(moderator, db.session.get(Idea, idea.id), "Not a duplicate")
    db.session.commit()
    auth.login(moderator)
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "Duplicate" in page
    assert "Not a duplicate" in page
    filtered = client.get("/moderation/log?action=restore").get_data(as_text=True)
    assert "Not a duplicate" in filtered
    assert ">Duplicate<" not in filtered


def test_log_cannot_be_changed():
    idea = make_idea()
    services.log(None, "hide", idea, "Reason")
    db.session.commit()
    entry = db.session.scalar(select(LogEntry))
    entry.reason = "Rewritten history"
    with pytest.raises(DBAPIError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(LogEntry)))
    with pytest.raises(DBAPIError):
        db.session.commit()
    db.session.rollback()


def test_queue_query_count_is_constant(client, auth, count_queries):
    auth.as_role(Role.MODERATOR)

    def measure() -> int:
        with count_queries() as counter:
            assert client.get("/moderation/").status_code == 200
        return counter.count

    services.flag(make_user(), make_idea(), FlagReason.SPAM)
    db.session.commit()
    small = measure()
    for _ in range(6):
        services.flag(make_user(), make_idea(), FlagReason.SPAM)
        services.flag(make_user(), make_comment(make_idea()), FlagReason.OTHER)
    db.session.commit()
    assert measure() == small


def test_hidden_comment_count_stays_consistent_with_rows():
    idea = make_idea()
    comments = [make_comment(idea) for _ in range(3)]
    moderator = make_user(Role.MODERATOR)
    chosen = [db.session.get(Comment, c.id) for c in comments[:2]]
    services.bulk(moderator, "hide", chosen, lambda _item: "x")
    db.session.commit()
    assert db.session.get(Idea, idea.id).comment_count == 1


def test_dismiss_in_one_click(client, auth):
    idea = make_idea()
    services.flag(make_user(), idea, FlagReason.SPAM)
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/").get_data(as_text=True)
    assert f'formaction="/moderation/ideas/{idea.id}/dismiss?next_item="' in page
    assert client.post(f"/moderation/ideas/{idea.id}/dismiss").status_code == 302
    assert _open_flags() == 0
    assert db.session.scalar(select(LogEntry.action)) == "dismiss_flags"


def test_moderator_corrects_title_and_category_with_a_logged_reason(client, auth):
    from tests.factories import make_category

    wrong, right = make_category(), make_category()
    idea = make_idea(title="Cyckelsti til skolen", category=wrong)
    auth.as_role(Role.MODERATOR)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f"/moderation/ideas/{idea.id}/edit" in page
    missing = client.post(
        f"/moderation/ideas/{idea.id}/edit",
        data={"title": "Cykelsti til skolen", "category": right.id, "reason": ""},
    )
    assert missing.status_code == 400
    assert "Cykelsti til skolen" in missing.get_data(as_text=True)
    ok = client.post(
        f"/moderation/ideas/{idea.id}/edit",
        data={"title": "Cykelsti til skolen", "category": right.id, "reason": "Typo, category"},
    )
    assert ok.status_code == 302
    stored = db.session.get(Idea, idea.id)
    assert (stored.title, stored.category_id) == ("Cykelsti til skolen", right.id)
    assert tally.total(right.id) == 1
    assert tally.total(wrong.id) == 0
    entry = db.session.scalar(select(LogEntry))
    assert entry.action == "edit"
    assert entry.reason == "Typo, category"
    assert entry.facts == {
        "title_from": "Cyckelsti til skolen", "title_to": "Cykelsti til skolen",
        "category_from": wrong.id, "category_to": right.id,
    }  # fmt: skip
    auth.as_role(Role.MODERATOR)
    log = client.get("/moderation/log", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert "Titel: »Cyckelsti til skolen« → »Cykelsti til skolen«" in log


def test_merge_moves_supporters_without_counting_anyone_twice(client, auth):
    from portal.supports import services as supports

    original, duplicate = make_idea(title="Original"), make_idea(title="Duplicate")
    both, only_dup = make_user(), make_user()
    original_author = db.session.get(Idea, original.id).author_id
    for user in (both,):
        supports.support(user, db.session.get(Idea, original.id))
    for user in (both, only_dup):
        supports.support(user, db.session.get(Idea, duplicate.id))
    # The original's author supported the duplicate: must not support their own idea.
    from portal.accounts.models import User

    supports.support(db.session.get(User, original_author), db.session.get(Idea, duplicate.id))
    make_comment(duplicate, body="A comment that stays on the duplicate")
    db.session.commit()
    before = tally.total()

    auth.as_role(Role.MODERATOR)
    for bad, message in (
        ({"into": duplicate.id, "reason": "x"}, "cannot be merged into itself"),
        ({"into": 999999, "reason": "x"}, "no idea with that number"),
        ({"into": "abc", "reason": "x"}, "give the idea"),
        ({"into": "0", "reason": "x"}, "give the idea"),
        ({"into": str(2**40), "reason": "x"}, "give the idea"),
        ({"into": original.id, "reason": ""}, "Please give a reason."),
    ):
        response = client.post(f"/moderation/ideas/{duplicate.id}/merge", data=bad)
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert message in page
        assert "no idea with that number" not in page or "999999" in str(bad["into"])

    ok = client.post(
        f"/moderation/ideas/{duplicate.id}/merge", data={"into": original.id, "reason": "Same"}
    )
    assert ok.status_code == 302
    db.session.expire_all()
    merged, kept = db.session.get(Idea, duplicate.id), db.session.get(Idea, original.id)
    assert (merged.status, merged.merged_into_id) == ("merged", original.id)
    assert kept.support_count == 2  # both + only_dup; nobody twice, not the author
    assert tally.total() == before - 1
    # The duplicate's author and its supporters are told, with a link to the original.
    told = {
        m.to_address: m
        for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "status_changed")
        )
    }
    duplicate_author = db.session.get(User, merged.author_id)
    assert {duplicate_author.email, both.email, only_dup.email} <= told.keys()
    assert f"/ideas/{original.id}" in told[only_dup.email].body_text

    page = client.get(f"/ideas/{duplicate.id}").get_data(as_text=True)
    assert f'href="/ideas/{original.id}"' in page
    assert "A comment that stays on the duplicate" in page
    # The idea it was merged into lists it.
    target = client.get(f"/ideas/{original.id}").get_data(as_text=True)
    assert "Ideas merged into this one" in target
    assert (
        f'<a href="/ideas/{duplicate.id}">Idea #{duplicate.id}: <span>Duplicate</span></a>'
        in target
    )
    again = client.post(
        f"/moderation/ideas/{duplicate.id}/merge",
        data={"into": original.id, "reason": "x"},
        follow_redirects=True,
    )
    assert "This idea is hidden, withdrawn or already merged." in again.get_data(as_text=True)
    hidden_target = make_idea()
    services.hide(make_user(Role.MODERATOR), db.session.get(Idea, hidden_target.id), "x")
    db.session.commit()
    other = make_idea()
    into_hidden = client.post(
        f"/moderation/ideas/{other.id}/merge", data={"into": hidden_target.id, "reason": "x"}
    )
    assert "hidden, withdrawn or merged itself" in into_hidden.get_data(as_text=True)


def test_an_idea_the_municipality_took_up_cannot_be_merged(client, auth):
    handed = make_hand_over().idea_id
    other = make_idea()
    auth.as_role(Role.MODERATOR)
    assert "Merge as a duplicate" not in client.get(f"/ideas/{handed}").get_data(as_text=True)
    response = client.post(
        f"/moderation/ideas/{handed}/merge",
        data={"into": other.id, "reason": "Same"},
        follow_redirects=True,
    )
    assert "already with the municipality" in response.get_data(as_text=True)
    assert db.session.get(Idea, handed).status == "handed_over"
    with pytest.raises(services.ModerationError):
        services.merge(make_user(Role.MODERATOR), db.session.get(Idea, handed), other, "Same")
    assert db.session.query(HandOver).count() == 1


def test_an_idea_waiting_for_approval_does_not_count_as_hidden_in_the_queue():
    from portal.moderation.queries import queue

    author = make_user()
    waiting = make_idea(author)
    waiting.hidden_at, waiting.awaiting_approval = waiting.created_at, True
    hidden = make_idea(author)
    hidden.hidden_at, hidden.hidden_reason = hidden.created_at, "Spam"
    db.session.commit()
    item = next(i for i in queue() if i.target.id == waiting.id)
    assert item.author_ideas == 2
    assert item.author_hidden == 1  # the idea a moderator hid, not the one waiting
