"""The benchmark: ``make bench`` (see bench/README.md).

For each scale it builds (or reuses) a dataset, serves the portal with
gunicorn (production configuration, 2 sync workers) and the reference app
with the same settings, and measures each page with wrk, alternating
portal and reference runs so machine noise cancels out. Prints a table and
writes JSON and Markdown to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench import jobs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
SECRET = "benchmark-secret-key-that-is-long-enough-0123456789"  # noqa: S105
BIN = Path(sys.executable).parent

# The budget: a visitor's front page, idea list and idea page served
# from the page cache at least as fast as the reference, and rendered anew
# (the first visit after a change) at half its speed; every citizen page at
# half its speed. (Feeds are not pages: reported, not budgeted.)
READING = ("front page", "idea list", "idea page (20 comments)")
BUDGET_RATIO = {
    "visitor": dict.fromkeys(READING, 1.0),
    "visitor, Redis": dict.fromkeys(READING, 1.0),
    "visitor, uncached": dict.fromkeys(READING, 0.5),
    "citizen": 0.5,
}
BUDGET_SCALING = 1.3
BUDGET_QUERIES = 8
BUDGET_ASSET_BYTES = 100 * 1024
BUDGET_REPORT_SECONDS = 5
BUDGET_DIGEST_SECONDS = 60
BUDGET_EXPORT_MEGABYTES = 20  # the 100,000-idea export streams in batches
BUDGET_SIMILAR_MS = 20


def pages(facts: dict) -> list[tuple[str, str]]:
    """(name, path) of every measured page."""
    return [
        ("front page", "/"),
        ("idea list", "/ideas/?sort=new"),
        ("idea list, most supported", "/ideas/?sort=top"),
        ("idea list, most discussed", "/ideas/?sort=discussed"),
        ("idea list, trending", "/ideas/?sort=trending"),
        ("idea list, filtered", f"/ideas/?category={facts['category_slug']}&sort=top"),
        # The small dataset has 10 pages: its deepest page stands in for page 50.
        ("idea list, page 50", f"/ideas/?sort=new&page={min(50, -(-facts['ideas'] // 20))}"),
        ("idea page (20 comments)", f"/ideas/{facts['detail_idea_id']}"),
        ("search", f"/ideas/search?q={facts['search_term']}"),
        ("category feed", f"/feeds/categories/{facts['category_slug']}.atom?lang=da"),
        ("challenge page (200 answers)", f"/challenges/{facts['challenge_id']}"),
    ]


def owner_pages(facts: dict) -> list[tuple[str, str]]:
    """What the challenge's owner reads: 200 answers × 5 members × 4 criteria,
    and a pyramid of 2,000 nominations."""
    return [
        ("ranking (200 × 5 × 4 scores)", f"/challenges/{facts['challenge_id']}/ranking"),
        ("pyramid (2,000 nominations)", f"/challenges/{facts['challenge_id']}/pyramid"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str]):
    port = free_port()
    log = open(DATA / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stderr=log,  # the access log: written as in production, kept out of the table
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError as error:
                if getattr(error, "code", None) == 404:
                    break
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        Path(log.name).unlink()


@contextmanager
def redis():
    """A throw-away Redis for the page cache, or None without redis-server."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str, cookie: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str, seconds: int, cookie: str | None) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {
        pct: float(value) * _UNITS[unit]
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


def session_cookie(database_url: str, email: str) -> str:
    from portal import create_app
    from portal.accounts import sessions
    from portal.accounts.services import find_by_email
    from portal.extensions import db

    app = create_app(
        "production", SQLALCHEMY_DATABASE_URI=database_url, SESSION_COOKIE_SECURE=False
    )
    with app.app_context():
        user = find_by_email(email)
        sessions.start(user, remember=True)
        db.session.commit()
        serializer = app.session_interface.get_signing_serializer(app)
        first = serializer.dumps({"_user_id": user.get_id(), "_fresh": True})
    # The cookie a browser holds after its first page (with the form token's
    # secret in it): later pages then change nothing in it and set no cookie.
    client = app.test_client()
    client.set_cookie("session", first)
    client.get("/")
    return "session=" + client.get_cookie("session").value


