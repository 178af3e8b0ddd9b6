"""Photos: uploading (before the idea exists, or while the author may
still edit it), describing, ordering, removing and hiding them.

Files are written before the transaction commits and removed after it:
a rolled-back upload takes its files with it, and a removed photo's files
go only once its row is gone for good (``hooks.after_commit``)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import partial

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.extensions import db
from portal.hooks import after_commit, content_withdrawn
from portal.ideas.models import Idea
from portal.mail import queue_mail
from portal.photos import images
from portal.photos.models import SIZES, Photo
from portal.photos.storage import Storage, storage
from portal.timeutil import utcnow
from portal.urls import absolute_url

PER_IDEA = 4
# Photos one person may have waiting in forms not yet sent: a form that keeps
# failing cannot fill the disk.
MOST_WAITING = 8
# Photos uploaded with a form that was never sent are deleted after this.
UNATTACHED_KEPT = timedelta(days=1)


def upload(user: User, data: bytes, description: str = "") -> Photo:
    """A photo waiting for its idea, seen by ``user`` only; or ``ImageRefused``."""
    encoded = images.encode(data, SIZES)
    photo = Photo(
        key=secrets.token_urlsafe(16),
        uploader_id=user.id,
        description=description,
        format=encoded.format,
        width=encoded.width,
        height=encoded.height,
    )
    files = storage()
    for size, content in encoded.sizes.items():
        name = photo.file_name(size)
        _written(files, name)
        files.save(name, content)
    db.session.add(photo)
    db.session.flush()
    return photo


def waiting(user: User) -> int:
    """How many photos ``user`` uploaded that are on no idea yet."""
    return db.session.scalar(
        select(func.count(Photo.id)).where(Photo.uploader_id == user.id, Photo.idea_id.is_(None))
    )


def attach(idea: Idea, photos: list[tuple[Photo, str]]) -> bool:
    """Give the idea these photos with these descriptions, in this order
    (its earlier visible ones not among them are removed; one a moderator
    hid stays), and choose the one lists show; whether that changed anything."""
    keep = {photo.id for photo, _ in photos}
    changed = False
    for old in db.session.scalars(select(Photo).where(Photo.idea_id == idea.id, Photo.visible)):
        if old.id not in keep:
            remove(old)
            changed = True
    for position, (photo, description) in enumerate(photos):
        now = (idea.id, position, description)
        changed = changed or (photo.idea_id, photo.position, photo.description) != now
        photo.idea_id, photo.position, photo.description = now
    db.session.flush()
    choose_cover(idea.id)
    return changed


def has_any(idea: Idea) -> bool:
    """Whether the idea has photos (hidden ones too)."""
    return db.session.scalar(select(Photo.id).where(Photo.idea_id == idea.id).limit(1)) is not None


def choose_cover(idea_id: int) -> None:
    """The first visible photo is the idea's cover (on its card, in feeds)."""
    first = db.session.scalar(
        select(Photo.id)
        .where(Photo.idea_id == idea_id, Photo.visible)
        .order_by(Photo.position, Photo.id)
        .limit(1)
    )
    db.session.execute(
        update(Photo).where(Photo.idea_id == idea_id, Photo.is_cover).values(is_cover=False)
    )
    if first is not None:
        db.session.execute(update(Photo).where(Photo.id == first).values(is_cover=True))


def remove(photo: Photo) -> None:
    """Delete the photo, and its files once that is committed."""
    files = storage()
    for size in SIZES:
        after_commit(partial(files.delete, photo.file_name(size)))
    db.session.delete(photo)


def remove_all_of(user: User) -> None:
    """Every photo ``user`` uploaded (their account is being erased)."""
    photos = list(db.session.scalars(select(Photo).where(Photo.uploader_id == user.id)))
    ideas = {p.idea_id for p in photos if p.idea_id is not None}
    for photo in photos:
        remove(photo)
    db.session.flush()
    for idea_id in sorted(ideas):
        choose_cover(idea_id)


def remove_unattached(now=None) -> int:  # type: ignore[no-untyped-def]
    """Delete photos uploaded with a form that was never sent; how many."""
    cutoff = (now or utcnow()) - UNATTACHED_KEPT
    stale = list(
        db.session.scalars(select(Photo).where(Photo.idea_id.is_(None), Photo.created_at < cutoff))
    )
    for photo in stale:
        remove(photo)
    return len(stale)


def hide(moderator: User, photo: Photo, reason: str) -> None:
    """Hide one photo of an idea with a reason, as a comment is hidden: it
    leaves the page, the feeds and the reports; logged, the uploader told."""
    from portal.moderation.services import log

    photo.hidden_at, photo.hidden_reason, photo.hidden_by_id = utcnow(), reason, moderator.id
    db.session.flush()
    choose_cover(photo.idea_id)
    log(moderator, "photo_hidden", photo, reason, idea=photo.idea_id)
    content_withdrawn.send("photo")  # reports that printed it
    uploader = db.session.get(User, photo.uploader_id)
    idea = db.session.get(Idea, photo.idea_id)
    queue_mail(
        "photo_hidden", uploader.email, uploader.locale, user=uploader, idea=idea,
        description=photo.description, reason=reason,
        url=absolute_url("ideas.detail", idea_id=idea.id),
    )  # fmt: skip


def restore(moderator: User, photo: Photo, reason: str) -> None:
    from portal.moderation.services import log

    photo.hidden_at = photo.hidden_reason = photo.hidden_by_id = None
    db.session.flush()
    choose_cover(photo.idea_id)
    log(moderator, "photo_restored", photo, reason, idea=photo.idea_id)


# --- files follow the transaction ---------------------------------------------

_WRITTEN = "portal.photo_files_written"


def _written(files: Storage, name: str) -> None:
    db.session().info.setdefault(_WRITTEN, []).append((files, name))


@event.listens_for(Session, "after_commit")
def _keep_written(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_soft_rollback")
def _delete_written(session: Session, previous_transaction: object) -> None:
    if getattr(previous_transaction, "parent", None) is not None:
        return  # a savepoint: the outer transaction may still commit them
    for files, name in session.info.pop(_WRITTEN, []):
        files.delete(name)
