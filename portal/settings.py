"""Deployment settings an admin changes through the web pages.

The domains define their settings (``define``); each has a default from the
configuration (an environment variable), and a value saved by an admin is
kept in the ``site_setting`` table and wins. Reading a setting costs one
query the first time in a request. The admins' form has one field per
definition, made by the definition (``form_field``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flask import current_app, g, has_request_context
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import Field, RadioField, SelectChoice
from wtforms.validators import InputRequired

from portal.extensions import db
from portal.forms import NOT_A_CHOICE


class SiteSetting(db.Model):
    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


@dataclass(frozen=True)
class Definition:
    config_key: str  # the configuration value that is the default
    parse: Callable[[str], object]
    label: object  # what the admins' page and the log call it
    values: Mapping[object, object] | None = None  # labels of the values, if a choice
    field: Callable[[], Field] | None = None  # the form field, if not a choice of ``values``

    def form_field(self) -> Field:
        """The (unbound) field that edits it: the definition's own, or one
        radio button per value."""
        if self.field is not None:
            return self.field()
        return RadioField(
            self.label,
            choices=[SelectChoice(str(v), text) for v, text in (self.values or {}).items()],
            validators=[InputRequired(NOT_A_CHOICE)],
            invalid_choice_message=NOT_A_CHOICE,
        )

    def to_form(self, value: object) -> object:
        return str(value) if self.values is not None else value

    def from_form(self, data: object) -> object:
        return self.parse(str(data))


# Filled by the domains that own the settings (``define``): the core knows none.
DEFINITIONS: dict[str, Definition] = {}
SETTING_LABELS: dict[str, object] = {}
VALUE_LABELS: dict[str, Mapping[object, object]] = {}


def define(
    key: str,
    config_key: str,
    parse: Callable[[str], object],
    label: object,
    values: Mapping[object, object] | None = None,
    field: Callable[[], Field] | None = None,
) -> None:
    """A setting admins change on /admin/settings, with its default in the
    configuration (``config_key``): a choice of ``values`` (their labels),
    or edited by the ``field`` the factory makes."""
    DEFINITIONS[key] = Definition(config_key, parse, label, values, field)
    SETTING_LABELS[key] = label
    if values is not None:
        VALUE_LABELS[key] = values


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
