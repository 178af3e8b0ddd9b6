"""Rate limits counted in a real Redis, shared by two app processes' worth
of apps (nodes); when Redis goes away the portal counts in memory instead of
answering 500, and /healthz says so."""

from __future__ import annotations

import logging

import pytest

from portal.extensions import db
from tests.conftest import standalone_app
from tests.redis_server import redis_server  # noqa: F401 - the fixture

LOGIN = "/account/login"


def _guess(client, n: int):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, data={"email": f"guess{n}@example.org", "password": "wrong"})


@pytest.fixture
def nodes(tmp_path, redis_server):  # noqa: F811
    """Two apps on one database and one Redis, as two nodes behind nginx."""
    options = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": redis_server.url,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    first = standalone_app(tmp_path / "shared.sqlite3", **options)
    second = standalone_app(tmp_path / "shared.sqlite3", **options)
    yield first, second, redis_server
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()


def test_log_in_attempts_count_across_nodes(nodes):
    first, second, _redis = nodes
    one, two = first.test_client(), second.test_client()
    for n in range(5):
        assert _guess(one, n).status_code == 200
        assert _guess(two, n).status_code == 200
    # Ten attempts a minute per address, wherever they landed.
    assert _guess(one, 10).status_code == 429
    assert _guess(two, 11).status_code == 429
    assert one.get("/healthz").get_json()["rate_limits"] == "ok"


def test_without_redis_the_limits_count_in_memory_and_healthz_says_so(nodes, caplog):
    first, _second, redis = nodes
    client = first.test_client()
    assert _guess(client, 0).status_code == 200
    redis.stop()
    with caplog.at_level(logging.WARNING):
        answers = [_guess(client, n).status_code for n in range(1, 12)]
        health = client.get("/healthz")
    # No 500: the attempts are counted in this node's memory, and still refused.
    assert 500 not in answers
    assert answers[:10] == [200] * 10
    assert answers[10] == 429
    assert health.status_code == 200  # the node serves; monitoring sees "degraded"
    assert health.get_json()["status"] == "degraded"
    assert health.get_json()["rate_limits"] == "unavailable"
    assert any("unreachable" in record.getMessage() for record in caplog.records)

    redis.start()
    recovered = client.get("/healthz").get_json()
    assert (recovered["status"], recovered["rate_limits"]) == ("ok", "ok")


def test_visitors_pages_are_shared_in_redis_and_survive_its_loss(
    tmp_path,
    redis_server,  # noqa: F811
    monkeypatch,
):
    """Redis gone: pages are rendered, not refused; the node leaves Redis alone
    for a while (no wait on every request), says so, and uses it again."""
    import time

    from portal import pagecache
    from tests.factories import make_idea

    monkeypatch.setattr(pagecache, "PAUSE_AFTER_FAILURE", 1.0)
    options = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_server.url + "/1"}
    first = standalone_app(tmp_path / "pages.sqlite3", **options)
    second = standalone_app(tmp_path / "pages.sqlite3", **options)
    with first.app_context():
        idea_id = make_idea(title="Shared in Redis").id
    path = f"/ideas/{idea_id}"
    assert first.test_client().get(path).headers["X-Cache"] == "miss"
    assert second.test_client().get(path).headers["X-Cache"] == "hit"  # the other node's copy
    redis_server.stop()
    page = second.test_client().get(path)
    assert page.status_code == 200  # rendered, not refused
    assert "Shared in Redis" in page.get_data(as_text=True)
    health = second.test_client().get("/healthz").get_json()
    assert (health["status"], health["page_cache"]) == ("degraded", "unavailable")
    assert "X-Cache" not in second.test_client().get(path).headers  # not even asked
    redis_server.start()
    time.sleep(1.1)
    assert second.test_client().get(path).headers["X-Cache"] == "miss"  # asked again
    assert second.test_client().get("/healthz").get_json()["page_cache"] == "ok"
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()
