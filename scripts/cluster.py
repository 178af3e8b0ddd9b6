"""``make cluster``: the production shape on 127.0.0.1, for tests and demos.

nginx (the shipped site, HTTPS with a self-signed certificate) in front of
two gunicorn nodes in the production configuration, one PostgreSQL, one
Redis (rate limits and the page cache, shared by both nodes) and an SMTP
server that keeps every mail in a maildir. Everything lives in one folder
(``.cluster/`` for ``make cluster``); ``cluster.json`` there says where
each part listens, ``env`` is the environment every node and job reads
(load it with ``set -a; . .cluster/env; set +a`` to run ``flask`` jobs
against the cluster).

    python scripts/cluster.py start --dir .cluster [--demo]
    python scripts/cluster.py stop --dir .cluster
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail_server import free_port  # noqa: E402
from tests.nginx_server import nginx_binary, prepare  # noqa: E402
from tests.postgres_server import pg_bin_dir  # noqa: E402

BIN = Path(sys.executable).parent
NODES = ("node1", "node2")


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([str(part) for part in command], check=True, **kwargs)  # noqa: S603


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - http://127.0.0.1 only
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"cluster: {url} did not answer")


def start_postgres(state: dict) -> None:
    tools = pg_bin_dir()
    if tools is None:
        raise SystemExit("cluster: PostgreSQL is not installed (apt-get install postgresql)")
    # Below /tmp: the postgres user may not enter the checkout.
    home = Path(tempfile.mkdtemp(prefix="portal-cluster-pg-"))
    data = home / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    as_pg = _as_postgres()
    _run([*as_pg, tools / "initdb", "-D", data, "-U", "postgres", "-A", "trust"],
         capture_output=True)  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home}"
    _run([*as_pg, tools / "pg_ctl", "-D", data, "-o", options, "-l", home / "log", "-w", "start"],
         capture_output=True)  # fmt: skip
    _run([tools / "createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "portal"])
    state["postgres"] = {"port": port, "home": str(home), "data": str(data)}


def start_redis(folder: Path, state: dict) -> None:
    server = shutil.which("redis-server")
    if server is None:
        raise SystemExit("cluster: redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    _run([server, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
          "--daemonize", "yes", "--pidfile", folder / "redis.pid",
          "--logfile", folder / "redis.log"])  # fmt: skip
    state["redis"] = {"port": port, "pidfile": str(folder / "redis.pid")}


def start_smtp(folder: Path, state: dict) -> None:
    port = free_port()
    with open(folder / "smtp.log", "ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our interpreter, aiosmtpd
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(folder / "mail")],
            stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
    state["smtp"] = {"port": port, "pid": process.pid, "maildir": str(folder / "mail")}


def environment(folder: Path, state: dict) -> dict[str, str]:
    redis = f"redis://127.0.0.1:{state['redis']['port']}"
    return {
        "PORTAL_CONFIG": "production",
        "SECRET_KEY": state["secret"],
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{state['postgres']['port']}/portal",
        "PUBLIC_BASE_URL": state["url"],
        "PORTAL_INSTANCE_DIR": str(folder / "instance"),
        "PROXY_COUNT": "1",
        "RATELIMIT_STORAGE_URI": f"{redis}/0",
        "CACHE_TYPE": "RedisCache",
        "CACHE_REDIS_URL": f"{redis}/1",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(state["smtp"]["port"]),
        "SMTP_SECURITY": "none",
        "MAIL_FROM": "Solbjerg Kommune <ideer@solbjerg.example>",
        "SITE_NAME": "Solbjerg Kommune",
    }


def start_node(name: str, port: int, folder: Path, env: dict[str, str], state: dict) -> None:
    metrics = folder / f"metrics-{name}"
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir()
    node_env = {**os.environ, **env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    _run([BIN / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py", "--workers", "2",
          "--bind", f"127.0.0.1:{port}", "--daemon",
          "--pid", folder / f"{name}.pid", "--error-logfile", folder / f"{name}.log",
          "--capture-output", "--no-control-socket", "wsgi:app"],
         cwd=ROOT, env=node_env)  # fmt: skip
    state[name] = {"port": port, "pidfile": str(folder / f"{name}.pid")}


def start(folder: Path, demo: bool) -> dict:
    if (folder / "cluster.json").exists():
        raise SystemExit(f"cluster: already running in {folder} (make cluster-stop)")
    folder.mkdir(parents=True, exist_ok=True)
    binary = nginx_binary_or_exit()
    state: dict = {"secret": secrets.token_urlsafe(48), "folder": str(folder)}
    try:
        start_postgres(state)
        start_redis(folder, state)
        start_smtp(folder, state)
        nodes = [free_port(), free_port()]
        config, _http, https = prepare([f"127.0.0.1:{p}" for p in nodes], folder / "nginx")
        state["url"] = f"https://127.0.0.1:{https}"
        env = environment(folder, state)
        (folder / "env").write_text("".join(f"{k}={shlex.quote(v)}\n" for k, v in env.items()))
        jobs_env = {**os.environ, **env}
        _run([BIN / "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=jobs_env,
             capture_output=True)  # fmt: skip
        if demo:
            _run([BIN / "flask", "--app", "wsgi", "demo", "load"], cwd=ROOT, env=jobs_env,
                 capture_output=True)  # fmt: skip
        for name, port in zip(NODES, nodes, strict=True):
            start_node(name, port, folder, env, state)
        for name in NODES:
            _wait_for(f"http://127.0.0.1:{state[name]['port']}/healthz")
        prefix = ["-p", folder / "nginx", "-c", config, "-e", folder / "nginx" / "error.log"]
        _run([binary, *prefix])
        state["nginx"] = {"https": https, "prefix": [str(p) for p in prefix], "binary": binary}
    except BaseException:
        (folder / "cluster.json").write_text(json.dumps(state))
        stop(folder)
        raise
    (folder / "cluster.json").write_text(json.dumps(state, indent=2))
    return state


def nginx_binary_or_exit() -> str:
    try:
        return nginx_binary()
    except BaseException as skipped:  # pytest.skip outside a test
        raise SystemExit(f"cluster: {skipped}") from None


def _kill_pidfile(path: str, sig: int = signal.SIGTERM) -> None:
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(Path(path).read_text().strip()), sig)


def _stop_node(pidfile: str) -> None:
    """TERM (gunicorn lets its workers finish), then KILL the whole group."""
    try:
        pid = int(Path(pidfile).read_text().strip())
    except (OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.1)
    kill_node(pid)


def kill_node(master: int) -> None:
    """kill -9 of a node: its workers, then its master."""
    subprocess.run(["pkill", "-KILL", "-P", str(master)], check=False)  # noqa: S603, S607
    with contextlib.suppress(OSError):
        os.kill(master, signal.SIGKILL)


def stop(folder: Path) -> None:
    path = folder / "cluster.json"
    if not path.exists():
        return
    state = json.loads(path.read_text())
    if "nginx" in state:
        nginx = state["nginx"]
        subprocess.run([nginx["binary"], *nginx["prefix"], "-s", "stop"],  # noqa: S603
                       capture_output=True, check=False)  # fmt: skip
    for name in NODES:
        if name in state:
            _stop_node(state[name]["pidfile"])
    if "redis" in state:
        _kill_pidfile(state["redis"]["pidfile"])
    if "smtp" in state:
        with contextlib.suppress(OSError):
            os.kill(state["smtp"]["pid"], signal.SIGTERM)
    if "postgres" in state:
        tools = pg_bin_dir()
        subprocess.run(  # noqa: S603
            [*_as_postgres(), str(tools / "pg_ctl"), "-D", state["postgres"]["data"],
             "-m", "fast", "stop"], capture_output=True, check=False,
        )  # fmt: skip
        shutil.rmtree(state["postgres"]["home"], ignore_errors=True)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    parser.add_argument("--demo", action="store_true", help="load the demo content")
    args = parser.parse_args()
    folder = args.dir.resolve()
    if args.action == "stop":
        stop(folder)
        print("cluster stopped")
        return
    state = start(folder, args.demo)
    print(f"portal: {state['url']}  (nginx, self-signed certificate)")
    for name in NODES:
        print(f"{name}: http://127.0.0.1:{state[name]['port']}")
    print(
        f"PostgreSQL 127.0.0.1:{state['postgres']['port']}, "
        f"Redis 127.0.0.1:{state['redis']['port']}"
    )
    print(f"SMTP 127.0.0.1:{state['smtp']['port']}, mails in {state['smtp']['maildir']}")
    print(f"jobs: set -a; . {folder / 'env'}; set +a; .venv/bin/flask --app wsgi outbox send")


if __name__ == "__main__":
    main()
