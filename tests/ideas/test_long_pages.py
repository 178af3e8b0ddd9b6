"""Long pages that stay usable: the comment count near the top jumps to the
comments, the list's filters fold into one disclosure, and a search that
finds nothing offers to post the words as an idea."""

from __future__ import annotations

from tests.factories import make_comment, make_idea


def test_the_comment_count_jumps_to_the_comments(client):
    idea = make_idea()
    make_comment(idea)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    start = page.index('<article class="idea"')
    header = page[start : page.index("</header>", start)]
    assert '<a href="#comments">' in header
    assert '<section class="comments" id="comments"' in page


def test_the_filters_fold_into_one_disclosure(client):
    page = client.get("/ideas/").get_data(as_text=True)
    assert '<details class="filter-box" open>' in page
    assert "<summary>Filter and sort</summary>" in page
    assert '<select id="filter-sort" name="sort">' in page  # still a plain form inside


def test_a_search_that_finds_nothing_offers_to_post_an_idea(client, auth):
    make_idea(title="Benches by the lake")
    page = client.get("/ideas/search?q=skatepark ved hallen").get_data(as_text=True)
    assert 'href="/ideas/new?title=skatepark+ved+hallen"' in page
    assert "Post “skatepark ved hallen” as a new idea" in page
    auth.as_role()
    form = client.get("/ideas/new?title=skatepark ved hallen").get_data(as_text=True)
    assert 'value="skatepark ved hallen"' in form
