"""How a page looks when its link is shared (a Facebook group, a local
news site, a chat): the Open Graph and Twitter card tags, and the share
row under it. No third-party button or script: a link to copy, a mail to
write, and the browser's own share sheet where it has one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from flask import Flask, current_app
from markupsafe import Markup

from portal.i18n import locale_code
from portal.urls import absolute_url, canonical_path

TEXT_MAX = 200  # characters of the page's text a preview shows
# og:locale wants a territory: the portal's languages as a municipality writes them.
OG_LOCALES = {"da": "da_DK", "nb": "nb_NO", "nl": "nl_NL", "en": "en_GB"}


@dataclass(frozen=True)
class Shared:
    title: str
    text: str  # plain, at most TEXT_MAX characters
    url: str  # the page's canonical address (no ?lang=, no page number)
    image: str  # an address anyone can fetch: the first photo, or the portal's image
    image_alt: str
    image_size: tuple[int, int] | None  # width and height, when known
    image_type: str | None
    photo: bool  # a photo of the content (a large card) rather than the logo

    @property
    def locale(self) -> str:
        # Only the page's own language: a crawler asking for another gets
        # this one (the language comes from the reader, not the address).
        return OG_LOCALES[locale_code()]

    @property
    def mail_link(self) -> str:
        return f"mailto:?subject={quote(self.title)}&body={quote(self.url)}"


HEADING = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.DOTALL | re.IGNORECASE)
# The picture shown when a page has no photo (SHARE_IMAGE): its size and type.
FALLBACK_SIZE, FALLBACK_TYPE = (1200, 630), "image/png"


def shortened(text: str, most: int = TEXT_MAX) -> str:
    """Plain text from ``text`` (HTML or not) without its headings, cut at a
    word to ``most`` characters."""
    text = HEADING.sub(" ", text)
    plain = " ".join(Markup(text).striptags().split())  # noqa: S704 - to plain text, escaped when shown
    if len(plain) <= most:
        return plain
    cut = plain[: most - 1]
    if plain[most - 1] != " ":  # the cut fell inside a word: leave it out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def shared(
    title: str,
    text: str,
    image: str | None = None,
    image_alt: str = "",
    image_size: tuple[int, int] | None = None,
    image_type: str | None = None,
) -> Shared:
    """What a shared link of this page shows; ``image`` is the address of the
    content's photo (else the portal's picture, SHARE_IMAGE)."""
    url = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + urlsplit(canonical_path()).path
    if image is None:
        image = absolute_url("static", filename=current_app.config["SHARE_IMAGE"])
        return Shared(title, shortened(text), url, image, current_app.config["SITE_NAME"],
                      FALLBACK_SIZE, FALLBACK_TYPE, photo=False)  # fmt: skip
    return Shared(title, shortened(text), url, image, image_alt, image_size, image_type, photo=True)


def init_app(app: Flask) -> None:
    app.add_template_global(shared)
