"""Moderators see, next to each new idea waiting for approval in the queue,
the similar ideas already posted, and may merge it into one of them (it is
then published as the duplicate it is)."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.moderation.queue_views import SUGGESTED_IN_QUEUE
from tests.factories import make_idea, make_user


def _waiting(
    title: str, body: str = "Det ville gøre en stor forskel for os.", author: User | None = None
) -> Idea:
    idea = make_idea(author or make_user(), title=title, body=body)
    idea.hidden_at, idea.awaiting_approval = idea.created_at, True
    db.session.commit()
    return idea


def test_the_queue_offers_the_similar_ideas_as_merge_candidates(client, auth):
    original = make_idea(title="Cykelsti langs Ringvejen til skolen")
    make_idea(title="Flere bænke i byparken")
    withdrawn = make_idea(title="Cykel sti ved Ringvejen")
    withdrawn.status = IdeaStatus.WITHDRAWN
    waiting = _waiting("Cykel sti langs ringvejen")
    auth.as_role(Role.MODERATOR)
    page = client.get("/moderation/").get_data(as_text=True)
    item = page[page.index(f'id="item-idea-{waiting.id}"') :]
    assert "similar idea already posted: a duplicate?" in item
    assert f'href="/moderation/ideas/{waiting.id}/merge?into={original.id}"' in item
    assert f"into={withdrawn.id}" not in page  # only what it may be merged into
    assert "Flere bænke" not in item


def test_merging_a_waiting_idea_publishes_it_as_the_duplicate(client, auth):
    original = make_idea(title="Legeplads i Solbjerg Nord")
    author = make_user()
    waiting = _waiting("Lege plads i Solbjerg nord", author=author)
    author_email = author.email
    auth.as_role(Role.MODERATOR)
    form = client.get(f"/moderation/ideas/{waiting.id}/merge?into={original.id}")
    assert "It waits for approval: merging publishes it" in form.get_data(as_text=True)
    client.post(
        f"/moderation/ideas/{waiting.id}/merge",
        data={"into": str(original.id), "reason": "Samme ønske."},
    )
    db.session.expire_all()
    merged = db.session.get(Idea, waiting.id)
    assert merged.status == IdeaStatus.MERGED
    assert merged.merged_into_id == original.id
    assert merged.visible
    assert not merged.awaiting_approval
    page = client.get(f"/ideas/{waiting.id}").get_data(as_text=True)
    assert f'href="/ideas/{original.id}"' in page
    told = db.session.scalars(select(OutboxMessage.to_address)).all()
    assert author_email in told


def test_the_queue_asks_a_fixed_number_of_queries_however_many_ideas_wait(
    client, auth, count_queries
):
    make_idea(title="Cykelsti langs Ringvejen")
    auth.as_role(Role.MODERATOR)

    def measure() -> int:
        with count_queries() as counter:
            assert client.get("/moderation/").status_code == 200
        return counter.count

    for n in range(SUGGESTED_IN_QUEUE):
        _waiting(f"Cykel sti nummer {n}")
    measure()  # each word's count is looked up once, then kept for a while
    before = measure()
    for n in range(8):
        _waiting(f"Cykel sti mere {n}")
    assert measure() == before


def test_the_merge_form_finds_the_target_by_its_words(client, auth):
    duplicate = make_idea(title="Hundeskov tak")
    target = make_idea(title="Indhegnet hundeskov i Solbjerg")
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    page = client.get(f"/moderation/ideas/{duplicate.id}/merge?q=indhegnet").get_data(as_text=True)
    search = page[page.index('id="merge-search-heading"') :]
    chosen = f"/moderation/ideas/{duplicate.id}/merge?into={target.id}&amp;q=indhegnet"
    assert f'href="{chosen}"' in search
    filled = client.get(chosen.replace("&amp;", "&")).get_data(as_text=True)
    assert f'value="{target.id}"' in filled
    nothing = client.get(f"/moderation/ideas/{duplicate.id}/merge?q=zzzz").get_data(as_text=True)
    assert "No other idea matches “zzzz”." in nothing
