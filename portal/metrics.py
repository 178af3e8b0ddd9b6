"""Prometheus metrics (prometheus_client), served on ``/metrics`` to the
operator only (``permissions.can_read_metrics``: an address in METRICS_ALLOW
or ``Authorization: Bearer <METRICS_TOKEN>``; 404 for anyone else).

Per route: requests (by method and status) and their duration. From the
database at each scrape, so every node tells the same truth: the outbox
(queued, oldest due, per status), digests written in the last 24 hours, and
what domains add with ``register_once`` (challenges by phase).

Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR to an empty
directory (deploy/systemd/portal-web.service does) so that the counts of all
workers are added up, whichever worker answers the scrape.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta

from flask import Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from portal import logs, mail
from portal.extensions import db
from portal.timeutil import utcnow

REQUESTS = Counter("portal_requests", "Requests answered, per route", ["route", "method", "status"])
LATENCY = Histogram(
    "portal_request_duration_seconds",
    "Time to answer a request, per route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)

# Gauges read from the database at each scrape: name, help, and a function
# returning (labels, value) pairs; domains add theirs (``register_once``).
Reading = Callable[[], Iterable[tuple[dict[str, str], float]]]
_GAUGES: list[tuple[str, str, Reading]] = []


def register_once(name: str, documentation: str, reading: Reading) -> None:
    """Add a gauge read at each scrape (every app of the process shares it)."""
    if all(known != name for known, _doc, _reading in _GAUGES):
        _GAUGES.append((name, documentation, reading))


def _outbox() -> Iterator[Metric]:
    health = mail.health()
    yield GaugeMetricFamily("portal_outbox_queued", "Mails waiting to be sent", health["queued"])
    yield GaugeMetricFamily(
        "portal_outbox_oldest_due_seconds",
        "Age of the oldest mail that is due and not yet sent (0: none)",
        health["oldest_due_seconds"] or 0,
    )
    per_status = GaugeMetricFamily(
        "portal_outbox_messages", "Mails in the outbox, per status", labels=["status"]
    )
    rows = db.session.execute(
        select(mail.OutboxMessage.status, func.count()).group_by(mail.OutboxMessage.status)
    )
    counts = {status: count for status, count in rows}
    for status in mail.OutboxStatus:
        per_status.add_metric([status.value], counts.get(status.value, 0))
    yield per_status
    since = utcnow() - timedelta(hours=24)
    digests = db.session.scalar(
        select(func.count()).where(
            mail.OutboxMessage.kind == "digest", mail.OutboxMessage.created_at >= since
        )
    )
    yield GaugeMetricFamily(
        "portal_digests_written_24h", "Digest mails written in the last 24 hours", digests
    )


class _FromDatabase(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from _outbox()
        for name, documentation, reading in _GAUGES:
            rows = list(reading())
            labels = sorted(rows[0][0]) if rows else []
            family = GaugeMetricFamily(name, documentation, labels=labels)
            for values, number in rows:
                family.add_metric([values[label] for label in labels], number)
            yield family


def exposition() -> Response:
    """The metrics as Prometheus reads them (who may: ``permissions``)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        workers = CollectorRegistry()
        multiprocess.MultiProcessCollector(workers)
        text = generate_latest(workers)
    else:
        text = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(_FromDatabase())
    response = Response(text + generate_latest(database), mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _count(response: Response) -> Response:
    route = request.endpoint or "unmatched"  # never the path: it would grow without end
    if route != "site.metrics":
        method = request.method if request.method in _METHODS else "other"  # bounded labels
        REQUESTS.labels(route, method, str(response.status_code)).inc()
        LATENCY.labels(route).observe(logs.elapsed())
    return response


def init_app(app: Flask) -> None:
    app.after_request(_count)
