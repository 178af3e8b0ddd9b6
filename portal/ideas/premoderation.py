"""Pre-moderation: whether a moderator approves ideas before they are
published. A site setting the ideas domain defines (``settings.define``)."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal import settings


class PreModeration(StrEnum):
    OFF = "off"
    NEW_ACCOUNTS = "new_accounts"
    ALL = "all"


PRE_MODERATION_LABELS = {
    PreModeration.OFF: _l("Off: ideas are published at once"),
    PreModeration.NEW_ACCOUNTS: _l(
        "First ideas of new accounts: a moderator approves a citizen's ideas until one is approved"
    ),
    PreModeration.ALL: _l("All ideas: a moderator approves every idea before it is published"),
}

settings.define(
    "pre_moderation",
    "PRE_MODERATION",
    PreModeration,
    _l("Pre-moderation"),
    values=PRE_MODERATION_LABELS,
)
