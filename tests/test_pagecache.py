"""Visitors' pages come from the cache, and are never stale after a write:
the content version in the key rises in the transaction of every change."""

from __future__ import annotations

from portal import pagecache
from portal.accounts.models import Role
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.moderation import services as moderation
from portal.moderation.models import FlagReason
from portal.supports import services as supports
from tests.factories import make_comment, make_idea, make_user


def _visit(app, path: str, **headers: str):  # type: ignore[no-untyped-def]
    """A visitor with no cookie at all, as a newspaper's reader arrives."""
    return app.test_client().get(path, headers=headers)


def test_a_visitor_is_served_from_the_cache_until_something_changes(app, count_queries):
    idea = make_idea(title="Lys på stien")
    path = f"/ideas/{idea.id}"
    first = _visit(app, path)
    assert first.headers["X-Cache"] == "miss"
    with count_queries() as counter:
        again = _visit(app, path)
    assert again.headers["X-Cache"] == "hit"
    assert again.data == first.data
    assert counter.count == 1  # the content version, nothing else
    assert _visit(app, path, **{"Accept-Language": "da"}).headers["X-Cache"] == "miss"


def test_a_comment_shows_to_the_next_visitor_at_once(app, client, auth):
    idea = make_idea()
    path = f"/ideas/{idea.id}"
    _visit(app, path)
    assert _visit(app, path).headers["X-Cache"] == "hit"
    auth.as_role(Role.CITIZEN)
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "Gerne med bænke også"})
    assert response.status_code == 302
    page = _visit(app, path)
    assert page.headers["X-Cache"] == "miss"
    assert "Gerne med bænke også" in page.get_data(as_text=True)


def test_hiding_and_supporting_reach_visitors_at_once(app):
    idea = make_idea()
    comment = make_comment(idea, make_user(), body="Ring til 12 34 56 78")
    path = f"/ideas/{idea.id}"
    assert "12 34 56 78" in _visit(app, path).get_data(as_text=True)
    moderation.hide(make_user(Role.MODERATOR), db.session.get(Comment, comment.id), "Personal")
    db.session.commit()
    assert "12 34 56 78" not in _visit(app, path).get_data(as_text=True)

    listing = _visit(app, "/ideas/?sort=top").get_data(as_text=True)
    supports.support(make_user(), db.session.get(Idea, idea.id))  # counts by bulk UPDATE
    db.session.commit()
    assert _visit(app, "/ideas/?sort=top").get_data(as_text=True) != listing


def test_a_change_rolled_back_or_a_log_in_keeps_the_cache(app, client, auth):
    idea = make_idea()
    path = f"/ideas/{idea.id}"
    _visit(app, path)
    before = pagecache.version()
    db.session.get(Idea, idea.id).title = "Never saved"
    db.session.flush()
    db.session.rollback()
    auth.as_role(Role.CITIZEN)  # an account row changes, nothing public
    client.get("/")
    assert pagecache.version() == before
    assert _visit(app, path).headers["X-Cache"] == "hit"


def test_rows_no_page_shows_keep_the_cache(app):
    """Tables whose model says no page shows them (the log and its head, a
    flag) change without raising the version, in bulk statements too."""
    idea = make_idea()
    reporter = make_user()
    db.session.commit()
    before = pagecache.version()
    moderation.log(make_user(role=Role.MODERATOR), "dismiss_flags", idea)
    moderation.flag(reporter, idea, FlagReason.SPAM)
    db.session.commit()
    assert pagecache.version() == before


def test_an_author_renaming_themselves_changes_public_pages(app, client, auth):
    author = auth.login(make_user(name="Karen"))
    idea = make_idea(author)
    path = f"/ideas/{idea.id}"
    assert "Karen Bech" not in _visit(app, path).get_data(as_text=True)
    response = client.post("/account/profile", data={"display_name": "Karen Bech", "locale": "en"})
    assert response.status_code == 302
    assert "Karen Bech" in _visit(app, path).get_data(as_text=True)


