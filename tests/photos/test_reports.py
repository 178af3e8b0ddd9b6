"""Photos on paper: the meeting report prints an idea's first photo (its
PDF holds the image), and the report's fetcher takes no photo that is not
public."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.municipality.models import AgendaItem
from portal.photos import services as photos
from portal.reports.pdf import FetchRefused, fetcher
from tests.factories import make_idea, make_meeting, make_user
from tests.photos.files import jpeg_with_gps


def _on_agenda_with_photo():  # type: ignore[no-untyped-def]
    meeting = make_meeting()
    idea = make_idea(title="Bænke ved søen")
    author = db.session.get(User, idea.author_id)
    photo = photos.upload(author, jpeg_with_gps((800, 600)), "Stien ved søen")
    photos.attach(idea, [(photo, "Stien ved søen")])
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    db.session.commit()
    return meeting, photo


def test_the_meeting_report_prints_the_first_photo(client):
    meeting, photo = _on_agenda_with_photo()
    html = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert f'src="http://portal.test/photos/{photo.key}/large.jpg" alt="Stien ved søen"' in html
    pdf = PdfReader(io.BytesIO(client.get(f"/meetings/{meeting.id}/report.pdf").data))
    images = [image for page in pdf.pages for image in page.images]
    assert any(image.image.size == (800, 600) for image in images)


def test_the_reports_fetcher_takes_no_hidden_photo(app):
    _meeting, photo = _on_agenda_with_photo()
    address = f"http://portal.test/photos/{photo.key}/large.jpg"
    allowed = fetcher()
    allowed.fetch(address)
    assert allowed.fetched == [address]
    photos.hide(make_user(role=Role.MODERATOR), photo, "A face")
    db.session.commit()
    with pytest.raises(FetchRefused):
        fetcher().fetch(address)
    with pytest.raises(FetchRefused):
        fetcher().fetch(f"http://elsewhere.test/photos/{photo.key}/large.jpg")
