"""Read side of areas: the list admins keep, in their order."""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy import Select, select

from portal.areas.models import Area
from portal.extensions import db

SLUG = re.compile(r"[a-z0-9-]{1,40}")


@cache
def _areas_statement() -> Select:
    return select(Area).order_by(Area.position, Area.id)


def areas() -> list[Area]:
    return list(db.session.scalars(_areas_statement()))


def area_by_slug(slug: str | None) -> Area | None:
    if not slug or not SLUG.fullmatch(slug):
        return None
    return db.session.scalar(select(Area).where(Area.slug == slug))
