"""HTML to PDF with WeasyPrint, fetching nothing but the portal's static
files and the public photos of ideas.

A report must never fetch a remote URL or a local file named in user
content: the URL fetcher serves files below ``static/`` (addressed as
``<PUBLIC_BASE_URL>/static/…``) and the photos anyone may see
(``<PUBLIC_BASE_URL>/photos/…``, from the photos' storage), and refuses
everything else, before any connection or file is opened.
"""

from __future__ import annotations

import gc
import mimetypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PHOTO_PATH = re.compile(r"/photos/(?P<key>[\w-]{1,32})/(?P<size>\w+)\.(?P<ext>jpg|png|webp)")


class FetchRefused(ValueError):
    """WeasyPrint skips a resource whose fetcher raises (and logs a warning)."""


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, static_dir: Path, base_url: str) -> None:
        super().__init__(allowed_protocols=())
        self.static_dir = static_dir.resolve()
        self.base_url = base_url
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def _static_file(self, url: str) -> Path | None:
        parts, base = urlsplit(url), urlsplit(self.base_url)
        path = unquote(parts.path)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        if not path.startswith("/static/"):
            return None
        target = (self.static_dir / path.removeprefix("/static/")).resolve()
        if not target.is_relative_to(self.static_dir) or not target.is_file():
            return None
        return target

    def _photo(self, url: str) -> tuple[bytes, str] | None:
        parts, base = urlsplit(url), urlsplit(self.base_url)
        found = PHOTO_PATH.fullmatch(parts.path)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or found is None:
            return None
        from portal.photos.queries import public_file

        return public_file(found["key"], found["size"], found["ext"])

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        target = self._static_file(url)
        photo = self._photo(url) if target is None else None
        if target is None and photo is None:
            self.refused.append(url)
            raise FetchRefused(f"reports fetch only the portal's static files, not {url}")
        self.fetched.append(url)
        if photo is not None:
            return URLFetcherResponse(url, photo[0], {"Content-Type": photo[1]})
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": mime})


def fetcher() -> StaticOnlyFetcher:
    return StaticOnlyFetcher(
        Path(current_app.static_folder or "static"),
        current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/",
    )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """WeasyPrint builds hundreds of thousands of short-lived objects; the
    cyclic garbage collector walking them again and again costs about a
    quarter of the time. The cycles are collected as usual afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(html: str, url_fetcher: StaticOnlyFetcher | None = None) -> bytes:
    url_fetcher = url_fetcher or fetcher()
    with _without_cycle_collection():
        document = HTML(string=html, base_url=url_fetcher.base_url, url_fetcher=url_fetcher)
        return document.write_pdf()
