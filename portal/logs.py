"""Logs an operator can search: one JSON object per line, each carrying the
request id that the error page shows the citizen, and one access line per
request (route, status, duration, who).

``LOG_FORMAT=json`` (production's default) writes every log record of the
process that way to standard error, where systemd's journal (or gunicorn)
keeps it; ``text`` leaves Python's logging as it is. The request id is
nginx's ``X-Request-ID`` when it sends one (``proxy_set_header X-Request-ID
$request_id``), so the proxy's and the portal's lines match; otherwise the
portal makes one. Either way it is sent back in the ``X-Request-ID`` header.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import time
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request
from sqlalchemy import inspect

log = logging.getLogger("portal.access")

# What is taken from the proxy: short, and nothing that could break a log line.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id() -> str:
    """This request's id ("-" outside a request: a job on the command line)."""
    if not has_request_context():
        return "-"
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)
    return g.request_id


def _user_id() -> str:
    # Only a user already loaded, by its identity: logging must never query
    # the database (after a commit, reading ``user.id`` would reload the row).
    user = g.get("_login_user")
    if user is None or not user.is_authenticated:
        return "-"
    state = inspect(user, raiseerr=False)
    identity = state.identity if state is not None else None
    return str(identity[0]) if identity else str(user.id)


class JsonFormatter(logging.Formatter):
    """timestamp, level, logger, message, request id, route and user, and
    whatever the record carries in ``extra`` (status, duration_ms, …)."""

    EXTRA = ("method", "path", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC)
        entry: dict[str, object] = {
            "timestamp": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id(),
            "route": (request.endpoint or "-") if has_request_context() else "-",
            "user": _user_id() if has_request_context() else "-",
        }
        entry.update({key: getattr(record, key) for key in self.EXTRA if hasattr(record, key)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _start_clock() -> None:
    g.request_started = time.perf_counter()
    request_id()


def elapsed() -> float:
    """Seconds since this request began (0 before the clock started)."""
    started = g.get("request_started")
    return time.perf_counter() - started if started is not None else 0.0


def _access_line(response: Response) -> Response:
    response.headers.setdefault("X-Request-ID", request_id())
    if g.get("access_logged"):
        return response
    g.access_logged = True
    took = elapsed() * 1000
    log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(took, 1),
        },
    )
    return response


def _install_json_handler(level: str) -> None:
    root = logging.getLogger()
    if not any(getattr(handler, "portal_json", False) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.portal_json = True  # type: ignore[attr-defined]
        # One format for every line of the process: gunicorn's own too.
        for other in list(root.handlers):
            root.removeHandler(other)
        root.addHandler(handler)
    root.setLevel(level)


def init_app(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_access_line)
    app.add_template_global(request_id)
    if app.config["LOG_FORMAT"] == "json":
        _install_json_handler(app.config["LOG_LEVEL"])
    log.disabled = not app.config["ACCESS_LOG"]
