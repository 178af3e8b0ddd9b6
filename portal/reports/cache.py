"""Finished report PDFs, kept under the hash of the report's content.

WeasyPrint lays a 100-idea report out in several seconds, so a finished PDF
is kept in ``REPORT_CACHE_DIR`` under the hash of the report's HTML (without
the time it was produced) and of the files that shape it. The same content in
the same language is served from the cache; any change to the report (an
answer, a decision, a hidden comment, another language, a new stylesheet)
gives another key, so a stale PDF is never served. Each server keeps its
own cache; nothing in it is needed, so it can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from blinker import ANY
from flask import current_app

from portal.hooks import after_commit, content_withdrawn

log = logging.getLogger(__name__)

# What besides the HTML shapes the PDF: the stylesheet, the fonts, the logo.
_ASSETS = ("css/report.css", "fonts")


def _assets_fingerprint() -> str:
    static_dir = Path(current_app.static_folder or "static")
    parts = [version("weasyprint")]
    for name in (*_ASSETS, current_app.config["REPORT_LOGO"]):
        path = static_dir / name
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            if file.is_file():
                stat = file.stat()
                parts.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def key(html: str) -> str:
    return hashlib.sha256(f"{_assets_fingerprint()}\n{html}".encode()).hexdigest()


def _folder() -> Path | None:
    folder = current_app.config.get("REPORT_CACHE_DIR")
    return Path(folder) if folder else None


def cached_pdf(key_html: str, make_pdf: Callable[[], bytes]) -> bytes:
    """The PDF of the report whose HTML (without the time it was produced) is
    ``key_html``: from the cache, or made by ``make_pdf()`` and kept."""
    folder = _folder()
    if folder is None:
        return make_pdf()
    path = folder / f"{key(key_html)}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = make_pdf()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _forget(folder, older_than=current_app.config["REPORT_CACHE_DAYS"] * 86400)
        # Written beside it and renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(data)
        os.replace(part.name, path)
    except OSError:
        log.warning("Could not keep a report PDF in %s", folder, exc_info=True)
    return data


def _forget(folder: Path, older_than: float = 0) -> None:
    """Delete the cache's own files (PDFs and interrupted writes, nothing
    else that may share the folder) older than ``older_than`` seconds."""
    limit = time.time() - older_than
    for pattern in ("*.pdf", "*.part"):
        for file in folder.glob(pattern):
            try:
                if file.stat().st_mtime <= limit:
                    file.unlink()
            except FileNotFoundError:
                continue


def clear() -> None:
    """Forget every cached PDF, e.g. when an account's personal data is erased."""
    folder = _folder()
    if folder is not None and folder.is_dir():
        _forget(folder)


@content_withdrawn.connect_via(ANY, weak=False)
def _forget_after_withdrawal(_sender: object) -> None:
    """Content left public view (hidden, or its author erased): once that is
    committed, no cached PDF keeps a copy of it."""
    after_commit(clear)