def test_personal_answers_are_never_kept_or_served(app, client, auth):
    idea = make_idea()
    path = f"/ideas/{idea.id}"
    _visit(app, path)
    auth.as_role(Role.CITIZEN)
    mine = client.get(path)
    assert "X-Cache" not in mine.headers  # a logged-in page is rendered for them
    assert mine.headers["Cache-Control"] == "private, no-store"
    chosen = _visit(app, path + "?lang=nb")
    assert "X-Cache" not in chosen.headers  # it sets the language cookie


def test_an_unchanged_page_answers_304(app):
    idea = make_idea()
    first = _visit(app, f"/ideas/{idea.id}")
    etag = first.headers["ETag"]
    again = _visit(app, f"/ideas/{idea.id}", **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_two_nodes_serve_a_new_comment_at_once(app):
    """Each gunicorn node keeps its own cache (SimpleCache); a citizen
    comments through one, and a visitor reads it at once on either."""
    import urllib.error
    import urllib.parse
    import urllib.request

    from tests.gunicorn_server import gunicorn, login_cookie

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    idea = make_idea()
    citizen = make_user()
    db.session.commit()
    cookie, token = login_cookie(url, citizen)
    path = f"/ideas/{idea.id}"

    def read(base: str) -> tuple[str, str]:
        with urllib.request.urlopen(base + path, timeout=30) as answer:  # noqa: S310
            return answer.read().decode(), answer.headers.get("X-Cache", "")

    with gunicorn(url, workers=1) as first, gunicorn(url, workers=1) as second:
        for base in (first, second):
            read(base)
            assert read(base)[1] == "hit"
        comment = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            f"{first}/ideas/{idea.id}/comments",
            data=urllib.parse.urlencode({"csrf_token": token, "body": "Fra node 1"}).encode(),
            headers={"Cookie": f"session={cookie}"},
        )
        with urllib.request.urlopen(comment, timeout=30) as answer:  # noqa: S310
            assert answer.status == 200  # followed to the idea page
        for base in (second, first):
            page, cache = read(base)
            assert "Fra node 1" in page, base
            assert cache == "miss"


def test_a_failed_savepoint_keeps_the_change_before_it_counted(app):
    """The usual recovery from a duplicate insert rolls a savepoint back: what
    was flushed before it still commits, and still reaches visitors."""
    from sqlalchemy.exc import IntegrityError

    from portal.supports.models import Support

    idea = make_idea(title="Before the savepoint")
    supporter = make_user()
    supports.support(supporter, db.session.get(Idea, idea.id))
    db.session.commit()
    path = f"/ideas/{idea.id}"
    _visit(app, path)
    db.session.get(Idea, idea.id).title = "Changed before the savepoint"
    db.session.flush()
    try:
        with db.session.begin_nested():  # the same support again: the savepoint fails
            db.session.add(Support(user_id=supporter.id, idea_id=idea.id))
            db.session.flush()
    except IntegrityError:
        pass
    db.session.commit()
    assert "Changed before the savepoint" in _visit(app, path).get_data(as_text=True)


def test_a_statement_that_changes_no_row_keeps_the_cache(app):
    """A timer that finds nothing to do (an UPDATE of no row) empties no cache."""
    from sqlalchemy import update

    idea = make_idea()
    _visit(app, f"/ideas/{idea.id}")
    before = pagecache.version()
    db.session.execute(update(Idea).where(Idea.id == -1).values(title="Nobody"))
    db.session.commit()
    assert pagecache.version() == before
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(title="Somebody"))
    db.session.commit()
    assert pagecache.version() == before + 1


def test_flask_pages_expire_renews_pages_after_a_change_made_by_hand(app, runner):
    """A change made beside the portal (psql, a restore) raises no version:
    ``flask pages expire`` makes every node render anew."""
    from sqlalchemy import text

    idea = make_idea(title="Before the hand edit")
    path = f"/ideas/{idea.id}"
    _visit(app, path)
    with db.engine.begin() as connection:  # not through the session: unnoticed
        connection.execute(
            text("UPDATE idea SET title = 'Edited by hand' WHERE id = :id"), {"id": idea.id}
        )
    assert "Before the hand edit" in _visit(app, path).get_data(as_text=True)
    result = runner.invoke(args=["pages", "expire"])
    assert result.exit_code == 0, result.output
    assert "expired on every node" in result.output
    page = _visit(app, path)
    assert page.headers["X-Cache"] == "miss"
    assert "Edited by hand" in page.get_data(as_text=True)


