"""Long pages that stay usable: the comment count near the top jumps to the
comments, the list's filters fold into one disclosure, and a search that
finds nothing offers to post the words as an idea."""

from __future__ import annotations

from portal.extensions import db
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


def _long_debate(threads: int = 45):  # type: ignore[no-untyped-def]
    idea = make_idea()
    first = None
    for n in range(threads):
        comment = make_comment(idea, body=f"Thread number {n:02d} starts here.")
        first = first or comment
    for n in range(3):
        make_comment(idea, body=f"Reply {n} to the first thread.", parent=first)
    db.session.commit()
    return idea, first


def test_a_long_debate_is_paged_and_can_be_read_in_three_orders(client, count_queries):
    idea, first = _long_debate()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Thread number 00" in page
    assert "Thread number 19" in page
    assert "Thread number 20" not in page  # 20 threads a page
    assert "Page 1 of 3" in page
    assert f'href="/ideas/{idea.id}?cpage=2#comments"' in page
    last = client.get(f"/ideas/{idea.id}?cpage=3").get_data(as_text=True)
    assert "Thread number 44" in last
    assert "Thread number 39" not in last
    newest = client.get(f"/ideas/{idea.id}?comments=newest").get_data(as_text=True)
    assert newest.index("Thread number 44") < newest.index("Thread number 43")
    assert "Thread number 00" not in newest
    assert f'href="/ideas/{idea.id}?comments=newest&amp;cpage=2#comments"' in newest
    replied = client.get(f"/ideas/{idea.id}?comments=replied").get_data(as_text=True)
    assert replied.index("Thread number 00") < replied.index("Thread number 01")
    assert "Reply 2 to the first thread." in replied  # a thread comes with its replies
    assert f'<a href="/ideas/{idea.id}?comments=replied#comments" aria-current="page">' in replied
    # Anything else is read as the default; a page past the end shows the last.
    assert client.get(f"/ideas/{idea.id}?comments=x&cpage=x").status_code == 200
    assert "Thread number 44" in client.get(f"/ideas/{idea.id}?cpage=99").get_data(as_text=True)
    with count_queries() as second_page:  # pages not asked for yet (none cached)
        client.get(f"/ideas/{idea.id}?cpage=2")
    with count_queries() as third_page:
        client.get(f"/ideas/{idea.id}?cpage=3&comments=replied")
    assert second_page.count == third_page.count


def test_after_commenting_the_author_lands_on_the_page_with_the_comment(client, auth):
    idea, first = _long_debate()
    auth.as_role()
    posted = client.post(f"/ideas/{idea.id}/comments", data={"body": "A new thought, at the end."})
    assert posted.status_code == 302
    assert "cpage=3" in posted.headers["Location"]
    assert "#" in posted.headers["Location"]
    reply = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "A reply on page one.", "parent_id": first.id}
    )
    assert "cpage" not in reply.headers["Location"]
