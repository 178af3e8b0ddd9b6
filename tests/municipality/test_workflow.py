"""The status workflow table, walked whole, and the services that use it."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services, workflow
from portal.ideas.models import Idea, IdeaStatus, StatusChange
from portal.mail import OutboxMessage
from portal.supports.services import support
from tests.factories import make_idea, make_user

S = IdeaStatus
EXPECTED_PATH = [S.NEW, S.UNDER_REVIEW, S.HANDED_OVER, S.ON_AGENDA, S.ACCEPTED, S.IMPLEMENTED]


def test_the_main_path_is_allowed_step_by_step():
    for before, after in zip(EXPECTED_PATH, EXPECTED_PATH[1:], strict=False):
        assert workflow.allowed(before, after), (before, after)
    assert workflow.allowed(S.ON_AGENDA, S.DECLINED)
    assert workflow.allowed(S.ON_AGENDA, S.HANDED_OVER)  # postponed


@pytest.mark.parametrize("final", [S.DECLINED, S.IMPLEMENTED, S.WITHDRAWN, S.MERGED])
def test_final_statuses_lead_nowhere(final):
    assert not any(workflow.allowed(final, other) for other in IdeaStatus)


@pytest.mark.parametrize("before", list(IdeaStatus))
@pytest.mark.parametrize("after", list(IdeaStatus))
def test_every_transition_is_enforced_by_the_service(app, before, after):
    idea = make_idea()
    idea.status = before
    db.session.commit()
    actor = make_user(Role.MODERATOR)
    if workflow.allowed(before, after):
        services.change_status(idea, after, actor, "why")
        assert idea.status == after
    else:
        with pytest.raises(workflow.TransitionError):
            services.change_status(idea, after, actor, "why")
        db.session.rollback()
        assert db.session.get(type(idea), idea.id).status == before


def test_withdrawing_and_merging_are_only_for_ideas_not_yet_handled():
    assert workflow.allowed(S.NEW, S.WITHDRAWN)
    assert workflow.allowed(S.UNDER_REVIEW, S.MERGED)
    assert not workflow.allowed(S.HANDED_OVER, S.WITHDRAWN)
    assert not workflow.allowed(S.ON_AGENDA, S.MERGED)


def test_a_status_change_is_dated_history_and_tells_author_and_supporters(app):
    author, supporter, moderator = make_user(), make_user(), make_user(Role.MODERATOR)
    unverified = make_user(verified=False)
    idea = make_idea(author)
    support(supporter, idea)
    support(unverified, idea)
    support(moderator, idea)  # the one who makes the change is not told
    db.session.commit()
    services.change_status(idea, S.UNDER_REVIEW, moderator, "We are looking at it.")
    db.session.commit()
    entry = (
        db.session.query(StatusChange).filter_by(idea_id=idea.id, to_status="under_review").one()
    )
    assert (entry.from_status, entry.note, entry.actor_id) == (
        "new",
        "We are looking at it.",
        moderator.id,
    )
    mails = {
        m.to_address: m for m in db.session.query(OutboxMessage).filter_by(kind="status_changed")
    }
    assert set(mails) == {author.email, supporter.email}
    assert "Under review" in mails[author.email].subject
    assert "We are looking at it." in mails[supporter.email].body_text


def test_status_mails_speak_the_recipients_language(app):
    author = make_user(locale="nl")
    idea = make_idea(author)
    services.change_status(idea, S.UNDER_REVIEW, make_user(Role.MODERATOR))
    db.session.commit()
    mail = db.session.query(OutboxMessage).filter_by(kind="status_changed").one()
    assert mail.locale == "nl"
    assert "In behandeling" in mail.subject


def test_changing_the_status_of_a_handed_over_idea_says_why_not_and_what_to_do(client, auth):
    from tests.factories import make_hand_over

    handed = make_hand_over()
    auth.as_role(Role.ADMIN)
    response = client.get(f"/moderation/ideas/{handed.idea_id}/status")
    assert response.headers["Location"] == f"/ideas/{handed.idea_id}"  # back where they were
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This idea is with the municipality now" in page
    assert "hand-overs page" in page
    idea = db.session.get(Idea, handed.idea_id)
    idea.status = IdeaStatus.DECLINED
    db.session.commit()
    declined = client.get(f"/moderation/ideas/{idea.id}/status", follow_redirects=True)
    assert "This idea has been dealt with" in declined.get_data(as_text=True)
