from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.ideas.queries import SORTS
from portal.supports import services as supports
from portal.timeutil import utcnow
from tests.factories import make_area, make_category, make_comment, make_idea, make_user


@pytest.fixture
def ideas():
    roads, nature = make_category("roads", "Roads"), make_category("nature", "Nature")
    now = utcnow()
    old = make_idea(title="Old cycle path", category=roads, created_at=now - timedelta(days=90))
    mid = make_idea(
        title="Dog park by the lake", category=nature, created_at=now - timedelta(days=5)
    )
    new = make_idea(title="Benches in the park", category=nature, created_at=now)
    for _ in range(3):
        supports.support(make_user(), db.session.get(Idea, old.id))
    supports.support(make_user(), db.session.get(Idea, mid.id))
    db.session.commit()
    for _ in range(2):
        make_comment(db.session.get(Idea, mid.id))
    return {"old": old, "mid": mid, "new": new}


def _titles(client, query: str, path: str = "/ideas/") -> list[str]:
    page = client.get(f"{path}{query}").get_data(as_text=True)
    return re.findall(r'class="idea-card-title"><a href="[^"]+">([^<]+)</a>', page)


def test_sort_orders(client, ideas):
    assert _titles(client, "?sort=new") == [
        "Benches in the park",
        "Dog park by the lake",
        "Old cycle path",
    ]
    assert _titles(client, "?sort=top")[0] == "Old cycle path"
    assert _titles(client, "?sort=discussed")[0] == "Dog park by the lake"
    # Trending weighs activity by age: the old idea's fresh supports lift it
    # above the newest idea, which has no activity besides being posted.
    assert _titles(client, "?sort=trending") == [
        "Dog park by the lake",
        "Old cycle path",
        "Benches in the park",
    ]
    assert _titles(client, "?sort=bogus") == _titles(client, "?sort=new")


def test_filters(client, ideas):
    assert _titles(client, "?category=roads") == ["Old cycle path"]
    stored = db.session.get(Idea, ideas["mid"].id)
    stored.status = IdeaStatus.UNDER_REVIEW
    db.session.commit()
    assert _titles(client, "?status=under_review") == ["Dog park by the lake"]
    assert client.get("/ideas/?category=no-such-category").status_code == 404
    assert len(_titles(client, "?status=")) == 3


@pytest.mark.parametrize("status", ["bogus", "withdrawn", "merged", "NEW", "new ", "%00"])
def test_unknown_or_closed_status_is_404(client, status):
    make_idea()
    assert client.get(f"/ideas/?status={status}").status_code == 404


def test_paging(app, client):
    app.config["IDEAS_PER_PAGE"] = 2
    category = make_category()
    for n in range(5):
        make_idea(title=f"Paged idea number {n}", category=category)
    first = client.get("/ideas/").get_data(as_text=True)
    third = client.get("/ideas/?page=3").get_data(as_text=True)
    assert "Paged idea number 4" in first
    assert "Paged idea number 0" not in first
    assert "Paged idea number 0" in third
    assert 'rel="prev"' in third
    assert "Page 1 of 3" in first
    assert client.get("/ideas/?page=99").status_code == 404
    assert client.get("/ideas/?page=9223372036854775808").status_code == 404
    assert "Page 1 of 3" in client.get("/ideas/?page=-4").get_data(as_text=True)
    assert "Page 1 of 3" in client.get("/ideas/?page=abc").get_data(as_text=True)
    # Only the list's own parameters are carried into its page links.
    page = client.get("/ideas/?sort=top&endpoint=x&_external=1&_anchor=y").get_data(as_text=True)
    assert 'href="/ideas/?sort=top&amp;page=2"' in page


def test_search_ranks_title_matches_first(client):
    category = make_category()
    make_idea(
        title="Playground equipment",
        body="Swings and a cycle rack for everybody here.",
        category=category,
    )
    make_idea(
        title="A cycle path to Højby",
        body="Children need a safe way to school every day.",
        category=category,
    )
    make_idea(
        title="Library hours",
        body="Longer opening hours in the weekend, please.",
        category=category,
    )
    assert _titles(client, "?q=cycle", "/ideas/search") == [
        "A cycle path to Højby",
        "Playground equipment",
    ]
    assert "2 ideas found" in client.get("/ideas/search?q=cycle").get_data(as_text=True)
    assert _titles(client, "?q=H%C3%B8j", "/ideas/search") == ["A cycle path to Højby"]  # prefix


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "cycle*", "title:x", "(", "NEAR(a b)", "ø" * 300]
)
def test_search_survives_any_input(client, query):
    make_idea(title="A cycle path to Højby")
    response = client.get("/ideas/search", query_string={"q": query})
    assert response.status_code == 200


