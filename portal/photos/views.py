"""Serving photos: from the portal's own origin, with the type of what was
decoded, kept long by browsers when public (a photo's file never changes:
a new photo has a new key)."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from portal import permissions
from portal.photos import queries
from portal.photos.addresses import photo_srcset, photo_url
from portal.photos.models import EXTENSIONS, SIZES
from portal.photos.storage import storage

bp = Blueprint("photos", __name__)
PUBLIC_PHOTO = "public, max-age=86400"


bp.add_app_template_global(photo_url)
bp.add_app_template_global(photo_srcset)


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
    # A file never changes, but a photo can be hidden: shared caches keep it a
    # day at most, so a face or a number plate a moderator hid goes soon.
    response.headers["Cache-Control"] = PUBLIC_PHOTO if public else "private, no-store"
    return response