def test_a_feed_is_kept_per_language_and_renewed_by_a_new_idea(app):
    make_idea(title="Først i feedet")
    first = _visit(app, "/feeds/ideas.atom?lang=da")
    assert first.headers["X-Cache"] == "miss"
    again = _visit(app, "/feeds/ideas.atom?lang=da")
    assert again.headers["X-Cache"] == "hit"
    assert again.data == first.data
    assert again.mimetype == "application/atom+xml"
    assert "Set-Cookie" not in again.headers  # a feed's ?lang= sets no cookie
    assert _visit(app, "/feeds/ideas.atom?lang=nl").headers["X-Cache"] == "miss"
    etag = again.headers["ETag"]
    assert _visit(app, "/feeds/ideas.atom?lang=da", **{"If-None-Match": etag}).status_code == 304
    make_idea(title="Nyt i feedet")
    renewed = _visit(app, "/feeds/ideas.atom?lang=da")
    assert renewed.headers["X-Cache"] == "miss"
    assert "Nyt i feedet" in renewed.get_data(as_text=True)


def test_click_tracking_parameters_share_the_page_and_are_not_repeated(app):
    """A newspaper's readers arrive with ?fbclid=… or ?utm_…=… each their own:
    one page is kept for all of them, and it does not link their click ids."""
    idea = make_idea(title="Bænke ved stranden")
    path = f"/ideas/{idea.id}"
    assert _visit(app, f"{path}?fbclid=Iw1").headers["X-Cache"] == "miss"
    second = _visit(app, f"{path}?utm_source=avisen&utm_medium=link&fbclid=Iw2")
    assert second.headers["X-Cache"] == "hit"
    assert _visit(app, path).headers["X-Cache"] == "hit"
    page = second.get_data(as_text=True)
    assert "fbclid" not in page
    assert "utm_" not in page
    assert _visit(app, "/ideas/?sort=top&utm_campaign=x").headers["X-Cache"] == "miss"
    kept = _visit(app, "/ideas/?sort=top")
    assert kept.headers["X-Cache"] == "hit"  # the list's own parameters still count
    assert _visit(app, "/ideas/?sort=new").headers["X-Cache"] == "miss"


def test_the_release_key_follows_the_settings_pages_show(tmp_path):
    """Nodes of one release and one configuration share cached pages; a
    changed setting (the site's name) starts afresh instead of serving the
    old text from a shared Redis."""
    from portal import create_app

    url = f"sqlite:///{tmp_path / 'release.sqlite3'}"
    one = create_app("testing", SQLALCHEMY_DATABASE_URI=url, SITE_NAME="Solbjerg")
    two = create_app("testing", SQLALCHEMY_DATABASE_URI=url, SITE_NAME="Solbjerg")
    renamed = create_app("testing", SQLALCHEMY_DATABASE_URI=url, SITE_NAME="Solbjerg Kommune")
    releases = [app.extensions["portal_release"] for app in (one, two, renamed)]
    assert releases[0] == releases[1]
    assert releases[2] != releases[0]


def test_a_visitor_who_looked_at_the_log_in_page_still_reads_from_the_cache(app):
    """The log-in page leaves its form token's secret in a session cookie;
    that visitor reads the same pages as everyone. A message waiting in the
    session, or a user, is personal: those pages are rendered for them."""
    idea = make_idea(title="Læs videre")
    path = f"/ideas/{idea.id}"
    _visit(app, path)  # kept by an earlier reader
    browser = app.test_client()
    with browser.session_transaction() as stored:  # what the log-in page leaves
        stored["csrf_token"] = "the secret of this browser's form tokens"
    again = browser.get(path)
    assert again.headers["X-Cache"] == "hit"
    # Flask-Login notes in such a session that it is not fresh: the cookie
    # that answer sets is this visitor's, so the answer is for them only.
    assert "Set-Cookie" in again.headers
    assert again.headers["Cache-Control"] == "private, no-store"
    with browser.session_transaction() as stored:
        stored["_flashes"] = [("info", "Din besked venter")]
    personal = browser.get(path)
    assert "X-Cache" not in personal.headers
    assert "Din besked venter" in personal.get_data(as_text=True)
