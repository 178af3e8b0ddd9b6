"""Read side of photos."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal import permissions
from portal.extensions import db
from portal.ideas.models import Idea
from portal.photos.addresses import photo_url
from portal.photos.models import EXTENSIONS, SIZES, Photo
from portal.photos.storage import storage


def of_idea(idea: Idea, with_hidden: bool = False) -> list[Photo]:
    """The idea's photos in their order; hidden ones only when asked (moderators)."""
    stmt = select(Photo).where(Photo.idea_id == idea.id).order_by(Photo.position, Photo.id)
    if not with_hidden:
        stmt = stmt.where(Photo.visible)
    return list(db.session.scalars(stmt))


def of_ideas(idea_ids: list[int]) -> dict[int, list[Photo]]:
    """The visible photos of each of these ideas, in one query (the queue)."""
    found: dict[int, list[Photo]] = {i: [] for i in idea_ids}
    stmt = (
        select(Photo)
        .where(Photo.idea_id.in_(idea_ids), Photo.visible)
        .order_by(Photo.idea_id, Photo.position, Photo.id)
    )
    for photo in db.session.scalars(stmt):
        found[photo.idea_id].append(photo)
    return found


def by_key(key: str) -> Photo | None:
    """The photo with this key, with its idea (None when there is no such photo)."""
    return db.session.scalar(
        select(Photo).where(Photo.key == key[:32]).options(joinedload(Photo.idea))
    )


def export_of(user: object) -> list[dict[str, object]]:
    """The photos a person uploaded, for their data download (with the
    address of each; the download itself holds no image)."""
    photos = db.session.scalars(
        select(Photo).where(Photo.uploader_id == user.id).order_by(Photo.id)  # type: ignore[attr-defined]
    )
    return [
        {
            "idea": photo.idea_id,
            "description": photo.description,
            "uploaded": photo.created_at.isoformat(),
            "hidden_by_moderator": photo.hidden_reason if photo.is_hidden else None,
            "url": photo_url(photo, external=True),
        }
        for photo in photos
    ]


def public_file(key: str, size: str, ext: str) -> tuple[bytes, str] | None:
    """The file of a photo a visitor may see, and its type; None for any
    other (for reports, which fetch only what is public)."""
    photo = by_key(key)
    if (
        photo is None
        or size not in SIZES
        or EXTENSIONS[photo.format] != ext
        or not permissions.can_view_photo(None, photo)  # what a visitor may see
    ):
        return None
    name = photo.file_name(size)
    files = storage()
    return (files.read(name), photo.content_type) if files.exists(name) else None
