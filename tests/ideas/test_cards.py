"""The idea card is kept per content and language (portal/ideas/cards.py):
whatever a card shows changes, the next page shows the change."""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas import cards
from portal.ideas.models import Category, Idea, IdeaStatus
from portal.supports import services as supports
from tests.factories import make_category, make_comment, make_idea, make_user


@pytest.fixture(autouse=True)
def no_page_cache(app):
    app.config["PAGE_CACHE"] = False  # the cards' own cache is under test


def _card(client, idea_id: int, lang: str = "en") -> str:
    page = client.get(f"/ideas/?lang={lang}").get_data(as_text=True)
    found = re.search(
        rf'<article class="idea-card">(?:(?!</article>).)*?/ideas/{idea_id}".*?</article>',
        page,
        re.S,
    )
    assert found, page
    return found.group(0)


def test_every_value_a_card_shows_renews_it(client):
    author = make_user(name="Karen Holm")
    idea = make_idea(author, title="Benches by the lake", category=make_category(name="Parks"))
    first = _card(client, idea.id)
    assert "Benches by the lake" in first
    assert "Karen Holm" in first
    assert "Parks" in first
    assert _card(client, idea.id) == first  # kept, and the same

    supports.support(make_user(), db.session.get(Idea, idea.id))
    db.session.commit()
    assert "1 supporter" in _card(client, idea.id)
    make_comment(db.session.get(Idea, idea.id))
    assert "1 comment" in _card(client, idea.id)

    changes = [  # one at a time: each alone must renew the card
        (Idea, idea.id, "title", "Benches and a table"),
        (Idea, idea.id, "status", IdeaStatus.UNDER_REVIEW),
        (Category, idea.category_id, "name_en", "Nature"),
        (User, idea.author_id, "display_name", "K. Holm"),
    ]
    for model, row_id, column, value in changes:
        setattr(db.session.get(model, row_id), column, value)
        db.session.commit()
        shown = f"badge-{value}" if column == "status" else value
        assert shown in _card(client, idea.id)


def test_a_card_speaks_the_readers_language(client):
    idea = make_idea(title="Benches", category=make_category(name="Parks"))
    assert "Parks (da)" in _card(client, idea.id, "da")
    assert "Parks (nl)" in _card(client, idea.id, "nl")
    assert "Parks" in _card(client, idea.id, "en")


def test_the_kept_cards_are_bounded(client, monkeypatch):
    monkeypatch.setattr(cards.CARDS, "most", 2)
    cards.CARDS.clear()
    for _ in range(4):
        make_idea()
    client.get("/ideas/")
    assert len(cards.CARDS._kept) == 2
