"""Anonymous pages served from a cache, never stale after a write.

A visitor's page carries nothing personal (no cookie, no token: see
``security`` and the footer's language links), so the finished HTML can be
kept and served to the next visitor who asks for the same address in the
same language. It is kept under a key that holds the **content version**:
one number in the database (``content_version``) that every transaction
changing public content raises, in that same transaction. A page rendered
before the change has the old number in its key and is never found again;
nodes and workers need not tell each other anything, whatever the cache
backend (``CACHE_TYPE``: ``SimpleCache`` per process by default,
``RedisCache`` with ``CACHE_REDIS_URL`` shared by every node in production).

What counts as a change of public content is decided by table, opt-out:
every insert, update or delete through the session (unit of work and bulk
statements alike) raises the version, except in tables whose model says
no page shows them (``__table_args__`` info ``{"public": False}``:
sessions, the outbox, flags…) and, in a table that names its
``public_columns`` (accounts), except when none of those changed. A new
table therefore invalidates until its domain decides it need not.

Served from the cache or not, the answer carries an ``ETag`` and answers
``If-None-Match`` with 304, and ``Cache-Control: public, max-age=…`` lets
nginx or a browser keep it briefly as well.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from flask import Flask, Response, current_app, g, request, session
from flask_caching import Cache
from sqlalchemy import BigInteger, String, event, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal import fingerprints
from portal.extensions import db
from portal.timeutil import utcnow
from portal.urls import request_path

log = logging.getLogger(__name__)

cache = Cache()
T = TypeVar("T")

SCOPE = "public"  # one version for all public content (see the module's text)
EPOCH = datetime(2020, 1, 1)
_DIRTY = "portal.pagecache.dirty"


def _shown(table: object) -> bool:
    """Whether a page may show the table's rows (its model's info says)."""
    return getattr(table, "info", {}).get("public", True)


class ContentVersion(db.Model):
    __tablename__ = "content_version"
    __table_args__ = {"info": {"public": False}}

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    # When the version last rose (UTC): what downloads give as Last-Modified.
    changed_at: Mapped[datetime | None]


# --- noticing changes ---------------------------------------------------------


def _public_row_changed(instance: object) -> bool:
    table = getattr(type(instance), "__table__", None)
    if table is None or not _shown(table):
        return False
    columns = table.info.get("public_columns")
    if columns is not None:
        state = inspect(instance)
        if state.pending or state.deleted:
            return False  # a new account shows nowhere until it writes something
        keys = [c.key for c in state.mapper.column_attrs if c.columns[0].name in columns]
        return any(state.attrs[key].history.has_changes() for key in keys)
    return True


def _mark(session: Session) -> None:
    session.info[_DIRTY] = True


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: object, _instances: object) -> None:
    changed: Iterable[object] = (*session.new, *session.deleted)
    dirty = (obj for obj in session.dirty if session.is_modified(obj, include_collections=False))
    if any(_public_row_changed(obj) for obj in (*changed, *dirty)):
        _mark(session)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: object) -> object:
    """UPDATE / DELETE / INSERT statements run through the session: those
    that changed a row (a timer that finds nothing to do changes nothing)."""
    if not (state.is_update or state.is_delete or state.is_insert):  # type: ignore[attr-defined]
        return None
    table = getattr(state.statement, "table", None)  # type: ignore[attr-defined]
    if table is None or not _shown(table) or "public_columns" in table.info:
        return None  # (accounts' bulk writes are locks and counters, never public)
    result = state.invoke_statement()  # type: ignore[attr-defined]
    if getattr(result, "rowcount", -1) != 0:  # -1: the driver cannot tell
        _mark(state.session)  # type: ignore[attr-defined]
    return result


@event.listens_for(Session, "before_commit")
def _raise_version(session: Session) -> None:
    """In the committing transaction: the new version commits with the
    change, or neither does. (A savepoint's release is not that commit.)"""
    if session.in_nested_transaction():
        return
    session.flush()
    if not session.info.pop(_DIRTY, False):
        return
    dialect = session.get_bind().dialect.name
    upsert = {"postgresql": pg_insert, "sqlite": sqlite_insert}.get(dialect)
    if upsert is None:
        return
    now = utcnow()
    statement = upsert(ContentVersion).values(scope=SCOPE, version=1, changed_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[ContentVersion.scope],
            set_={"version": ContentVersion.version + 1, "changed_at": now},
        )
    )


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: object) -> None:
    # Only the outermost transaction's rollback undoes the changes: a savepoint
    # (or a failed flush inside one) leaves those flushed before it to count.
    if getattr(previous_transaction, "parent", None) is not None:
        return
    session.info.pop(_DIRTY, None)


def expire_all() -> None:
    """Raise the content version (every node's cached pages are then never
    found again) and commit: for changes the session could not notice."""
    _mark(db.session())
    db.session.commit()


def version() -> int:
    return (
        db.session.scalar(select(ContentVersion.version).where(ContentVersion.scope == SCOPE)) or 0
    )


def last_change() -> tuple[int, datetime]:
    """The content version and when it rose (the epoch before anything did),
    in one query: a download's ETag and Last-Modified."""
    row = db.session.execute(
        select(ContentVersion.version, ContentVersion.changed_at).where(
            ContentVersion.scope == SCOPE
        )
    ).first()
    if row is None:
        return 0, EPOCH
    return row.version, row.changed_at or EPOCH


