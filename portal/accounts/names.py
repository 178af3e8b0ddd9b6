"""Display names that could pass for the municipality, its staff or a
deleted account are refused, in every language."""

from __future__ import annotations

import re
import unicodedata

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

from portal.accounts.models import FORMER_PARTICIPANT
from portal.i18n import LOCALES
from portal.validators import as_text

# Words only the municipality may appear under, in every language: roles,
# moderation, staff, the municipality, its council and mayor. No display name may
# hold one as a word (see ``is_reserved_name``), nor the role names from the
# catalogues; nor contain the site's name or the placeholder shown for
# deleted accounts. ("raad" alone is a first name, so only "gemeenteraad".)
RESERVED_WORDS = (
    "admin",
    "administrator",
    "beheerder",
    "moderator",
    "moderation",
    "moderering",
    "moderatie",
    "official",
    "sagsbehandler",
    "saksbehandler",
    "ambtenaar",
    "ambtenaren",
    "behandelaar",
    "municipality",
    "kommune",
    "gemeente",
    "council",
    "byråd",
    "kommunalbestyrelse",
    "kommunestyre",
    "bystyre",
    "gemeenteraad",
    "gemeenteraden",
    "mayor",
    "borgmester",
    "burgemeester",
    "wethouder",
)
_ROLE_NAMES = (_l("Moderator"), _l("Official"), _l("Administrator"))
# "Kommunen", "Byrådet", "Moderatoren", "Moderatorerne", "Kommunens", "Admins".
_ENDINGS = (
    *("", "n", "t", "s", "r", "en", "et", "er", "ne", "ns", "ts", "es", "rs"),
    *("ene", "ens", "ets", "ers", "rne", "nes", "erne", "rnes", "enes", "ernes"),
)
# "The moderator" or "De gemeente" written as one word.
_ARTICLES = ("", "the", "de", "het")
# A placeholder this short is refused only as the whole name, not inside one.
_MIN_CONTAINED = 4


# Letters with a stroke or ligatures, which Unicode does not decompose.
_BASE_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "đ": "d", "þ": "th", "ł": "l", "ı": "i"}
)


def _plain(text: str) -> str:
    """Case and accents left out: "Byrådet" reads "byradet", "Sørensen" "sorensen"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_BASE_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """A name as it reads: case, accents, punctuation and spaces left out
    ("Kommunen!", "kom-mu-nen" and "Kømmunen" give the same key)."""
    return "".join(ch for ch in _plain(text) if ch.isalnum())


def name_words(text: str) -> list[str]:
    """A name's words as ``name_key`` reads them; digits are words of their
    own ("Jens (Moderator1)" gives jens, moderator, 1)."""
    return re.findall(r"[^\W\d_]+|\d+", _plain(text))


def _reserved() -> tuple[set[str], set[str]]:
    """The words (with every ending) no display name may hold, and the keys
    (see ``name_key``) no display name may contain."""
    words = {name_key(word) for word in RESERVED_WORDS}
    contained = {name_key(current_app.config["SITE_NAME"])}
    for locale in LOCALES:
        with force_locale(locale):
            contained.add(name_key(str(FORMER_PARTICIPANT)))
            for role in map(str, _ROLE_NAMES):
                (words if len(name_words(role)) == 1 else contained).add(name_key(role))
    words.discard("")
    contained.discard("")
    return {word + ending for word in words for ending in _ENDINGS}, contained


def is_reserved_name(name: str) -> bool:
    """Whether a display name could pass for the municipality, its staff or
    a deleted account: a reserved word as any of its words ("Jens
    (moderator)", "Kommunen Solbjerg"), or the whole name spelt out as one
    ("A.d.m.i.n", "De-Gemeente"), or the site's name or the placeholder of
    deleted accounts inside it."""
    words, contained = _reserved()
    if any(word in words for word in name_words(name)):
        return True
    key = name_key(name)
    if any(key.startswith(article) and key[len(article) :] in words for article in _ARTICLES):
        return True
    return any(key == part or (len(part) >= _MIN_CONTAINED and part in key) for part in contained)


class NotReserved:
    """A display name must not pass for the municipality, its staff or a
    deleted account."""

    message = _l("This name is reserved. Please choose another.")

    def __call__(self, form: Form, field: Field) -> None:
        if is_reserved_name(as_text(field.data)):
            raise ValidationError(self.message)
