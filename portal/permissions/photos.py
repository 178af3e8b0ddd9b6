"""Who may see and handle photos on ideas. Part of ``portal.permissions``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.permissions import can_view_idea, is_authenticated, is_moderator

if TYPE_CHECKING:
    from portal.photos.models import Photo


def can_view_photo(user: Any, photo: Photo) -> bool:
    """A photo not yet on an idea is its uploader's alone; a hidden one is
    seen by moderators and its uploader; any other by whoever may see its idea."""
    own = is_authenticated(user) and photo.uploader_id == user.id
    if photo.idea is None:
        return own
    if photo.is_hidden:
        return is_moderator(user) or own
    return can_view_idea(user, photo.idea)


def can_hide_photo(user: Any, photo: Photo) -> bool:
    return is_moderator(user) and photo.idea_id is not None and not photo.is_hidden


def can_unhide_photo(user: Any, photo: Photo) -> bool:
    return is_moderator(user) and photo.is_hidden
