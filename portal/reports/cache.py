"""Finished report PDFs, kept under the hash of the report's content.

WeasyPrint lays a 100-idea report out in several seconds, so a finished PDF
is kept under the hash of the report's HTML (without the time it was
produced) and of the files that shape it. The same content in the same
language is served from the cache; any change to the report (an answer, a
decision, a hidden comment, another language, a new stylesheet) gives
another key, so a stale PDF is never served.

The copies live in the database (``report_pdf``), not on a node's disk:
every node serves the same ones, and hiding content or erasing an account
deletes them all in the same transaction as the change itself, whichever
node handled it. Nothing in the cache is needed; REPORT_CACHE=off turns it
off, and copies older than REPORT_CACHE_DAYS are deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path

from blinker import ANY
from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from portal import fingerprints
from portal.extensions import db
from portal.hooks import content_withdrawn
from portal.reports.models import CachedReport
from portal.timeutil import utcnow

# What besides the HTML shapes the PDF: the stylesheet, the fonts, the logo.
_ASSETS = ("css/report.css", "fonts")


def _assets_fingerprint() -> str:
    static_dir = Path(current_app.static_folder or "static")
    parts = [version("weasyprint")]
    for name in (*_ASSETS, current_app.config["REPORT_LOGO"]):
        path = static_dir / name
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            if file.is_file():
                parts.append(f"{file.name}:{fingerprints.of_file(file)}")
    return "|".join(parts)


def key(html: str) -> str:
    return hashlib.sha256(f"{_assets_fingerprint()}\n{html}".encode()).hexdigest()


def cached_pdf(key_html: str, make_pdf: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The PDF of the report whose HTML (without the time it was produced) is
    ``key_html``, and whether it came from the cache; made by ``make_pdf()``
    and kept when it did not."""
    if not current_app.config["REPORT_CACHE"]:
        return make_pdf(), False
    report_key = key(key_html)
    found = db.session.get(CachedReport, report_key)
    if found is not None:
        return found.pdf, True
    data = make_pdf()
    too_old = utcnow() - timedelta(days=current_app.config["REPORT_CACHE_DAYS"])
    db.session.execute(delete(CachedReport).where(CachedReport.created_at < too_old))
    try:
        with db.session.begin_nested():
            db.session.add(CachedReport(key=report_key, pdf=data))
    except IntegrityError:
        pass  # another node kept the same PDF meanwhile
    db.session.commit()
    return data, False


def clear() -> None:
    """Forget every cached PDF, in the current transaction."""
    db.session.execute(delete(CachedReport))


@content_withdrawn.connect_via(ANY, weak=False)
def _forget_after_withdrawal(_sender: object) -> None:
    """Content left public view (hidden, or its author erased): the copies go
    in the same transaction, so they go exactly when the change commits."""
    clear()
