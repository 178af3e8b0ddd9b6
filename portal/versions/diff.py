"""A readable word-level difference between two versions of a text:
removed words struck through, added ones marked, the rest as it was.
Everything is escaped; the result is markup only through ``<del>`` and
``<ins>``, which screen readers announce (the page explains them).

Comparing is quadratic at worst, so it is bounded: lines are compared
first (a text has at most a few hundred), and only a changed block of at
most ``MAX_TOKENS`` words and spaces a side is compared word by word;
a larger one is shown removed and added whole."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
MAX_TOKENS = 400


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _marked(old: list[str], new: list[str], parts: list[str], lines: bool = False) -> None:
    """The difference of two lists of pieces (words, or with ``lines``
    lines whose changed blocks are then compared word by word), as escaped
    markup."""
    for op, a1, a2, b1, b2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(old[a1:a2]))))
            continue
        removed, added = "".join(old[a1:a2]), "".join(new[b1:b2])
        if op == "replace" and lines:
            words_old, words_new = _tokens(removed), _tokens(added)
            if max(len(words_old), len(words_new)) <= MAX_TOKENS:
                _marked(words_old, words_new, parts)
                continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")


def word_diff(before: str, after: str) -> Markup:
    parts: list[str] = []
    old, new = (before or "").splitlines(keepends=True), (after or "").splitlines(keepends=True)
    if len(old) == len(new) == 1:  # one line each (a title): words, if not too many
        words_old, words_new = _tokens(before), _tokens(after)
        if max(len(words_old), len(words_new)) <= MAX_TOKENS:
            _marked(words_old, words_new, parts)
            return Markup("".join(parts))  # noqa: S704 - every piece escaped
    _marked(old, new, parts, lines=True)
    return Markup("".join(parts))  # noqa: S704 - every piece escaped
