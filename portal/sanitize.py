"""The one place where user text becomes HTML: Markdown → bleach.

Rendering costs time that grows faster than the text for some shapes (a
run of ``[`` makes markdown-it rescan for link labels; thousands of ``*``
or tags make bleach's HTML parser crawl). So the cost is bounded by the
shape of the input before anything is parsed: a text with more markup
characters or lines than a person writes (``MARKUP_BUDGET``,
``LINE_BUDGET``) is shown as plain text, escaped, its paragraphs and line
breaks kept; nesting is capped (``MAX_NESTING``). The worst text of the
largest allowed size renders in a few tens of milliseconds
(``tests/test_sanitize.py`` measures it).
"""

from __future__ import annotations

import html
import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

# Raw HTML in the source is shown as text, never passed through. Images are
# not embedded (no third-party requests from our pages): ![text](url) stays a link.
MAX_NESTING = 20
_markdown = MarkdownIt(
    "js-default", {"linkify": False, "typographer": False, "maxNesting": MAX_NESTING}
).disable("image")

# Characters that open or close Markdown or HTML constructs, or that become
# entities ("), which the HTML parser pays for one by one; a person's text
# has a few dozen, a hostile one thousands.
MARKUP_CHARACTERS = re.compile(r"[\[\]*_`<>!&~|()#\\\"]")
MARKUP_BUDGET = 500
LINE_BUDGET = 400

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote",
        "code", "pre", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


# Bare addresses become links when they say they are one: ``https://…``,
# ``http://…`` or ``www.…``. (bleach's own pattern also links bare domains,
# and backtracks for seconds on text such as "a-b." repeated.) One pass,
# no nested repetition: linear in the text.
BARE_URL = re.compile(r"""\(*\b(?:https?://|www\.)[^\s<>"'`{}|\\^]+""", re.IGNORECASE)

# Cleans to the allow-list, turns bare URLs into links (not inside code) and
# marks every link as user-generated.
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[
        partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, url_re=BARE_URL)
    ],
)


def _headings_to_bold(html: str) -> str:
    """A heading in user text would break the page's heading outline (and
    shout): it becomes a bold paragraph."""
    for level in range(1, 7):
        html = html.replace(f"<h{level}>", "<p><strong>").replace(f"</h{level}>", "</strong></p>")
    return html


def within_budget(source: str) -> bool:
    """Whether the text's shape keeps Markdown rendering cheap."""
    return (
        source.count("\n") <= LINE_BUDGET
        and len(MARKUP_CHARACTERS.findall(source)) <= MARKUP_BUDGET
    )


def _plain(source: str) -> str:
    """Escaped text in paragraphs with line breaks (linear in the text)."""
    paragraphs = re.split(r"\n\s*\n", source.replace("\r\n", "\n").strip())
    return "\n".join(
        "<p>" + html.escape(p.strip()).replace("\n", "<br>\n") + "</p>" for p in paragraphs if p
    )


def render_markdown(source: str) -> str:
    """Markdown source → safe HTML, to store next to the source."""
    source = source or ""
    if not within_budget(source):
        return _plain(source)
    rendered = _headings_to_bold(_markdown.render(source))
    return _cleaner.clean(rendered).strip()
