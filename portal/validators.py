"""Field validators and normalisers shared by the forms."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

# Control, format (zero-width, bidi), private-use and separator characters.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def normalise_text(value: str | None) -> str:
    """NFKC, so look-alike compositions compare equal; trimmed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def normalise_multiline(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n")).strip()


class PlainText:
    """One line of plain text without invisible or control characters."""

    message = _l("Please remove invisible or control characters.")

    def __call__(self, form: Form, field: Field) -> None:
        if any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in field.data or ""):
            raise ValidationError(self.message)
