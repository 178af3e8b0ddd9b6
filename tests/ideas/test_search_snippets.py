"""Search results show a piece of each idea's text with the matched words
marked, and the search filters by category, area and status."""

from __future__ import annotations

from markupsafe import Markup

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services
from portal.ideas.models import Idea, IdeaStatus
from portal.ideas.snippets import snippet
from tests.factories import make_area, make_category, make_idea, make_user


def test_a_snippet_marks_the_words_found_and_escapes_the_rest():
    html = "<p>Vi mangler en <strong>cykelsti</strong> ved Caféen &lt;script&gt; og havnen.</p>"
    text = snippet(html, "cykel cafe")
    assert isinstance(text, Markup)
    assert text == (
        "Vi mangler en <mark>cykelsti</mark> ved <mark>Caféen</mark> &lt;script&gt; og havnen."
    )
    assert "<mark>" not in snippet(html, "ykel")  # words match at their start, as the index does
    assert snippet("<p>&lt;mark&gt;</p>", "mark") == "&lt;<mark>mark</mark>&gt;"


def test_a_long_text_is_cut_around_the_first_match_at_spaces():
    words = " ".join(f"ord{n}" for n in range(200))
    text = snippet(f"<p>{words} havnebad {words}</p>", "havn")
    assert text.startswith("… ")
    assert text.endswith(" …")
    assert "<mark>havnebad</mark>" in text
    plain = text.striptags()
    assert len(plain) <= 210
    assert all(piece.startswith("ord") for piece in plain.strip("… ").split()[:1])
    assert snippet("<p>Ingen match her</p>", "havn") == "Ingen match her"  # the title matched


def test_search_filters_by_category_area_and_status_and_shows_snippets(client):
    roads, parks = make_category(slug="roads"), make_category(slug="parks")
    harbour = make_area(slug="harbour")
    moderator = make_user(Role.MODERATOR)
    body = "A safe **bicycle** path along the harbour road, lit at night."
    one = make_idea(title="Path by the water", body=body, category=roads, area=harbour)
    make_idea(title="Another path", body="A bicycle path in town.", category=roads)
    make_idea(title="Park path", body="A bicycle path through the park.", category=parks)
    services.change_status(db.session.get(Idea, one.id), IdeaStatus.UNDER_REVIEW, moderator)
    db.session.commit()
    everything = client.get("/ideas/search?q=bicycle").get_data(as_text=True)
    assert "3 ideas found" in everything
    assert 'class="search-snippet">A safe <mark>bicycle</mark> path along' in everything
    in_roads = client.get("/ideas/search?q=bicycle&category=roads").get_data(as_text=True)
    assert "2 ideas found" in in_roads
    assert '<option value="roads" selected>' in in_roads  # the choice stays in the form
    by_harbour = client.get("/ideas/search?q=bicycle&area=harbour").get_data(as_text=True)
    assert "1 idea found" in by_harbour
    assert "Path by the water" in by_harbour
    reviewed = client.get("/ideas/search?q=bicycle&status=under_review").get_data(as_text=True)
    assert "1 idea found" in reviewed
    assert (
        client.get("/ideas/search?q=bicycle&status=new&category=parks")
        .get_data(as_text=True)
        .count('<article class="idea-card')
        == 1
    )
    assert client.get("/ideas/search?q=bicycle&category=nowhere").status_code == 404
    assert client.get("/ideas/search?q=bicycle&status=merged").status_code == 404


def test_a_filtered_search_costs_the_same_queries_however_many_match(client, count_queries):
    roads, harbour = make_category(slug="roads"), make_area(slug="harbour")

    def measured() -> int:
        with count_queries() as counter:
            page = client.get("/ideas/search?q=bicycle&category=roads&area=harbour")
        assert page.status_code == 200
        return counter.count

    make_idea(body="A bicycle path by the harbour.", category=roads, area=harbour)
    db.session.commit()
    few = measured()
    for n in range(30):
        make_idea(body=f"Bicycle idea number {n}.", category=roads, area=harbour)
    db.session.commit()
    assert measured() == few
