"""The README's backup and restore, done: pg_dump of a migrated database with
content, pg_restore into a new one, and the portal runs on the copy."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db
from portal.ideas.queries import search_ideas
from tests.factories import make_category, make_idea
from tests.postgres_server import pg_bin_dir, postgres  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]


def test_a_dump_restores_into_a_working_portal(postgres, tmp_path):  # noqa: F811
    url, _ctl, _start = postgres
    original = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with original.app_context():
        upgrade()
        make_idea(title="Bænke ved havnen", category=make_category())
        db.engine.dispose()

    address = make_url(url)
    server = ["-h", "127.0.0.1", "-p", str(address.port), "-U", "postgres"]
    tools = pg_bin_dir()
    # The nightly backup as the shipped unit runs it, with the portal's own
    # DATABASE_URL (the driver's name in it) and yesterday's old dumps around.
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "portal-2020-01-01.dump"
    old.write_bytes(b"old")
    os.utime(old, (0, 0))
    kept = backups / "portal-yesterday.dump"  # within BACKUP_KEEP_DAYS: stays
    kept.write_bytes(b"recent")
    os.utime(kept, (time.time() - 86400, time.time() - 86400))
    done = subprocess.run(  # noqa: S603 - the shipped script
        [ROOT / "deploy" / "portal-backup.sh"], check=True, capture_output=True, text=True,
        env={**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "DATABASE_URL": url,
             "BACKUP_DIR": str(backups)},
    )  # fmt: skip
    assert not old.exists()
    assert kept.exists()
    assert not list(backups.glob("*.part"))
    (dump,) = (d for d in backups.glob("portal-*.dump") if d != kept)
    assert f"backup written: {dump}" in done.stdout
    assert url.startswith("postgresql+")
    subprocess.run([tools / "createdb", *server, "restored"], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [tools / "pg_restore", "--no-owner", *server, "-d", "restored", dump], check=True
    )

    restored_url = address.set(database="restored").render_as_string(hide_password=False)
    restored = create_app("testing", SQLALCHEMY_DATABASE_URI=restored_url)
    with restored.app_context():
        upgrade()  # nothing to do: the dump is of the newest schema
        page = restored.test_client().get("/ideas/").get_data(as_text=True)
        found = [idea.title for idea in search_ideas("havnen", 1, 10).items]
        db.session.remove()
        db.engine.dispose()
    assert "Bænke ved havnen" in page
    assert found == ["Bænke ved havnen"]  # the search index came along
