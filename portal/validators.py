"""Field validators and normalisers shared by the forms."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

# Control, format (zero-width, bidi), private-use and separator characters...
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# ...except what emoji are made of: the zero-width joiner and variation
# selectors, and emoji newer than this Python's Unicode tables.
_EMOJI_GLUE = {"\u200d", "\ufe0e", "\ufe0f"}
_EMOJI_PLANE = range(0x1F000, 0x1FB00)


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
    """Plain text without invisible or control characters: one line, or
    (``multiline=True``) lines, which a text area's line breaks separate."""

    message = _l("Please remove invisible or control characters.")

    def __init__(self, multiline: bool = False) -> None:
        self.allowed = frozenset("\r\n") if multiline else frozenset()

    def __call__(self, form: Form, field: Field) -> None:
        text = field.data or ""
        if any(forbidden_character(ch) for ch in text if ch not in self.allowed):
            raise ValidationError(self.message)


def optional_int(value: object) -> int | None:
    """Coerce a select's value to a row id, or None for anything else
    (also numbers no id column can hold)."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
