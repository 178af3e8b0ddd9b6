"""The files in deploy/ that the README's "Deploying" section installs: every
timer starts a service, every job is a real ``flask`` command, the
environment file sets only variables the portal reads, and nginx accepts
bodies as large as the portal does."""

from __future__ import annotations

import http.client
import re
import shlex
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _exec(unit: Path) -> list[str]:
    line = next(ln for ln in unit.read_text().splitlines() if ln.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def _env() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / "portal.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            pairs[key] = value.strip('"')
    return pairs


def test_every_timer_starts_a_service_and_every_job_has_a_timer():
    timers = {t.stem for t in (DEPLOY / "systemd").glob("*.timer")}
    jobs = {u.stem for u in UNITS if "Type=oneshot" in u.read_text()}
    assert timers == jobs
    assert {"portal-outbox", "portal-digests-daily", "portal-digests-weekly",
            "portal-challenges", "portal-nominations-expire",
            "portal-nominations-summarise", "portal-backup"} <= jobs  # fmt: skip
    for unit in UNITS:
        assert "EnvironmentFile=/etc/portal/env" in unit.read_text(), unit.name


@pytest.mark.parametrize("unit", [u for u in UNITS if "Type=oneshot" in u.read_text()],
                         ids=lambda u: u.stem)  # fmt: skip
def test_every_job_is_a_flask_command_of_the_portal_or_a_shipped_script(app, unit):
    command = _exec(unit)
    if command[0].startswith("/srv/portal/deploy/"):  # the backup: a script of deploy/
        assert (DEPLOY / command[0].removeprefix("/srv/portal/deploy/")).stat().st_mode & 0o111
        return
    assert command[:3] == ["/srv/portal/.venv/bin/flask", "--app", "wsgi"]
    result = app.test_cli_runner().invoke(args=[*command[3:], "--help"])
    assert result.exit_code == 0, result.output


def test_the_web_service_runs_gunicorn_on_the_upstreams_address():
    web = _exec(DEPLOY / "systemd" / "portal-web.service")
    assert web[0].endswith("/gunicorn")
    assert web[-1] == "wsgi:app"
    bind = web[web.index("--bind") + 1]
    assert f"server {bind};" in (DEPLOY / "nginx" / "portal.conf").read_text()


def test_every_line_the_web_service_writes_is_json(app, tmp_path):
    """gunicorn with the shipped config (as portal-web runs it): its own
    lines (booting, workers) and the portal's are all JSON, for jq."""
    import json
    import os
    import sys
    import time
    import urllib.request

    from tests.gunicorn_server import SECRET
    from tests.mail_server import free_port

    web = _exec(DEPLOY / "systemd" / "portal-web.service")
    config = web[web.index("--config") + 1]
    assert config == "/srv/portal/deploy/gunicorn.conf.py"
    port = free_port()
    log = tmp_path / "web.log"
    env = {**os.environ, "PORTAL_CONFIG": "production", "SECRET_KEY": SECRET,
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "PYTHONPATH": str(ROOT),
           "SESSION_COOKIE_SECURE": "false", "RATELIMIT_ENABLED": "false"}  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [str(Path(sys.executable).parent / "gunicorn"), "--config",
             str(DEPLOY / "gunicorn.conf.py"), "--workers", "2", "--no-control-socket",
             "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.1)
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)  # noqa: S310
        finally:
            process.terminate()
            process.wait(timeout=15)
    lines = log.read_text().splitlines()
    records = [json.loads(line) for line in lines]  # every one of them
    assert any(
        r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records
    )
    assert any(r["logger"] == "portal.access" and r.get("path") == "/" for r in records)
    assert not [r for r in records if r["logger"] == "gunicorn.access"]  # one access line
    assert all(r["request_id"] != "-" for r in records if r["logger"] == "portal.access")


def test_the_environment_file_sets_only_what_the_portal_reads():
    read = (ROOT / "config.py").read_text() + (ROOT / "portal" / "__init__.py").read_text()
    for key in _env():
        assert re.search(rf"[\"']{key}[\"']", read), f"{key} is not read by the portal"
    assert _env()["PORTAL_CONFIG"] == "production"
    assert len(_env()["SECRET_KEY"]) >= 32


def test_nginx_takes_bodies_as_large_as_the_portal():
    site = (DEPLOY / "nginx" / "portal.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)k;", site).group(1)
    assert int(size) * 1024 == int(_env()["MAX_CONTENT_LENGTH"])
    # The idea form with its photos, on its own addresses.
    photos = re.search(r"client_max_body_size (\d+)m;", site).group(1)
    assert int(photos) * 1024 * 1024 == int(_env()["UPLOAD_MAX_CONTENT_LENGTH"])


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (the units are checked where it is)")
    for unit in (DEPLOY / "systemd").iterdir():
        (tmp_path / unit.name).write_text(unit.read_text())
    done = subprocess.run(  # noqa: S603 - the machine's own systemd-analyze
        [analyze, "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    # Paths of the installed portal do not exist here; anything else is an error.
    problems = [
        line for line in done.stderr.splitlines()
        if line.strip() and "/srv/portal" not in line and "/etc/portal" not in line
        and "Failed to prepare filename" not in line and "Command " not in line
        and "redis-server.service" not in line and "postgresql.service" not in line
    ]  # fmt: skip
    assert problems == []


def test_nginx_accepts_the_site(tmp_path):
    """nginx -t on deploy/nginx/portal.conf as shipped (only the certificate,
    ports and paths made local)."""
    from tests.nginx_server import main_config, nginx_binary, prepare

    binary = nginx_binary()
    config, _http, _https = prepare(["127.0.0.1:8000"], tmp_path)
    assert main_config(tmp_path / "portal.conf", tmp_path) in config.read_text()
    done = subprocess.run(  # noqa: S603
        [binary, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log"), "-t"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_through_nginx(app, tmp_path):
    """The shipped site in front of a real gunicorn node: HTTPS reaches the
    portal as HTTPS (no warning), the request id is nginx's, /metrics is not
    public, and fingerprinted static files are kept for a year."""
    from tests.gunicorn_server import gunicorn
    from tests.nginx_server import SERVER_NAME, nginx, opener

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with (
        gunicorn(url, workers=1, PROXY_COUNT="1", SESSION_COOKIE_SECURE="true") as node,
        nginx([node.removeprefix("http://")], tmp_path / "nginx") as base,
    ):
        browser = opener()

        def get(path: str):  # type: ignore[no-untyped-def]
            request = urllib.request.Request(base + path, headers={"Host": SERVER_NAME})  # noqa: S310
            try:
                return browser.open(request, timeout=30)
            except urllib.error.HTTPError as error:
                return error

        front = get("/")
        page = front.read().decode()
        assert front.status == 200
        assert "served without HTTPS" not in page  # X-Forwarded-Proto reached the portal
        assert re.fullmatch(r"[0-9a-f]{32}", front.headers["X-Request-ID"])  # nginx's $request_id
        assert "Strict-Transport-Security" in front.headers
        assert get("/metrics").status == 404
        # Another name than the portal's: closed without an answer.
        elsewhere = urllib.request.Request(base + "/", headers={"Host": "elsewhere.example"})  # noqa: S310
        with pytest.raises((urllib.error.URLError, http.client.RemoteDisconnected)):
            browser.open(elsewhere, timeout=30)
        css = re.search(r'href="(/static/css/portal\.css\?v=[0-9a-f]{12})"', page).group(1)
        static = get(css)
        assert static.status == 200
        assert static.headers["Content-Type"].startswith("text/css")
        assert len(static.headers.get_all("Cache-Control")) == 1  # one answer, not two
        assert "immutable" in static.headers.get_all("Cache-Control")[-1]
        assert "max-age=31536000" in ",".join(static.headers.get_all("Cache-Control"))


def test_the_page_caches_redis_accepts_its_shipped_configuration(tmp_path):
    """deploy/redis/redis-cache.conf, run by a real redis-server (only the
    paths and port made local): it evicts old pages and keeps none on disk."""
    import time

    from tests.mail_server import free_port

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (make test installs it)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - the shipped file, local paths
        [binary, str(DEPLOY / "redis" / "redis-cache.conf"), "--port", str(port),
         "--pidfile", str(tmp_path / "redis.pid"), "--logfile", str(tmp_path / "redis.log"),
         "--dir", str(tmp_path), "--supervised", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        answers = {}
        for _ in range(100):
            done = subprocess.run(  # noqa: S603
                ["redis-cli", "-p", str(port), "config", "get", "maxmemory*"],  # noqa: S607
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            lines = done.stdout.split()
            answers = dict(zip(lines[::2], lines[1::2], strict=False))
            if "maxmemory-policy" in answers:
                break
            time.sleep(0.05)
        assert answers["maxmemory-policy"] == "allkeys-lru", (tmp_path / "redis.log").read_text()
        assert answers["maxmemory"] == str(256 * 1024 * 1024)
    finally:
        process.terminate()
        process.wait(timeout=10)
    env = _env()
    assert env["CACHE_REDIS_URL"] == "redis://127.0.0.1:6380/0"  # the port of that file
    assert env["RATELIMIT_STORAGE_URI"].startswith("redis://127.0.0.1:6379/")
