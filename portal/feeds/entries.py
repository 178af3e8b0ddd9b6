"""What a feed is made of, before feedgen writes it as Atom or RSS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from portal.photos.addresses import photo_url
from portal.photos.models import Photo
from portal.photos.storage import storage
from portal.timeutil import aware

EMPTY_FEED_DATE = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass
class Enclosure:
    url: str
    length: int  # bytes
    type: str


def photo_enclosure(photo: Photo | None) -> Enclosure | None:
    """A photo as a feed reader fetches it: the large size, its length and type."""
    if photo is None:
        return None
    url = photo_url(photo, "large", external=True)
    return Enclosure(url, storage().size(photo.file_name("large")), photo.content_type)


@dataclass
class Entry:
    id: str
    title: str
    link: str
    published: datetime
    content: str  # sanitised HTML
    author: str | None = None
    updated: datetime | None = None
    image: Enclosure | None = None  # an idea's first photo


@dataclass
class Feed:
    id: str
    title: str
    link: str  # the page the feed belongs to
    subtitle: str
    entries: list[Entry] = field(default_factory=list)
    image: str | None = None  # the address of the photo that stands for the feed

    @property
    def updated(self) -> datetime:
        moments = [aware(e.updated or e.published) for e in self.entries]
        return max(moments, default=EMPTY_FEED_DATE)