# --- serving --------------------------------------------------------------------


# What is kept: pages, and the feeds (the same for every reader, and polled
# by feed readers every few minutes).
CACHED_TYPES = frozenset({"text/html", "application/atom+xml", "application/rss+xml"})


# What a visitor's session may hold and still read the pages everyone reads:
# the secret of the form tokens (left by a look at the log-in page) and
# Flask-Login's bookkeeping. Anything else (a user, a message to show) is
# personal, and the page is rendered for them.
IMPERSONAL_SESSION_KEYS = frozenset({"csrf_token", "_fresh", "_permanent"})


def _impersonal_session() -> bool:
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return True
    return set(session.keys()) <= IMPERSONAL_SESSION_KEYS


def _may_use_cache() -> bool:
    """A visitor's plain reading: GET, no session of anyone logged in (nor a
    message waiting in it), no language chosen by this very link (that
    answer sets a cookie; a feed's ``?lang=`` sets none and is part of its
    address)."""
    return (
        current_app.config["PAGE_CACHE"]
        and request.method in ("GET", "HEAD")
        and (not request.args.get("lang") or request.blueprint == "feeds")
        and current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in request.cookies
        and request.endpoint not in (None, "static", "site.healthz", "site.metrics", "photos.file")
        and _impersonal_session()
    )


def _key() -> str:
    from portal.i18n import locale_code  # the page's language, as the page would choose it

    address = f"{request.scheme}://{request.host}{request_path()}"
    release = current_app.extensions["portal_release"]
    return f"page:{release}:{version()}:{locale_code()}:{address}"


# After the cache store fails (Redis down or hung), this process renders
# without it for a while instead of waiting REDIS_TIMEOUT on every get and
# set of every request; then it tries again.
PAUSE_AFTER_FAILURE = 30.0
_PAUSED = "portal_page_cache_paused_until"


def available() -> bool:
    """False while this process leaves a failed cache store alone."""
    return time.monotonic() >= current_app.extensions.get(_PAUSED, 0.0)


def _use_store(action: Callable[[], T]) -> T | None:
    if not available():
        return None
    try:
        return action()
    except Exception:  # noqa: BLE001 - a cache that fails only costs a render
        current_app.extensions[_PAUSED] = time.monotonic() + PAUSE_AFTER_FAILURE
        log.exception(
            "Page cache unavailable: rendering without it for %.0f s", PAUSE_AFTER_FAILURE
        )
        return None


def health() -> str:
    """For /healthz: "ok", "unavailable" (paused after a failure of the store), "off"."""
    if not current_app.config["PAGE_CACHE"]:
        return "off"
    return "ok" if available() else "unavailable"


def _serve_cached() -> Response | None:
    if not _may_use_cache():
        return None
    g.page_cache_key = _key()
    kept = _use_store(lambda: cache.get(g.page_cache_key))
    if kept is None:
        return None
    body, headers = kept
    response = Response(body, headers=headers)
    response.headers["X-Cache"] = "hit"
    g.page_cache_hit = True
    return response.make_conditional(request)


def _keep(response: Response) -> Response:
    """Keep a public page that was just rendered, and add its ETag."""
    public = response.headers.get("Cache-Control", "").startswith("public")
    if response.status_code != 200 or not public or response.mimetype not in CACHED_TYPES:
        return response
    if g.get("page_cache_hit"):
        if session.modified:  # this visitor's own cookie goes with it: for them only
            response.headers["Cache-Control"] = "private, no-store"
        return response
    if response.direct_passthrough:
        return response
    body = response.get_data()
    if "ETag" not in response.headers:
        response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    key = g.get("page_cache_key")
    if key and available() and not session.modified and "Set-Cookie" not in response.headers:
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "x-request-id"]
        timeout = current_app.config["PAGE_CACHE_SECONDS"]
        _use_store(lambda: cache.set(key, (body, headers), timeout=timeout))
        response.headers["X-Cache"] = "miss"
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    config = dict(app.config)
    if "redis" in config["CACHE_TYPE"].lower():
        timeout = config["REDIS_TIMEOUT"]  # a hung Redis costs a render, not a wait
        config["CACHE_OPTIONS"] = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    cache.init_app(app, config=config)
    app.extensions["portal_release"] = _release(app)
    app.before_request(_serve_cached)
    app.after_request(_keep)


def _release(app: Flask) -> str:
    """Changes when the code, templates, static files or catalogues do (by
    content: every node of a release agrees), or the configuration (the
    site's name, the time zone, the currency…), so a cache shared by the
    nodes never serves a page of the previous release or settings."""
    import json
    from pathlib import Path

    suffixes = frozenset({".py", ".html", ".txt", ".css", ".js", ".mo", ".svg"})
    root = Path(app.root_path).parent
    folders = ("portal", "templates", "static", "translations")
    settings = {  # plain values only: nothing that differs between processes
        key: value
        for key, value in sorted(app.config.items())
        if isinstance(value, str | int | float | bool) or value is None
    }
    code = fingerprints.of_tree(root, folders, suffixes)
    config = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
    return hashlib.sha256(f"{code}:{config}".encode()).hexdigest()[:12]
