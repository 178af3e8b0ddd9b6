"""The idea card of every list (front page, lists, search, a challenge's
answers), rendered once per content and language.

A card shows nothing but the idea's own columns, its category's, area's and
author's names and the reader's language, and nothing personal, so the finished HTML
is kept in the process under a key made of exactly those values: a card is
rendered again only when one of them changes (a new comment changes its
count, and so its key), never served stale. A list page after a write then
re-renders the one card that changed, not twenty.
"""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy.orm import joinedload

from portal.i18n import locale_code
from portal.kept import KeptMarkup

CARDS = KeptMarkup("_macros/ideas.html", "idea_card_markup", most=20_000)  # about 15 MB


def loaded_for_cards() -> tuple:
    """What a query loads with its ideas for their cards: author, category,
    area and the photo the card shows (in the same query)."""
    from portal.ideas.models import Idea

    return (
        joinedload(Idea.author), joinedload(Idea.category), joinedload(Idea.area),
        joinedload(Idea.cover),  # type: ignore[attr-defined]
    )  # fmt: skip


def _key(idea: object, labels: dict, heading: str) -> tuple:
    i = idea  # every value the card shows, and the reader's language
    cover, area = i.cover, i.area  # type: ignore[attr-defined]
    return (
        locale_code(), heading, id(labels), i.id, i.title, i.language, i.status,  # type: ignore[attr-defined]
        i.category.name, i.author.display_name, i.created_at, i.support_count, i.comment_count,  # type: ignore[attr-defined]
        cover and (cover.key, cover.description), area and area.name,
    )  # fmt: skip


def idea_card(
    idea: object, labels: dict, heading: str = "h3", snippet: Markup | None = None
) -> Markup:
    """The card; ``snippet``: the piece of its text a search found (kept
    with the card, as a value it shows)."""
    key = (*_key(idea, labels, heading), snippet)
    return CARDS.render(key, idea, labels, heading, key[0], snippet)
