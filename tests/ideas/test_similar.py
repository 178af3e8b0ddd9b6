"""Has someone already suggested this? Similar ideas while an idea is
written (on preview, and as the title is typed), measured on the demo's
duplicate titles, and offered to moderators as merge candidates."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.demo.content import IDEAS
from portal.demo.duplicates import DUPLICATE_PAIRS
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas import similar
from portal.ideas.models import Idea, IdeaStatus
from portal.ideas.similar import similar_ideas
from portal.moderation import services as moderation
from portal.supports.models import Support
from tests.factories import make_category, make_hand_over, make_idea, make_official, make_user

HIT_RATE = 0.8


def test_the_original_is_suggested_for_most_duplicates_citizens_write(app):
    load_demo()
    db.session.commit()
    ids = {idea.title: idea.id for idea in db.session.scalars(select(Idea))}
    missed = [
        title
        for title, position in DUPLICATE_PAIRS
        if ids[IDEAS[position]["title"]] not in [i.id for i in similar_ideas(title)]
    ]
    assert len(DUPLICATE_PAIRS) >= 30
    assert 1 - len(missed) / len(DUPLICATE_PAIRS) >= HIT_RATE, missed


def test_spelling_variants_find_each_other(app):
    compound = make_idea(title="Ny cykelsti langs åen")
    apart = make_idea(title="Legeplads i byparken")
    parking = make_idea(title="Flere parkeringspladser ved stationen")
    db.session.commit()
    assert compound.id in [i.id for i in similar_ideas("Cykel sti ved åen")]
    assert apart.id in [i.id for i in similar_ideas("Lege plads til de små")]
    assert parking.id in [i.id for i in similar_ideas("Flere p-pladser")]
    assert similar.words("Og på i til") == []  # only small words: nothing to ask


def test_hidden_ideas_stay_out_merged_ones_point_to_the_original_open_first(app):
    moderator = make_user(role=Role.MODERATOR)
    original = make_idea(title="Bænke ved søen")
    duplicate = make_idea(title="Bænke ved søen, tak")
    hidden = make_idea(title="Bænke ved søen er for dyre")
    moderation.merge(moderator, duplicate, original, "The same bench")
    moderation.hide(moderator, hidden, "Spam")
    db.session.commit()
    found = [i.id for i in similar_ideas("Bænke ved søen")]
    assert found == [original.id]
    assert similar_ideas("Bænke ved søen", exclude=original.id) == []


def test_preview_shows_them_with_support_this_one_instead(client, auth):
    category = make_category()
    existing = make_idea(title="Hundeskov i Solbjerg", category=category)
    citizen = auth.as_role(Role.CITIZEN)
    data = {"title": "Hundeskov til hunde", "body": "Et sted hvor hunde kan løbe frit.",
            "category": str(category.id), "language": "da", "preview": "Preview"}  # fmt: skip
    page = client.post("/ideas/new", data=data).get_data(as_text=True)
    assert 'id="similar-heading"' in page
    assert f'formaction="/ideas/{existing.id}/support"' in page
    assert db.session.scalar(select(Idea).where(Idea.title == "Hundeskov til hunde")) is None

    # The button sends the idea form itself to the support address.
    supported = client.post(f"/ideas/{existing.id}/support", data=data)
    assert supported.status_code == 302
    assert db.session.scalar(select(Support.user_id).where(Support.idea_id == existing.id)) == (
        citizen.id
    )


def test_the_form_asks_as_the_title_is_typed(client, auth):
    make_idea(title="Skaterbane ved idrætscentret")
    fragment = client.get("/ideas/similar?title=Skaterpark").get_data(as_text=True)
    assert "Skaterbane ved idrætscentret" in fragment
    assert "formaction" not in fragment  # a visitor cannot support
    assert client.get("/ideas/similar?title=").get_data(as_text=True).strip() == ""
    auth.as_role(Role.CITIZEN)
    page = client.get("/ideas/new").get_data(as_text=True)
    assert 'data-similar="/ideas/similar"' in page
    assert "js/similar.js" in page


def test_the_suggestions_cost_the_same_queries_however_many_ideas_match(app, count_queries):
    def queries(ideas: int) -> int:
        for n in range(ideas):
            make_idea(title=f"Cykelsti nummer {n}")
        db.session.commit()
        similar._KEPT.clear()  # the words' counts are looked up anew (one query each)
        with count_queries() as counter:
            similar_ideas("Cykelsti langs vejen")
        return counter.count

    assert queries(2) == queries(25)


def test_moderators_get_merge_candidates(client, auth):
    original = make_idea(title="Vinterbadebro ved søen")
    duplicate = make_idea(title="Vinterbadning fra en bro ved søen")
    auth.as_role(Role.MODERATOR)
    page = client.get(f"/moderation/ideas/{duplicate.id}/merge").get_data(as_text=True)
    assert f'href="/moderation/ideas/{duplicate.id}/merge?into={original.id}"' in page
    chosen = client.get(f"/moderation/ideas/{duplicate.id}/merge?into={original.id}")
    assert f'value="{original.id}"' in chosen.get_data(as_text=True)


def test_many_hidden_ideas_cannot_push_a_visible_one_out(app):
    moderator = make_user(role=Role.MODERATOR)
    shown = make_idea(title="Ny cykelsti langs åen")
    for n in range(similar.CANDIDATES + 3):
        moderation.hide(moderator, make_idea(title=f"Cykelsti spam {n}"), "Spam")
    db.session.commit()
    assert [i.id for i in similar_ideas("Cykelsti")] == [shown.id]


def test_ideas_still_open_come_before_decided_ones(app):
    official = make_official()
    declined = db.session.get(
        Idea, make_hand_over(make_idea(title="Cykelsti fra Solbjerg til Højby")).idea_id
    )
    ideas.change_status(declined, IdeaStatus.DECLINED, official, "No money.")
    open_one = make_idea(title="Cykelsti mellem Solbjerg og Højby, tak")
    db.session.commit()
    found = [i.id for i in similar_ideas("Cykelsti fra Solbjerg til Højby")]
    assert found == [open_one.id, declined.id]
