"""Fingerprints: of records (``of_content``: the same fields give the same
SHA-256), and of files, by what they hold, never when or where they were
written, so that every node's checkout of the same release agrees (a shared
cache then serves each node's pages, reports and static addresses alike).

A file is read again only when its size or modification time changes; with
``recheck=False`` (production: files change only with a new release, which
restarts the processes) not even that is looked at again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

_KNOWN: dict[Path, tuple[int, int, str]] = {}


def of_content(content: dict[str, object]) -> str:
    """The SHA-256 (hex) of a record: its fields as sorted, compact JSON in
    UTF-8, so that the same content always gives the same fingerprint (the
    moderation log's entries, the versions of what people write)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def of_file(path: Path, recheck: bool = True) -> str:
    """The SHA-256 of the file's content (hex); OSError when it is missing."""
    known = _KNOWN.get(path)
    if known is not None and not recheck:
        return known[2]
    stat = path.stat()
    if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
        known = (stat.st_mtime_ns, stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
        _KNOWN[path] = known
    return known[2]


def of_tree(root: Path, folders: Iterable[str], suffixes: frozenset[str]) -> str:
    """One fingerprint of every file under ``root/folder`` whose suffix is
    in ``suffixes``: their paths relative to ``root`` and their contents."""
    lines = [
        f"{path.relative_to(root).as_posix()}:{of_file(path)}"
        for folder in folders
        for path in sorted((root / folder).rglob("*"))
        if path.suffix in suffixes and path.is_file()
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
