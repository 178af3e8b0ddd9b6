"""Deployment settings an admin changes through the web pages.

Each setting has a default from the configuration (an environment
variable); a value saved by an admin is kept in the ``site_setting`` table
and wins. Reading a setting costs one query the first time in a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask import current_app, g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


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


SETTING_LABELS = {
    "pre_moderation": _l("Pre-moderation"),
    "answer_days": _l("Days the municipality has to answer a hand-over"),
}
VALUE_LABELS = {"pre_moderation": PRE_MODERATION_LABELS}


class SiteSetting(db.Model):
    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


@dataclass(frozen=True)
class Definition:
    config_key: str
    parse: type


DEFINITIONS = {
    "pre_moderation": Definition("PRE_MODERATION", PreModeration),
    "answer_days": Definition("ANSWER_DAYS", int),
}


def _stored() -> dict[str, str]:
    if has_request_context() and "site_settings" in g:
        return g.site_settings
    stored = dict(db.session.execute(select(SiteSetting.key, SiteSetting.value)).all())
    if has_request_context():
        g.site_settings = stored
    return stored


def get(key: str):  # type: ignore[no-untyped-def]
    definition = DEFINITIONS[key]
    raw = _stored().get(key)
    if raw is not None:
        try:
            return definition.parse(raw)
        except ValueError:
            pass  # a value from an older version: fall back to the default
    return definition.parse(current_app.config[definition.config_key])


def save(values: dict[str, object]) -> dict[str, tuple[str, str]]:
    """Store the given settings; returns {key: (old, new)} for those that changed."""
    changed = {}
    for key, value in values.items():
        old, new = str(get(key)), str(value)
        if old == new:
            continue
        row = db.session.get(SiteSetting, key)
        if row is None:
            db.session.add(SiteSetting(key=key, value=new))
        else:
            row.value = new
        changed[key] = (old, new)
    if has_request_context():
        g.pop("site_settings", None)
    return changed
