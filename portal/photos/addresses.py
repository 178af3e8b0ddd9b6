"""The addresses of a photo's files, for pages, feeds and reports."""

from __future__ import annotations

from flask import url_for

from portal.photos.models import EXTENSIONS, SIZES, Photo
from portal.urls import absolute_url


def photo_url(photo: Photo, size: str = "large", external: bool = False) -> str:
    """The path (for pages), or with ``external`` the whole address from
    PUBLIC_BASE_URL (for feeds, mails, shared links and reports)."""
    values = {"key": photo.key, "size": size, "ext": EXTENSIONS[photo.format]}
    return absolute_url("photos.file", **values) if external else url_for("photos.file", **values)


def photo_srcset(photo: Photo) -> str:
    """Every size, for the browser to pick the one the screen needs."""
    return ", ".join(f"{photo_url(photo, size)} {photo.dimensions(size)[0]}w" for size in SIZES)
