"""A throw-away PostgreSQL server of the test's own, which it may stop and
start again (``make test`` installs PostgreSQL)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.mail_server import free_port


def pg_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(found[-1]) if found else None


@pytest.fixture
def postgres():  # type: ignore[no-untyped-def]
    """A throw-away PostgreSQL server of our own, which the test may stop.
    (In a folder of its own below /tmp: the postgres user cannot enter pytest's.)"""
    pg_bin = pg_bin_dir()
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
