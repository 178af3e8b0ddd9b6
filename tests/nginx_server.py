"""deploy/nginx/portal.conf, run by a real nginx on 127.0.0.1 in front of
real gunicorn nodes: the site file as shipped, with only what is local
replaced (ports, the certificate, the checkout's path, the upstreams)."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "portal.conf"
SERVER_NAME = "ideer.solbjerg.dk"
MIME_TYPES = "/etc/nginx/mime.types"  # Debian's nginx.conf includes it too


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.skip("nginx is not installed (make test installs the nginx package)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (it makes the test certificate)")
    return found


def local_site(upstreams: list[str], http_port: int, https_port: int, folder: Path) -> str:
    """The shipped site with this machine's ports, certificate and paths."""
    site = SITE.read_text()
    servers = "\n".join(f"    server {upstream};" for upstream in upstreams)
    site = re.sub(
        r"upstream portal \{[^}]*\}", f"upstream portal {{\n{servers}\n    keepalive 16;\n}}", site
    )
    site = re.sub(r"\n\s*listen \[::\]:[^;]*;", "", site)
    site = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", site)
    site = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", site)
    # Here the portal's address is 127.0.0.1 (what make cluster prints): the
    # site answers that name besides its own, and still closes every other.
    site = site.replace(f"server_name {SERVER_NAME};", f"server_name {SERVER_NAME} 127.0.0.1;")
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {folder / 'cert.pem'};", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {folder / 'key.pem'};", site)
    return site.replace("/srv/portal/static/", f"{ROOT / 'static'}/")


def main_config(site: Path, folder: Path) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    include {MIME_TYPES};\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {site};\n}}\n"
    )


def _certificate(folder: Path) -> None:
    subprocess.run(  # noqa: S603 - a fixed command line
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",  # noqa: S607
         "-subj", f"/CN={SERVER_NAME}", "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip


def prepare(upstreams: list[str], folder: Path) -> tuple[Path, int, int]:
    """Write the configuration; returns (nginx.conf, http port, https port)."""
    folder.mkdir(parents=True, exist_ok=True)
    _certificate(folder)
    http_port, https_port = free_port(), free_port()
    site = folder / "portal.conf"
    site.write_text(local_site(upstreams, http_port, https_port, folder))
    config = folder / "nginx.conf"
    config.write_text(main_config(site, folder))
    return config, http_port, https_port


@contextlib.contextmanager
def nginx(upstreams: list[str], folder: Path) -> Iterator[str]:
    """nginx running the site; yields its https base URL."""
    binary = nginx_binary()
    config, _http, https_port = prepare(upstreams, folder)
    prefix = ["-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    subprocess.run([binary, *prefix, "-t"], check=True, capture_output=True)  # noqa: S603
    subprocess.run([binary, *prefix], check=True, capture_output=True)  # noqa: S603
    try:
        for _ in range(50):
            if (folder / "nginx.pid").exists():
                break
            time.sleep(0.1)
        yield f"https://127.0.0.1:{https_port}"
    finally:
        subprocess.run([binary, *prefix, "-s", "stop"], capture_output=True, check=False)  # noqa: S603


def opener(*handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """HTTPS that accepts the test certificate (and ``handlers``: a cookie
    jar, a redirect handler that replaces the default one)."""
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), *handlers)
