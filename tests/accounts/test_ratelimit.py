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


def _logged_in(app):
    with app.app_context():
        user_id = login_id(make_user())
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    return client


def test_previews_count_in_a_limit_of_their_own_not_toward_the_idea_limit(limited):
    from tests.factories import make_category

    with limited.app_context():
        category_id = make_category().id
    client = _logged_in(limited)
    data = {"title": "Benches by the harbour", "body": "We need more benches. " * 3}
    data["category"] = category_id
    for _ in range(30):
        assert client.post("/ideas/new", data={**data, "preview": "1"}).status_code == 200
    refused = client.post("/ideas/new", data={**data, "preview": "1"})
    assert refused.status_code == 429
    assert "We need more benches." in refused.get_data(as_text=True)  # nothing typed is lost
    assert client.post("/ideas/new", data={**data, "publish": "1"}).status_code == 302


def test_failed_comments_do_not_count_and_a_refusal_keeps_the_text(limited):
    with limited.app_context():
        idea_id = make_idea().id
    client = _logged_in(limited)
    url = f"/ideas/{idea_id}/comments"
    for _ in range(10):
        assert client.post(url, data={"body": ""}).status_code == 400
    for n in range(10):
        assert client.post(url, data={"body": f"Comment {n}"}).status_code == 302
    body = "A long <thought>\nthat took me a while to write & must not be lost."
    refused = client.post(
        url,
        data={"body": body, "parent_id": "12345", "csrf_token": "secret-token"},
        headers={"Accept-Language": "da"},
    )
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Din tekst (ikke gemt)" in page
    assert "Din kommentar" in page  # the field's own label
    assert "<textarea" in page
    assert "readonly" in page
    assert "A long &lt;thought&gt;\nthat took me a while to write &amp; must not be lost." in page
    assert "12345" not in page
    assert "secret-token" not in page


def test_a_refused_idea_keeps_title_and_body_but_no_ids(limited):
    from tests.factories import make_category

    with limited.app_context():
        category_id = make_category().id
    client = _logged_in(limited)
    data = {"title": "Benches by the harbour", "body": "We need more benches. " * 3}
    data |= {"category": category_id, "publish": "1"}
    for _ in range(30):
        assert client.post("/ideas/new", data=data).status_code == 302
    refused = client.post("/ideas/new", data={**data, "title": "My 31st idea", "category": "987"})
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Your text (not saved)" in page
    assert "My 31st idea</textarea>" in page
    assert "We need more benches." in page
    assert "987" not in page
    # Reading stays possible.
    assert client.get("/ideas/new").status_code == 200


def test_a_refused_login_keeps_the_address_but_not_the_password(limited):
    client = limited.test_client()
    data = {"email": "who@example.org", "password": "my-secret-guess"}
    codes = [client.post("/account/login", data=data).status_code for _ in range(11)]
    assert codes[-1] == 429
    page = client.post("/account/login", data=data).get_data(as_text=True)
    assert "my-secret-guess" not in page
    assert "who@example.org</textarea>" in page
    assert page.count("<textarea") == 1


def test_every_log_in_attempt_counts(limited):
    """Counted when it is made (not after it failed), so guesses sent
    together cannot all pass the check before any is counted."""
    with limited.app_context():
        make_user(email="office@example.org")
    codes = []
    for n in range(12):
        client = limited.test_client()
        data = {"email": "office@example.org", "password": f"guess number {n}"}
        codes.append(client.post("/account/login", data=data).status_code)
    assert codes.count(429) == 2


def _registration(n: int, **changes: str) -> dict[str, str]:
    data = {
        "display_name": f"Neighbour {n}",
        "email": f"neighbour{n}@example.org",
        "password": "a long password",
        "password_confirm": "a long password",
    }
    return data | changes


def test_registrations_with_errors_do_not_count_and_a_refusal_keeps_name_and_address(limited):
    with limited.app_context():
        make_user(email="taken@example.org")
    client = limited.test_client()
    for n in range(12):
        mistake = _registration(n, password_confirm="not the same")
        assert client.post("/account/register", data=mistake).status_code == 200
    # A new and a taken address count alike: the page does not tell them apart.
    taken = client.post("/account/register", data=_registration(0, email="taken@example.org"))
    assert taken.status_code == 200
    for n in range(1, 10):
        assert client.post("/account/register", data=_registration(n)).status_code == 200
    refused = client.post(
        "/account/register",
        data=_registration(99, display_name="Ida Holm", password="my-secret-words"),
        headers={"Accept-Language": "da"},
    )
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Din tekst (ikke gemt)" in page
    assert "Ida Holm</textarea>" in page
    assert "neighbour99@example.org</textarea>" in page
    assert "my-secret-words" not in page
    assert "a long password" not in page


def test_nominations_are_limited_per_account_and_per_address(limited):
    """Each nomination may mail someone who never asked: ten an hour per
    account (only those that went through count), twenty per IP address."""
    from datetime import timedelta

    from portal.nominations import services
    from portal.nominations.services import CallData
    from portal.timeutil import utcnow
    from tests.factories import make_challenge, make_owner

    with limited.app_context():
        ids = []
        for _ in range(4):
            challenge = make_challenge()
            call = CallData("Who knows?", 20, utcnow() + timedelta(days=5))
            services.set_call(make_owner(challenge), challenge, call)
            ids.append(challenge.id)
        db.session.commit()

    def nominate(client, n, challenge_id=ids[0], **extra):  # type: ignore[no-untyped-def]
        data = {"name": f"Expert {n}", "email": f"expert{n}@example.org"}
        return client.post(
            f"/challenges/{challenge_id}/nominate",
            data={**data, "knowledge": "Knows the tides.", **extra},
        )

    client = _logged_in(limited)
    assert nominate(client, 0, knowledge="").status_code == 400  # errors are free
    assert {nominate(client, n).status_code for n in range(10)} == {302}
    refused = nominate(client, 10, ids[1], knowledge="She ran the harbour for years.")
    assert refused.status_code == 429
    assert "She ran the harbour for years." in refused.get_data(as_text=True)
    # Another account on the same machine adds up to the address's limit.
    other = _logged_in(limited)
    codes = [nominate(other, 100 + n, ids[2 + n // 10]).status_code for n in range(11)]
    assert codes == [302] * 10 + [429]


def test_the_similar_ideas_lookup_is_limited_per_address(limited):
    client = limited.test_client()
    codes = [client.get(f"/ideas/similar?title=cykelsti+{n}").status_code for n in range(61)]
    assert codes[:60] == [200] * 60
    assert codes[60] == 429
    other = limited.test_client()
    assert (
        other.get(
            "/ideas/similar?title=cykelsti", environ_base={"REMOTE_ADDR": "10.0.0.9"}
        ).status_code
        == 200
    )
    assert client.get("/ideas/").status_code == 200  # reading pages is never limited
