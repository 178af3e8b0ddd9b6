"""The one place where user text becomes HTML: Markdown → bleach."""

from __future__ import annotations

from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

# Raw HTML in the source is shown as text, never passed through. Images are
# not embedded (no third-party requests from our pages): ![text](url) stays a link.
_markdown = MarkdownIt("js-default", {"linkify": False, "typographer": False}).disable("image")

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


# Cleans to the allow-list, turns bare URLs into links (not inside code) and
# marks every link as user-generated.
_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def _headings_to_bold(html: str) -> str:
    """A heading in user text would break the page's heading outline (and
    shout): it becomes a bold paragraph."""
    for level in range(1, 7):
        html = html.replace(f"<h{level}>", "<p><strong>").replace(f"</h{level}>", "</strong></p>")
    return html


def render_markdown(source: str) -> str:
    """Markdown source → safe HTML, to store next to the source."""
    html = _headings_to_bold(_markdown.render(source or ""))
    return _cleaner.clean(html).strip()