def test_query_count_does_not_grow_with_data(client, auth, count_queries):
    def measure() -> dict[str, int]:
        idea_id = db.session.scalar(db.select(Idea.id).order_by(Idea.id))
        counts = {}
        for url in (
            "/",
            "/ideas/",
            "/ideas/?sort=top&category=c1",
            "/ideas/?area=a1&category=c1&status=new",
            f"/ideas/{idea_id}",
            "/ideas/search?q=idea",
        ):
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts[url] = counter.count
        return counts

    category, area = make_category("c1"), make_area("a1")
    author = make_user()
    first = make_idea(author, category=category, area=area)
    auth.as_role()
    small = measure()
    for _ in range(15):
        make_idea(author, category=category, area=area)
    for _ in range(8):
        make_comment(db.session.get(Idea, first.id), make_user())
    large = measure()
    assert small == large
    assert max(large.values()) <= 8


def test_ideas_in_another_language_are_marked(client, auth):
    auth.as_role()
    category = make_category()
    form = client.get("/ideas/new").get_data(as_text=True)
    assert '<option selected value="en">' in form  # the page's language by default
    response = client.post(
        "/ideas/new",
        data={"title": "Meer bankjes bij het meer", "category": category.id,
              "body": "Er zijn te weinig bankjes bij het meer.", "language": "nl", "publish": "1"},
    )  # fmt: skip
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<h1 id="idea-title" lang="nl">' in page
    assert '<div class="idea-body user-content" lang="nl">' in page
    assert 'lang="nl">Meer bankjes bij het meer</a>' in client.get("/ideas/").get_data(as_text=True)
    client.set_cookie("lang", "nl")
    assert '<h1 id="idea-title">' in client.get(response.headers["Location"]).get_data(as_text=True)


def test_search_ignores_accents_on_every_database(client):
    make_idea(title="Et hyggeligt café ved søen")
    for query in ("cafe", "café", "CAFÉ", "søen"):
        page = client.get("/ideas/search", query_string={"q": query}).get_data(as_text=True)
        assert "hyggeligt café" in page, query


@pytest.mark.parametrize("sort", ["new", "top", "discussed", "trending"])
def test_pages_follow_on_without_gaps_or_repeats(app, client, sort):
    """Each page's ids are found first and then loaded: the pages, read one
    after the other, are the whole ordering."""
    app.config["IDEAS_PER_PAGE"] = 4
    author, category, now = make_user(), make_category(), utcnow()
    for n in range(10):
        make_idea(author, title=f"Bench number {n}", category=category,
                  created_at=now - timedelta(hours=n))  # fmt: skip
    for n in range(3):
        supports.support(make_user(), db.session.scalars(
            db.select(Idea).where(Idea.title == f"Bench number {n + 5}")).one())  # fmt: skip
    db.session.commit()
    everything = [
        db.session.get(Idea, i).title
        for i in db.session.scalars(db.select(Idea.id).order_by(*SORTS[sort][1]))
    ]
    read = [title for page in (1, 2, 3) for title in _titles(client, f"?sort={sort}&page={page}")]
    assert read == everything
    found = [
        t for page in (1, 2, 3) for t in _titles(client, f"?q=bench&page={page}", "/ideas/search")
    ]
    assert sorted(found) == sorted(everything)
    assert len(set(found)) == 10


def test_a_search_counts_no_further_than_its_limit(app, client, monkeypatch):
    """Counting every match would grow with the data: beyond the limit the
    page says "more than" and pages through the best matches only."""
    from portal.ideas import queries

    monkeypatch.setattr(queries, "SEARCH_COUNT_LIMIT", 3)
    app.config["IDEAS_PER_PAGE"] = 2
    category = make_category()
    for n in range(5):
        make_idea(title=f"Cykelsti nummer {n}", category=category)
    page = client.get("/ideas/search?q=cykelsti").get_data(as_text=True)
    assert "More than 3 ideas found for “cykelsti”" in page
    assert client.get("/ideas/search?q=cykelsti&page=2").status_code == 200
    assert client.get("/ideas/search?q=cykelsti&page=3").status_code == 404
    exact = client.get("/ideas/search?q=nummer+4").get_data(as_text=True)
    assert "1 idea found for “nummer 4”" in exact


def test_a_search_leaves_out_what_is_not_public_and_counts_exactly(app, client):
    """Ranked on the search index alone, the best matches may be hidden or
    withdrawn ideas: they are left out, the page is still full, the count exact."""
    from portal.timeutil import utcnow

    app.config["IDEAS_PER_PAGE"] = 2
    category = make_category()
    hidden = [make_idea(title=f"Vejbump ved skolen {n}", category=category) for n in range(5)]
    shown = [
        make_idea(title=f"Forslag {n}", body="Et vejbump mere, tak.", category=category)
        for n in range(3)
    ]
    for idea in hidden:  # the title matches rank first; none of them may be shown
        db.session.get(Idea, idea.id).hidden_at = utcnow()
    db.session.commit()
    first = client.get("/ideas/search?q=vejbump").get_data(as_text=True)
    assert "3 ideas found" in first
    found = _titles(client, "?q=vejbump", "/ideas/search")
    found += _titles(client, "?q=vejbump&page=2", "/ideas/search")
    assert sorted(found) == sorted(i.title for i in shown)
    assert client.get("/ideas/search?q=vejbump&page=3").status_code == 404

    for n in range(8):
        make_idea(title=f"Cykelparkering {n}", category=category)
    assert "8 ideas found" in client.get("/ideas/search?q=cykelparkering").get_data(as_text=True)
