"""The photos part of the idea form: the photos the idea has (or that were
uploaded with an earlier try of the form), each with its description and a
"remove" box, and empty places for more.

A photo is stored as soon as the form brings it, even when another field
still needs correcting: the corrected form shows it again and nothing
chosen has to be chosen twice."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import or_, select
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, StringField
from wtforms.validators import Length

from portal.extensions import db
from portal.forms import TOO_LONG
from portal.ideas.models import Idea
from portal.photos import images, services
from portal.photos.models import DESCRIPTION_MAX, Photo
from portal.validators import PlainText, normalise_text

DESCRIBE = _l(
    "Describe what the photo shows, for people who cannot see it (at most %(max)s characters).",
    max=DESCRIPTION_MAX,
)
DESCRIPTION_REQUIRED = _l("Please describe what the photo shows.")
PHOTO_PROBLEM = _l("A photo needs your attention.")
TOO_MANY_WAITING = _l(
    "You have many photos waiting in forms you have not sent. Please send your idea first "
    "(photos of forms never sent are deleted after a day)."
)
TOO_MANY = _l("An idea can have at most %(count)s photos.", count=services.PER_IDEA)


def _description(label: object) -> StringField:
    return StringField(
        label,
        description=DESCRIBE,
        validators=[Length(max=DESCRIPTION_MAX, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": DESCRIPTION_MAX},
    )


class PhotoRow(Form):
    key = HiddenField()
    alt_text = _description(_l("Description of the photo"))
    remove = BooleanField(_l("Remove this photo"))


class UploadSlot(Form):
    file = FileField(
        _l("Photo"),
        description=_l("JPEG, PNG or WebP, at most 10 MB."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    alt_text = _description(_l("Description of the photo"))


class WithPhotos:
    """An idea form that carries photos (``form.chosen_photos`` after ``take_photos``)."""

    photo_rows = FieldList(FormField(PhotoRow), max_entries=services.PER_IDEA)
    new_photos = FieldList(FormField(UploadSlot), max_entries=services.PER_IDEA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.photo_of: dict[str, Photo] = {}
        self.chosen_photos: list[tuple[Photo, str]] = []  # with their descriptions

    def show_photos(self, idea: Idea | None) -> None:
        """The form as first shown: the idea's photos, and empty places."""
        if idea is not None:
            for photo in _attached(idea):
                self.photo_rows.append_entry({"key": photo.key, "alt_text": photo.description})
                self.photo_of[photo.key] = photo
        self._make_room()

    def _make_room(self) -> None:
        while len(self.new_photos):
            self.new_photos.pop_entry()
        for _ in range(services.PER_IDEA - len(self.photo_rows)):
            self.new_photos.append_entry()
        self._number()

    def _number(self) -> None:
        """Each place its own label ("Photo 2"), so a screen reader tells them apart."""
        for number, row in enumerate(self.photo_rows, start=1):
            row.alt_text.label.text = _l("Description of photo %(number)s", number=number)
            row.alt_text.render_kw = {**(row.alt_text.render_kw or {}), "aria-required": "true"}
        for number, slot in enumerate(self.new_photos, start=len(self.photo_rows) + 1):
            slot.file.label.text = _l("Photo %(number)s", number=number)
            slot.alt_text.label.text = _l("Description of photo %(number)s", number=number)

    def take_photos(self, user: Any, idea: Idea | None) -> bool:
        """Store what the form brought and check the descriptions; False when
        something needs correcting (each error on its own field). Photos
        removed before the idea has them go at once; those of the idea go
        when it is saved."""
        known = _allowed(user, idea, [row.key.data for row in self.photo_rows])
        listed = [row for row in self.photo_rows if row.key.data in known]
        for row in listed:
            if row.remove.data and known[row.key.data].idea_id is None:
                services.remove(known[row.key.data])
        rows = [row for row in listed if not row.remove.data]
        self.photo_rows.entries = list(rows)
        ok = True
        for slot in self.new_photos:
            upload = slot.file.data
            if not upload or not getattr(upload, "filename", ""):
                continue
            if len(rows) >= services.PER_IDEA:
                slot.file.errors.append(str(TOO_MANY))
                ok = False
                continue
            if services.waiting(user) >= services.MOST_WAITING:
                slot.file.errors.append(str(TOO_MANY_WAITING))
                ok = False
                continue
            try:
                photo = services.upload(user, upload.read(images.MAX_BYTES + 1))
            except images.ImageRefused as refused:
                slot.file.errors.append(refused.message)
                ok = False
                continue
            known[photo.key] = photo
            row = self.photo_rows.append_entry({"key": photo.key, "alt_text": slot.alt_text.data})
            row.alt_text.errors = list(slot.alt_text.errors)
            rows.append(row)
        ok = self._described(rows) and ok
        self._keep_only(rows)
        self.photo_of = {row.key.data: known[row.key.data] for row in rows}
        self.chosen_photos = [(self.photo_of[r.key.data], r.alt_text.data or "") for r in rows]
        for row in rows:
            photo = self.photo_of[row.key.data]
            if photo.idea_id is None and not row.alt_text.errors:
                photo.description = row.alt_text.data or ""  # the idea's: when it is saved
        db.session.commit()  # what was uploaded stays, whatever else is wrong
        return ok

    def _described(self, rows: list[FormField]) -> bool:
        ok = True
        for row in rows:
            if not row.alt_text.data and not row.alt_text.errors:
                row.alt_text.errors.append(str(DESCRIPTION_REQUIRED))
            ok = ok and not row.alt_text.errors
        return ok

    def _keep_only(self, rows: list[FormField]) -> None:
        """The rows shown again: the kept photos, then empty places, with
        the errors of places whose file was refused."""
        refused = [slot for slot in self.new_photos if slot.file.errors]
        self.photo_rows.entries = rows
        kept_errors = [(slot.alt_text.data, slot.file.errors) for slot in refused]
        self._make_room()
        for slot, (text, errors) in zip(self.new_photos, kept_errors, strict=False):
            slot.alt_text.data, slot.file.errors = text, errors
        if any(row.alt_text.errors for row in rows) or refused:
            # The form as a whole is not valid either (its summary says so).
            self.form_errors.append(str(PHOTO_PROBLEM))  # type: ignore[attr-defined]


def _attached(idea: Idea) -> list[Photo]:
    """The idea's photos the author handles (one a moderator hid stays as it is)."""
    return list(
        db.session.scalars(
            select(Photo)
            .where(Photo.idea_id == idea.id, Photo.visible)
            .order_by(Photo.position, Photo.id)
        )
    )


def _allowed(user: Any, idea: Idea | None, keys: list[str]) -> dict[str, Photo]:
    """Of these keys, the photos this form may use: the idea's own, and the
    ones this person uploaded that have no idea yet."""
    mine = (Photo.uploader_id == user.id) & Photo.idea_id.is_(None)
    whose = or_(mine, (Photo.idea_id == idea.id) & Photo.visible) if idea is not None else mine
    found = db.session.scalars(select(Photo).where(Photo.key.in_(keys), whose))
    return {photo.key: photo for photo in found}


def accepts_photos(view):  # type: ignore[no-untyped-def]
    """Marks a view whose form may bring photos: ``allow_photo_bodies``
    lets its requests be as large as UPLOAD_MAX_CONTENT_LENGTH."""
    view.accepts_photos = True
    return view


def allow_photo_bodies() -> None:
    """A request to a view marked ``accepts_photos`` may carry photos (run
    before anything reads the body, such as the CSRF check)."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "accepts_photos", False):
        request.max_content_length = current_app.config["UPLOAD_MAX_CONTENT_LENGTH"]