def query_counts(
    database_url: str, paths: list[str], cookie: str | None, page_cache: bool
) -> dict[str, int]:
    """Queries per request, counted in-process on the same database (a
    cached page's count is that of a hit: the request after the first)."""
    from sqlalchemy import event

    from portal import create_app
    from portal.extensions import db

    app = create_app("production", SQLALCHEMY_DATABASE_URI=database_url, PAGE_CACHE=page_cache)
    client = app.test_client()
    if cookie:  # the test client sends its own cookie jar, not a Cookie header
        name, value = cookie.split("=", 1)
        client.set_cookie(name, value)
    counts = {}
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def listener(*args: object) -> None:
        seen.append("query")

    event.listen(engine, "before_cursor_execute", listener)
    for path in paths:
        client.get(path)
        seen.clear()
        client.get(path)
        counts[path] = len(seen)
    event.remove(engine, "before_cursor_execute", listener)
    return counts


def asset_bytes(html: str) -> int:
    """CSS, JS and fonts a first visit downloads (images are not counted)."""
    total = 0
    linked = r'(?:href|src)="(/static/[^"?]+\.(?:css|js|woff2?|ttf|otf))(?:\?[^"]*)?"'
    for ref in re.findall(linked, html):
        path = ROOT / ref.lstrip("/")
        total += path.stat().st_size
        if path.suffix == ".css":
            for font in re.findall(r"url\(['\"]?([^)'\"]+)['\"]?\)", path.read_text()):
                total += (path.parent / font).resolve().stat().st_size
    return total


def dataset(scale: str, rebuild: bool) -> tuple[str, dict]:
    DATA.mkdir(parents=True, exist_ok=True)
    database = DATA / f"{scale}.sqlite3"
    info = DATA / f"{scale}.json"
    url = f"sqlite:///{database}"
    from bench.dataset import schema_fingerprint

    stale = not info.exists() or json.loads(info.read_text()).get("schema") != schema_fingerprint()
    if rebuild or stale:
        for leftover in DATA.glob(f"{scale}.sqlite3*"):
            leftover.unlink()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.dataset",
                "--scale",
                scale,
                "--database-url",
                url,
                "--info",
                str(info),
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT)},
        )
    return url, json.loads(info.read_text())


