"""/metrics: Prometheus reads request rates and latencies per route and the
outbox, digests and challenges from the database; nobody else reads it."""

from __future__ import annotations

from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families

from portal.extensions import db
from portal.mail import OutboxMessage, OutboxStatus
from portal.timeutil import utcnow
from tests.factories import make_challenge


def _samples(page) -> dict[tuple[str, tuple], float]:  # type: ignore[no-untyped-def]
    text = page if isinstance(page, str) else page.get_data(as_text=True)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


IDEAS_LISTED = (
    "portal_requests_total",
    (("method", "GET"), ("route", "ideas.index"), ("status", "200")),
)


def _mail(**values) -> OutboxMessage:  # type: ignore[no-untyped-def]
    return OutboxMessage(
        kind=values.pop("kind", "notification"), to_address="a@example.org", locale="da",
        subject="s", body_text="b", body_html="b", **values,
    )  # fmt: skip


def test_metrics_count_requests_per_route_and_read_the_outbox(client):
    now = utcnow()
    db.session.add_all([
        _mail(created_at=now - timedelta(minutes=3)),
        _mail(status=OutboxStatus.FAILED),
        _mail(kind="digest", status=OutboxStatus.SENT),
        _mail(kind="digest", status=OutboxStatus.SENT, created_at=now - timedelta(days=3)),
    ])  # fmt: skip
    db.session.commit()
    make_challenge()
    before = _samples(client.get("/metrics"))
    key = IDEAS_LISTED
    client.get("/ideas/")
    client.get("/ideas/")
    client.get("/no/such/page")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    after = _samples(response)
    assert after[key] - before.get(key, 0) == 2
    assert after[("portal_requests_total", (("method", "GET"), ("route", "unmatched"),
                                            ("status", "404")))] >= 1  # fmt: skip
    assert after[("portal_request_duration_seconds_count", (("route", "ideas.index"),))] >= 2
    assert after[("portal_outbox_queued", ())] == 1
    assert 170 <= after[("portal_outbox_oldest_due_seconds", ())] <= 200
    assert after[("portal_outbox_messages", (("status", "failed"),))] == 1
    assert after[("portal_digests_written_24h", ())] == 1  # the older one is not counted
    phases = {labels[0][1]: value for (name, labels), value in after.items()
              if name == "portal_challenges"}  # fmt: skip
    assert sum(phases.values()) == 1
    assert set(phases) >= {"draft", "open", "evaluation", "results", "closed", "cancelled"}


def test_metrics_are_only_for_the_operator(app, client):
    app.config.update(METRICS_ALLOW="10.0.0.0/8", METRICS_TOKEN="s3cret-token-for-prometheus")
    # From an address outside the list, without the token: as if it did not exist.
    assert client.get("/metrics").status_code == 404
    wrong = client.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 404
    bearer = {"Authorization": "Bearer s3cret-token-for-prometheus"}
    assert client.get("/metrics", headers=bearer).status_code == 200
    allowed = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert allowed.status_code == 200
    app.config.update(METRICS_TOKEN="")
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_several_workers_add_up_to_one_count(app, tmp_path):
    """gunicorn with three workers and PROMETHEUS_MULTIPROC_DIR (as the
    systemd unit sets it): whichever worker answers the scrape, it reports
    every worker's requests."""
    import urllib.request

    from tests.gunicorn_server import gunicorn

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    folder = tmp_path / "metrics"
    folder.mkdir()
    with gunicorn(url, PROMETHEUS_MULTIPROC_DIR=str(folder)) as base:
        for _ in range(30):
            urllib.request.urlopen(base + "/ideas/", timeout=10).read()  # noqa: S310
        scrapes = [
            urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()  # noqa: S310
            for _ in range(3)
        ]
    key = IDEAS_LISTED
    assert [_samples(text)[key] for text in scrapes] == [30, 30, 30]
    assert len(list(folder.iterdir())) >= 2  # more than one worker wrote its counts
