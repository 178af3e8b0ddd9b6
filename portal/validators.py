"""Field validators and normalisers shared by the forms."""

from __future__ import annotations

import re
import unicodedata

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

from portal.accounts.models import FORMER_PARTICIPANT
from portal.i18n import LOCALES

# Control, format (zero-width, bidi), private-use and separator characters...
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# ...except what emoji are made of: the zero-width joiner and variation
# selectors, and emoji newer than this Python's Unicode tables.
_EMOJI_GLUE = {"\u200d", "\ufe0e", "\ufe0f"}
_EMOJI_PLANE = range(0x1F000, 0x1FB00)
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


def forbidden_character(ch: str) -> bool:
    if ch in _EMOJI_GLUE:
        return False
    category = unicodedata.category(ch)
    if category == "Cn" and ord(ch) in _EMOJI_PLANE:
        return False
    return category in _FORBIDDEN_CATEGORIES


def as_text(value: object) -> str:
    """Whatever a request sent as a field as text: a JSON body may hold
    numbers (read as their digits), or true, null, lists and objects, which
    are no text at all: empty, so a required field says so instead of
    storing "True" or "{'a': 1}"."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def normalise_text(value: object) -> str:
    """NFKC, so look-alike compositions compare equal; trimmed."""
    return unicodedata.normalize("NFKC", as_text(value)).strip()


def normalise_multiline(value: object) -> str:
    """NFC, Unix line ends, no NUL (which no database text column takes)."""
    text = as_text(value).replace("\r\n", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text).strip()


class PlainText:
    """One line of plain text without invisible or control characters."""

    message = _l("Please remove invisible or control characters.")

    def __call__(self, form: Form, field: Field) -> None:
        if any(forbidden_character(ch) for ch in field.data or ""):
            raise ValidationError(self.message)


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


def optional_int(value: object) -> int | None:
    """Coerce a select's value to a row id, or None for anything else
    (also numbers no id column can hold)."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
