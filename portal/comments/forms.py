from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, HiddenField, TextAreaField
from wtforms.validators import DataRequired, StopValidation

from portal.comments.models import COMMENT_MAX
from portal.comments.services import PARENT_GONE
from portal.forms import REQUIRED, TOO_LONG, Length
from portal.validators import normalise_multiline

# A comment id as the reply forms send it: ASCII digits, within the INTEGER range.
_PARENT_ID = re.compile(r"[0-9]{1,9}")


# What a value that cannot name a comment becomes (it fails ``_PARENT_ID``).
_NOT_AN_ID = "-"


def parent_id_text(value: object) -> str:
    """The reply target as text. A JSON body may send any type: a string, or
    an integer as its digits, can name a comment; anything else (true, 1.5,
    lists, objects) cannot, and fails validation."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _NOT_AN_ID


class ParentIdField(HiddenField):
    """The id of the comment replied to, as text ("" for a new comment)."""

    def process_formdata(self, valuelist: list) -> None:
        if valuelist:
            # Several values (a JSON list, a repeated field) name no comment.
            self.data = valuelist[0] if len(valuelist) == 1 else _NOT_AN_ID


def valid_parent_id(form: Form, field: Field) -> None:
    """Empty (a new comment) or a plain comment id; any other value (spaces,
    signs, decimals, huge numbers, other JSON types) gets the "no longer
    available" answer."""
    if field.data and not _PARENT_ID.fullmatch(field.data):
        raise StopValidation(str(PARENT_GONE))


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"),
        description=_l("Be kind and stay on topic. You can use Markdown."),
        validators=[
            DataRequired(REQUIRED),
            Length(max=COMMENT_MAX, message=TOO_LONG),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 5},
    )
    parent_id = ParentIdField(validators=[valid_parent_id], filters=[parent_id_text])

    def reply_to(self) -> int | None:
        """The id of the comment replied to (after validation), None for a new comment."""
        return int(self.parent_id.data) if self.parent_id.data else None
