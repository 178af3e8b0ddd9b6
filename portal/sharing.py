"""How a page looks when its link is shared (a Facebook group, a local
news site, a chat): the Open Graph and Twitter card tags, and the share
row under it. No third-party button or script: a link to copy, a mail to
write, and the browser's own share sheet where it has one."""

from __future__ import annotations

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
    photo: bool  # a photo of the content (a large card) rather than the logo

    @property
    def locale(self) -> str:
        return OG_LOCALES[locale_code()]

    @property
    def other_locales(self) -> list[str]:
        return [og for code, og in OG_LOCALES.items() if code != locale_code()]

    @property
    def mail_link(self) -> str:
        return f"mailto:?subject={quote(self.title)}&body={quote(self.url)}"


def shortened(text: str, most: int = TEXT_MAX) -> str:
    """Plain text from ``text`` (HTML or not), cut at a word to ``most`` characters."""
    plain = " ".join(Markup(text).striptags().split())  # noqa: S704 - to plain text, escaped when shown
    if len(plain) <= most:
        return plain
    cut = plain[: most - 1]
    if plain[most - 1] != " ":  # the cut fell inside a word: leave it out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def shared(title: str, text: str, image: str | None = None, image_alt: str = "") -> Shared:
    url = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + urlsplit(canonical_path()).path
    fallback = absolute_url("static", filename=current_app.config["SHARE_IMAGE"])
    return Shared(
        title=title,
        text=shortened(text),
        url=url,
        image=image or fallback,
        image_alt=image_alt if image else current_app.config["SITE_NAME"],
        photo=image is not None,
    )


def init_app(app: Flask) -> None:
    app.add_template_global(shared)
