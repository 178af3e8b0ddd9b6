"""The area field of the idea form, and the setting that may require it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from portal import settings
from portal.areas import queries
from portal.areas.models import Area
from portal.forms import RowField


class AreaChoice(StrEnum):
    OPTIONAL = "optional"
    REQUIRED = "required"


settings.define(
    "idea_area",
    "IDEA_AREA",
    AreaChoice,
    _l("Area of an idea"),
    values={
        AreaChoice.OPTIONAL: _l("Optional: a citizen may name the area an idea is about"),
        AreaChoice.REQUIRED: _l("Required: every new or edited idea names an area"),
    },
)

NO_AREA = "none"
CHOOSE_AREA = _l("Please choose an area.")


def area_field() -> RowField:
    return RowField(
        _l("Area"),
        CHOOSE_AREA,
        prompt=_l("No particular area"),
        all_value=NO_AREA,
        description=_l("The part of the municipality your idea is about, if it is about one."),
    )


class ChoosesArea:
    """A form with an ``area`` select offering the municipality's areas
    (``form.area.chosen``: the one picked, None for none in particular).
    When the portal has no areas the field is not shown and means none;
    when an admin requires an area, "none in particular" is refused."""

    area: RowField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area.offer(queries.areas())
        given = self.area.data  # an edited idea's own area (``obj=``) when nothing was sent
        if not self.offers_areas or (given is None and not self.area.raw_data):
            self.area.data = NO_AREA  # (a value sent that names no area stays refused)
        elif isinstance(given, Area):
            self.area.data = given.id
        if self.area_required:
            self.area.choices[0].label = _l("Choose an area")
            self.area.description = _l("The part of the municipality your idea is about.")

    @property
    def offers_areas(self) -> bool:
        return bool(self.area.rows)

    @property
    def area_required(self) -> bool:
        return self.offers_areas and settings.get("idea_area") == AreaChoice.REQUIRED

    def validate_area(self, field: RowField) -> None:
        if field.chosen is None and self.area_required:
            raise ValidationError(str(CHOOSE_AREA))
