"""The open-data page, the downloads and the DCAT-AP catalogue: public,
and the same for everyone (no cookie, no token).

Downloads stream, and carry an ETag and Last-Modified taken from the
content version (``pagecache``): a harvester that asks again with
If-None-Match or If-Modified-Since gets 304 until public content changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
)
from werkzeug.http import is_resource_modified

from portal import pagecache
from portal.opendata import catalog, formats, licences
from portal.opendata.datasets import BY_NAME, DATASETS
from portal.opendata.fields import FREQUENCY_LABELS, KIND_LABELS
from portal.security import PUBLIC_MAX_AGE
from portal.timeutil import aware

bp = Blueprint("opendata", __name__, url_prefix="/open-data")

BODIES = {"csv": (formats.csv_body, "text/csv"), "json": (formats.json_body, "application/json")}
CATALOGUES = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json")}
# Harvesters and caches may keep a download this long before asking again
# (and then get a 304 if nothing changed): as long as a public page, so
# that what a moderator hides is gone from shared caches as soon.
MAX_AGE = PUBLIC_MAX_AGE


@bp.route("/")
def index():
    return render_template(
        "opendata/index.html",
        datasets=DATASETS,
        kinds=KIND_LABELS,
        frequencies=FREQUENCY_LABELS,
        licence=licences.current(),
    )


def _conditional(name: str, mimetype: str, body: Callable[[], Iterator[bytes]]) -> Response:
    """The answer with its validators; 304 when the asker has this version.
    ``body`` is made only if it is needed, and streamed."""
    version, changed = pagecache.last_change()
    release = current_app.extensions["portal_release"][:12]
    etag = f"{name}-{version}-{release}"
    modified = aware(changed).replace(microsecond=0)
    fresh = not is_resource_modified(request.environ, etag=etag, last_modified=modified)
    if fresh:
        response = Response(status=304, mimetype=mimetype)
    else:
        response = Response(_streamed(body), mimetype=mimetype)
    response.set_etag(etag)
    response.last_modified = modified
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response


def _streamed(body: Callable[[], Iterator[bytes]]) -> Iterator[bytes]:
    """The body, made while it is sent, in an application context of its
    own (with its own database session, closed at the end): the request's
    has ended by then."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def generate() -> Iterator[bytes]:
        with app.app_context():
            yield from body()

    return generate()


@bp.route("/<name>.<any(csv, json):fmt>")
def download(name: str, fmt: str):
    dataset = BY_NAME.get(name) or abort(404)
    body, mimetype = BODIES[fmt]
    response = _conditional(f"{name}.{fmt}", mimetype, lambda: body(dataset))
    if fmt == "csv":
        response.mimetype_params["charset"] = "utf-8"
        response.mimetype_params["header"] = "present"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@bp.route("/catalog.<any(ttl, jsonld):fmt>")
def catalogue(fmt: str):
    syntax, mimetype = CATALOGUES[fmt]

    def body() -> Iterator[bytes]:
        yield catalog.catalogue(pagecache.last_change()[1]).serialize(format=syntax).encode()

    return _conditional(f"catalog.{fmt}", mimetype, body)
