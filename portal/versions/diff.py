"""A readable word-level difference between two versions of a text:
removed words struck through, added ones marked, the rest as it was.
Everything is escaped; the result is markup only through ``<del>`` and
``<ins>``, which screen readers announce (the page explains them)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def word_diff(before: str, after: str) -> Markup:
    old, new = _tokens(before), _tokens(after)
    parts: list[str] = []
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(old[a1:a2]))))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return Markup("".join(parts))  # noqa: S704 - every piece escaped above
