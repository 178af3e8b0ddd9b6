"""Serving photos: from the portal's own origin, with the type of what was
decoded, kept long by browsers when public (a photo's file never changes:
a new photo has a new key)."""

from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_login import current_user

from portal import permissions
from portal.photos import queries
from portal.photos.models import EXTENSIONS, SIZES, Photo
from portal.photos.storage import storage
from portal.security import IMMUTABLE

bp = Blueprint("photos", __name__)


@bp.app_template_global()
def photo_url(photo: Photo, size: str = "large", external: bool = False) -> str:
    return url_for(
        "photos.file", key=photo.key, size=size, ext=EXTENSIONS[photo.format], _external=external
    )


@bp.app_template_global()
def photo_srcset(photo: Photo) -> str:
    """Every size, for the browser to pick the one the screen needs."""
    return ", ".join(f"{photo_url(photo, size)} {photo.dimensions(size)[0]}w" for size in SIZES)


@bp.route("/photos/<key>/<size>.<ext>")
def file(key: str, size: str, ext: str):  # type: ignore[no-untyped-def]
    photo = queries.by_key(key)
    if (
        photo is None
        or size not in SIZES
        or EXTENSIONS[photo.format] != ext
        or not permissions.can_view_photo(current_user, photo)
    ):
        abort(404)
    files, name = storage(), photo.file_name(size)
    if not files.exists(name):
        abort(404)
    response = files.response(name, photo.content_type)
    public = photo.idea is not None and not photo.is_hidden and photo.idea.is_public
    response.headers["Cache-Control"] = IMMUTABLE if public else "private, no-store"
    return response
