"""A real PostgreSQL server stops while the portal runs: pages answer with a
quick, translated 503 and /healthz says so; when it is back, so is the portal."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from portal import create_app
from portal.extensions import db
from tests.mail_server import free_port


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(found[-1]) if found else None


@pytest.fixture
def postgres():  # type: ignore[no-untyped-def]
    """A throw-away PostgreSQL server of our own, which the test may stop.
    (In a folder of its own below /tmp: the postgres user cannot enter pytest's.)"""
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL is not installed (make test installs it)")
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    tmp_path = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    data = tmp_path / "pg"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(tmp_path, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()

    def ctl(*args: str) -> None:
        subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), *args],  # noqa: S603
                       check=True, capture_output=True)  # fmt: skip

    subprocess.run(  # noqa: S603 - fixed command line
        [*as_pg, str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp_path} -c fsync=off"
    start = ["-o", options, "-l", str(tmp_path / "log"), "-w", "start"]
    ctl(*start)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", ctl, start
    finally:
        subprocess.run(  # noqa: S603
            [*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_stopped_database_gives_a_quick_translated_503(postgres):
    url, ctl, start = postgres
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    client = app.test_client()
    with app.app_context():
        db.create_all()
    assert client.get("/").status_code == 200

    ctl("-m", "immediate", "stop")
    began = time.monotonic()
    page = client.get("/", headers={"Accept-Language": "da"})
    took = time.monotonic() - began
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "Traceback" not in html
    assert took < 5
    health = client.get("/healthz")
    assert (health.status_code, health.get_json()["database"]) == (503, "unavailable")

    ctl(*start)
    assert client.get("/").status_code == 200
    assert client.get("/healthz").get_json()["database"] == "ok"
    with app.app_context():
        db.engine.dispose()