def measure_scale(scale: str, args: argparse.Namespace) -> dict:
    url, facts = dataset(scale, args.rebuild)
    env = {
        "PORTAL_CONFIG": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": url,
        "SESSION_COOKIE_SECURE": "false",
        "PYTHONPATH": str(ROOT),
    }
    cookie = session_cookie(url, facts["citizen_email"])
    owner = session_cookie(url, facts["owner_email"])
    # A visitor is measured twice: served from the page cache (every request
    # after the first), and by a second portal whose page cache is off, which
    # renders every request anew as the first visit after a change does.
    # And a third time as production keeps pages: in Redis (when the machine
    # has redis-server), the reading pages only.
    reading = [(n, p) for n, p in pages(facts) if n in READING]
    roles = (
        ("visitor", None, pages(facts), "cached"),
        ("visitor, Redis", None, reading, "redis"),
        ("visitor, uncached", None, pages(facts), "uncached"),
        ("citizen", cookie, pages(facts), "cached"),
        ("owner", owner, owner_pages(facts), "cached"),
    )
    rows = []
    uncached_env = {**env, "PAGE_CACHE": "false"}
    with (
        redis() as redis_url,
        gunicorn("wsgi:app", env) as cached,
        gunicorn("wsgi:app", uncached_env) as uncached,
        gunicorn(
            "wsgi:app", {**env, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url or ""}
        ) as in_redis,
        gunicorn("bench.reference_app:app", env) as ref,
    ):
        servers = {"cached": cached, "uncached": uncached, "redis": in_redis}
        if redis_url is None:
            print("redis-server is not installed: the Redis page cache is not measured")
            roles = tuple(r for r in roles if r[3] != "redis")
        for role, role_cookie, measured, server in roles:
            portal = servers[server]
            paths = [p for _n, p in measured]
            queries = query_counts(url, paths, role_cookie, server != "uncached")
            for name, path in measured:
                html = fetch(portal + path, role_cookie)
                reference_url = f"{ref}/page/{len(html)}"
                runs = {"portal": [], "reference": []}
                for _ in range(args.rounds):
                    runs["portal"].append(wrk(portal + path, args.duration, role_cookie))
                    runs["reference"].append(wrk(reference_url, args.duration, None))
                mean = lambda rs, k: sum(r[k] for r in rs) / len(rs)  # noqa: E731
                row = {
                    "scale": scale,
                    "role": role,
                    "page": name,
                    "path": path,
                    "rps": round(mean(runs["portal"], "rps"), 1),
                    "p50_ms": round(mean(runs["portal"], "p50"), 2),
                    "p99_ms": round(mean(runs["portal"], "p99"), 2),
                    "reference_rps": round(mean(runs["reference"], "rps"), 1),
                    "errors": sum(r["errors"] for r in runs["portal"]),
                    "queries": queries[path],
                    "html_bytes": len(html),
                    "asset_bytes": asset_bytes(html.decode()),
                }
                row["ratio"] = round(row["rps"] / row["reference_rps"], 2)
                rows.append(row)
                print(
                    f"{scale:5} {role:17} {name:28} {row['rps']:8.1f} req/s "
                    f"p50 {row['p50_ms']:6.2f} ms  ratio {row['ratio']:.2f}  "
                    f"queries {row['queries']}",
                    flush=True,
                )
    return {"facts": facts, "rows": rows}


def check_budget(results: dict) -> list[str]:
    lines = []
    rows = [r for scale in results.values() for r in scale["rows"]]
    for row in rows:
        minimum = BUDGET_RATIO.get(row["role"])
        if isinstance(minimum, dict):
            minimum = minimum.get(row["page"])
        if row["page"] == "category feed":
            minimum = None
        if minimum is not None:
            ok = row["ratio"] >= minimum
            lines.append(
                f"{'PASS' if ok else 'FAIL'} {row['scale']} {row['role']} {row['page']}: "
                f"{row['ratio']:.0%} of the reference (budget ≥ {minimum:.0%})"
            )
        if row["queries"] > BUDGET_QUERIES:
            lines.append(
                f"FAIL {row['scale']} {row['role']} {row['page']}: {row['queries']} queries"
            )
        if row["errors"]:
            lines.append(f"FAIL {row['scale']} {row['role']} {row['page']}: {row['errors']} errors")
    assets = max(r["asset_bytes"] for r in rows)
    lines.append(
        f"{'PASS' if assets <= BUDGET_ASSET_BYTES else 'FAIL'} first-visit CSS+JS+fonts "
        f"{assets / 1024:.1f} KB (budget ≤ 100 KB)"
    )
    lines.append(
        f"{'PASS' if max(r['queries'] for r in rows) <= BUDGET_QUERIES else 'FAIL'} "
        f"at most {max(r['queries'] for r in rows)} queries per page (budget ≤ 8)"
    )
    if "small" in results and "large" in results:
        small = {(r["role"], r["page"]): r for r in results["small"]["rows"]}
        for row in results["large"]["rows"]:
            base = small[(row["role"], row["page"])]
            factor = row["p50_ms"] / base["p50_ms"]
            row["p50_large_vs_small"] = round(factor, 2)
            lines.append(
                f"{'PASS' if factor <= BUDGET_SCALING else 'FAIL'} {row['role']} "
                f"{row['page']}: p50 large/small = {factor:.2f} (budget ≤ 1.3)"
            )
    return lines


