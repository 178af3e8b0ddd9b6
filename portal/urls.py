"""Where to send people after an action."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Flask, current_app, g, request, url_for
from werkzeug.routing import IntegerConverter

from portal import fingerprints

# Query parameters a list page keeps when it links to its other pages.
LIST_PARAMETERS = ("sort", "category", "area", "status", "q")
MAX_ID = 2**31 - 1  # the largest id a PostgreSQL integer column holds
MAX_PAGE = 100_000


class IdConverter(IntegerConverter):
    """``<id:idea_id>``: a positive id that fits the database; else 404."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - werkzeug's name
        super().__init__(map, min=1, max=MAX_ID)


def absolute_url(endpoint: str, **values: object) -> str:
    """A link for mails and feeds: built from PUBLIC_BASE_URL, never from the
    request's Host header, and also outside a request (CLI jobs)."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    adapter = current_app.url_map.bind("portal.invalid", script_name="/")
    anchor = values.pop("_anchor", None)
    path = adapter.build(endpoint, values)
    return base + path + (f"#{anchor}" if anchor else "")


def page_number() -> int:
    """``?page=`` as a number between 1 and MAX_PAGE (anything else is page 1)."""
    page = request.args.get("page", 1, type=int) or 1
    return min(max(page, 1), MAX_PAGE)


def page_url(page: int) -> str:
    """The current list page with another page number, keeping its filters
    (and nothing else a visitor put in the query string)."""
    keep = {key: request.args[key] for key in LIST_PARAMETERS if request.args.get(key)}
    return url_for(request.endpoint, **(request.view_args or {}), **keep, page=page)


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths are followed; anything else goes to default."""
    if not target:
        return default
    target = target.strip()
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(ch) < 32 for ch in target)
    ):
        return default
    return target


def same_site_referrer() -> str | None:
    """The path of the page the request came from, when it was one of ours."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or not referrer.path:
        return None
    path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return safe_next(path, "") or None


# Parameters that newspapers, newsletters and social networks add to a link
# to follow the click (``?fbclid=…``, ``?utm_source=…``): no page reads them.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "twclid", "yclid", "_ga", "_gl", "ref_src",
})  # fmt: skip


def is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith("utm_")


def request_path() -> str:
    """The request's path and query without the click-tracking parameters:
    the address a page is kept under (``pagecache``) and names itself by, so
    every reader of one article shares one cached page."""
    pairs = parse_qsl(request.query_string.decode("utf-8", "replace"), keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not is_tracking(name)]
    if len(kept) == len(pairs):
        return request.full_path.rstrip("?")
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def canonical_path() -> str:
    """Where "this page" is, for the language switch and the login link to
    come back to: a page shown after a failed POST lives at a POST-only
    address, so it names its own (``g.canonical_path``) or the referrer."""
    if g.get("canonical_path"):
        return g.canonical_path
    if request.method in ("GET", "HEAD"):
        return request_path()
    return same_site_referrer() or "/"


def page_in_language(code: str) -> str:
    """This page's address with ``?lang=code``: the language switch for
    visitors is a plain link (no form, no token, no session), and the
    language chosen is remembered for the next pages (see ``i18n``)."""
    parts = urlsplit(canonical_path())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    return f"{parts.path}?{urlencode([*query, ('lang', code)])}"


def next_from_request(default: str) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), default)


def _static_version(endpoint: str, values: dict) -> None:
    """``url_for('static', …)`` adds ``?v=`` and the first characters of the
    file's SHA-256: the address changes exactly when the file does, so
    browsers and nginx may keep it for a year (see ``security``)."""
    if endpoint != "static" or "v" in values or "filename" not in values:
        return
    path = Path(current_app.static_folder or "static") / values["filename"]
    try:
        values["v"] = fingerprints.of_file(path, recheck=current_app.debug)[:12]
    except OSError:
        return  # no such file: the link will 404 as it would have


def init_app(app: Flask) -> None:
    app.url_defaults(_static_version)
    app.url_map.converters["id"] = IdConverter
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["page_in_language"] = page_in_language
