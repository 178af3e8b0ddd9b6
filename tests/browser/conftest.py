"""A real server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import gc
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal.demo.loader import load_demo
from portal.extensions import db
from tests.conftest import standalone_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


class LiveServer:
    def __init__(self, app, server) -> None:
        self.app = app
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("live") / "live.sqlite3"
    app = standalone_app(path, WTF_CSRF_ENABLED=True, BABEL_DEFAULT_LOCALE="da")
    with app.app_context():
        load_demo()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app, server)
    server.shutdown()
    thread.join(timeout=5)
    gc.collect()  # files the server thread left behind are reported here, not in later tests
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        target = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        return target

    return take


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def pytest_collection_modifyitems(items) -> None:  # type: ignore[no-untyped-def]
    """When Chromium drops a connection while the development server streams a
    static file, the server thread may leave the file to the garbage
    collector; that is the test server's business, not the portal's."""
    unraisable = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(unraisable)
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
