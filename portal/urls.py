"""Where to send people after an action."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths are followed; anything else goes to default."""
    if not target:
        return default
    target = target.strip()
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(ch) < 32 for ch in target)
    ):
        return default
    return target


def next_from_request(default: str) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), default)
