"""Search results' snippets: a short piece of an idea's text around the
first word the search matched, with the matched words marked.

Words match as the search index matches them: at the start of a word, in
any case, accents ignored ("cafe" marks "Caféen"). The text is the idea's
rendered body as plain text; every piece of it is escaped, and only the
``<mark>`` elements this module writes are markup.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from portal.ideas.search import terms

LENGTH = 200  # characters of text a snippet shows at most
BEFORE = 60  # of them, at most this many before the first match


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (positions stay)."""
    return "".join(unicodedata.normalize("NFD", c)[0].lower()[:1] or c for c in text)


def _pattern(query: str) -> re.Pattern[str] | None:
    words = sorted({_fold(w) for w in terms(query)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*")


def _window(text: str, first: int) -> tuple[int, int]:
    """Where the snippet starts and ends: around ``first``, cut at spaces."""
    start = max(0, first - BEFORE)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + LENGTH)
    if end < len(text):
        space = text.rfind(" ", start + 1, end)
        end = space if space > first else end
    return start, end


def snippet(body_html: str, query: str) -> Markup:
    """The snippet of one idea's text for ``query``."""
    text = " ".join(Markup(body_html).striptags().split())  # noqa: S704 - to plain text
    pattern = _pattern(query)
    folded = _fold(text)
    found = list(pattern.finditer(folded)) if pattern else []
    start, end = _window(text, found[0].start() if found else 0)
    pieces, at = [], start
    for match in found:
        if match.start() < at or match.end() > end:
            continue
        pieces += [
            escape(text[at : match.start()]),
            Markup("<mark>%s</mark>") % text[match.start() : match.end()],
        ]
        at = match.end()
    pieces.append(escape(text[at:end]))
    return Markup("%s%s%s") % (
        "… " if start else "",
        Markup("").join(pieces),
        " …" if end < len(text) else "",
    )
