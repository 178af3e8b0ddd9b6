"""Field validators and normalisers shared by the forms."""

from __future__ import annotations

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
# Names only the municipality may appear under, in every language: role and
# institution words, and (see ``reserved_names``) the site's name, the role
# names and the placeholder shown for deleted accounts, from the catalogues.
RESERVED_WORDS = (
    "admin",
    "administrator",
    "beheerder",
    "moderator",
    "official",
    "sagsbehandler",
    "saksbehandler",
    "ambtenaar",
    "behandelaar",
    "municipality",
    "kommune",
    "gemeente",
)
_TRANSLATED_RESERVED = (FORMER_PARTICIPANT, _l("Moderator"), _l("Official"), _l("Administrator"))
# "The moderator", "De gemeente"; "Kommunen", "Moderatoren", "Moderatorerne", "Admins".
_ARTICLES = ("", "the", "de", "het")
_ENDINGS = ("", "en", "et", "n", "t", "s", "er", "ne", "ene", "erne")


def forbidden_character(ch: str) -> bool:
    if ch in _EMOJI_GLUE:
        return False
    category = unicodedata.category(ch)
    if category == "Cn" and ord(ch) in _EMOJI_PLANE:
        return False
    return category in _FORBIDDEN_CATEGORIES


def as_text(value: object) -> str:
    """Whatever a request sent as a field (a JSON body may hold numbers,
    lists or null) as text: None becomes empty, anything else ``str()``, so
    validators answer with a form error instead of failing."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


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


def name_key(text: str) -> str:
    """A name as it reads: case, accents, punctuation and spaces left out
    ("Kommunen!", "kom-mu-nen" and "Kømmunen" give the same key)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_BASE_LETTERS))
    return "".join(ch for ch in decomposed if ch.isalnum())


def reserved_names() -> set[str]:
    """The keys (see ``name_key``) no display name may have."""
    words = {name_key(word) for word in RESERVED_WORDS}
    words.add(name_key(current_app.config["SITE_NAME"]))
    for locale in LOCALES:
        with force_locale(locale):
            words.update(name_key(str(name)) for name in _TRANSLATED_RESERVED)
    words.discard("")
    return {
        f"{article}{word}{ending}" for word in words for article in _ARTICLES for ending in _ENDINGS
    }


class NotReserved:
    """A display name must not pass for the municipality, its staff or a
    deleted account."""

    message = _l("This name is reserved. Please choose another.")

    def __call__(self, form: Form, field: Field) -> None:
        if name_key(as_text(field.data)) in reserved_names():
            raise ValidationError(self.message)


def optional_int(value: object) -> int | None:
    """Coerce a select's value to a row id, or None for anything else
    (also numbers no id column can hold)."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