def check_jobs(timed: dict) -> list[str]:
    report, digests, export = timed["report"], timed["digests"], timed["export"]
    return [
        f"{'PASS' if report['seconds'] < BUDGET_REPORT_SECONDS else 'FAIL'} "
        f"{report['ideas']}-idea meeting report PDF in {report['seconds']} s "
        f"(budget < {BUDGET_REPORT_SECONDS} s; {report['cached_seconds']} s from the cache)",
        f"{'PASS' if digests['seconds'] < BUDGET_DIGEST_SECONDS else 'FAIL'} "
        f"daily digests for {digests['subscribers']:,} subscribers in {digests['seconds']} s "
        f"(budget < {BUDGET_DIGEST_SECONDS} s)",
        f"{'PASS' if export['peak_megabytes'] < BUDGET_EXPORT_MEGABYTES else 'FAIL'} "
        f"open-data CSV of {export['ideas']:,} ideas ({export['megabytes']} MB) in "
        f"{export['seconds']} s, at most {export['peak_megabytes']} MB held at once "
        f"(budget < {BUDGET_EXPORT_MEGABYTES} MB: it streams)",
        f"{'PASS' if export['similar_ms'] < BUDGET_SIMILAR_MS else 'FAIL'} "
        f"similar-ideas suggestions over {export['ideas']:,} ideas: median "
        f"{export['similar_ms']} ms (budget < {BUDGET_SIMILAR_MS} ms)",
    ]


def markdown(results: dict, budget: list[str], meta: dict) -> str:
    out = [
        f"# Benchmark {meta['when']}",
        "",
        f"Machine: {meta['machine']}. gunicorn, 2 sync workers; wrk -t2 -c8, "
        f"{meta['duration']} s × {meta['rounds']} rounds, alternating with the reference.",
        "",
        "| scale | role | page | req/s | p50 ms | p99 ms | reference req/s | ratio | "
        "large/small p50 | queries | HTML bytes |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, scale in results.items():
        if name == "jobs":
            continue
        for r in scale["rows"]:
            out.append(
                f"| {r['scale']} | {r['role']} | {r['page']} | {r['rps']:.0f} | "
                f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['reference_rps']:.0f} | "
                f"{r['ratio']:.0%} | {r.get('p50_large_vs_small', '')} | {r['queries']} | "
                f"{r['html_bytes']} |"
            )
    jobs = results.get("jobs")
    if jobs:
        report, digests = jobs["report"], jobs["digests"]
        out += [
            "",
            "## Jobs",
            "",
            f"- Meeting report with {report['ideas']} ideas rendered to PDF "
            f"({report['pdf_bytes'] // 1024} KB): {report['seconds']} s the first time, "
            f"{report.get('cached_seconds', '–')} s from the cache.",
            f"- Daily digests for {digests['subscribers']:,} subscribers "
            f"({digests['written']:,} written): {digests['seconds']} s.",
        ]
    out += [
        "",
        "## Budget",
        "",
    ] + [f"- {line}" for line in budget]
    for scale, data in results.items():
        if scale == "jobs":
            continue
        facts = data["facts"]
        out.append(
            f"\nDataset {scale}: {facts['ideas']} ideas, {facts['comments']} comments, "
            f"{facts['supports']} supports, {facts['users']} citizens, built in "
            f"{facts['build_seconds']} s."
        )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="small,large")
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 3)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 2)))
    parser.add_argument("--rebuild", action="store_true", help="build the datasets anew")
    args = parser.parse_args()
    os.environ["SECRET_KEY"] = SECRET  # the production configuration insists on one
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk); make bench installs it.")
    results = {scale: measure_scale(scale, args) for scale in args.scales.split(",")}
    budget = check_budget(results)
    results["jobs"] = jobs.measure()
    budget += check_jobs(results["jobs"])
    meta = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}",
        "duration": args.duration,
        "rounds": args.rounds,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}.json").write_text(
        json.dumps({"meta": meta, "results": results, "budget": budget}, indent=2)
    )
    report = markdown(results, budget, meta)
    (RESULTS / f"{stamp}.md").write_text(report)
    (RESULTS / "latest.md").write_text(report)
    print()
    print("\n".join(budget))
    print(f"\nWritten to bench/results/{stamp}.json and .md (and latest.md)")


if __name__ == "__main__":
    main()
