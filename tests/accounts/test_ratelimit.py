from __future__ import annotations

import pytest

from portal.extensions import db
from tests.conftest import standalone_app
from tests.factories import login_id, make_idea, make_user


@pytest.fixture
def limited(tmp_path):
    app = standalone_app(
        tmp_path / "limited.sqlite3", RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://"
    )
    yield app  # requests run in their own contexts, as in production
    with app.app_context():
        db.engine.dispose()


def test_login_is_limited_per_ip_with_a_translated_page(limited):
    client = limited.test_client()
    for n in range(10):
        data = {"email": f"guess{n}@example.org", "password": "wrong"}
        assert client.post("/account/login", data=data).status_code == 200
    blocked = client.post(
        "/account/login",
        data={"email": "one-more@example.org", "password": "x"},
        headers={"Accept-Language": "da"},
    )
    assert blocked.status_code == 429
    assert '<html lang="da">' in blocked.get_data(as_text=True)
    assert "Retry-After" in blocked.headers
    # Reading stays possible.
    assert client.get("/account/login").status_code == 200


def test_login_is_limited_per_account_across_addresses(limited):
    for n in range(21):
        client = limited.test_client()
        response = client.post(
            "/account/login",
            data={"email": "victim@example.org", "password": "guess"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
    assert response.status_code == 429


def test_reset_mails_are_limited_per_address(limited):
    client = limited.test_client()
    with limited.app_context():
        make_user(email="target@example.org")
    codes = [
        client.post("/account/reset", data={"email": "target@example.org"}).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_supporting_is_limited_per_account(limited):
    with limited.app_context():
        idea_id, user_id = make_idea().id, login_id(make_user())
    client = limited.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    codes = {client.post(f"/ideas/{idea_id}/support").status_code for _ in range(61)}
    assert codes == {302, 429}
