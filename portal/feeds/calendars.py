"""The meetings calendar (iCalendar, built with icalendar): published
meetings with their agendas, and the deadlines and results dates of the
challenges still running."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from icalendar import Calendar, Event

from portal.challenges.models import Challenge
from portal.i18n import locale_code
from portal.timeutil import aware
from portal.urls import absolute_url

MEETING_HOURS = 2  # how long a meeting is shown in calendars


def build(meetings, agendas, challenges: list[Challenge]) -> Calendar:  # type: ignore[no-untyped-def]
    """The calendar of ``meetings`` (with ``agendas``, by meeting id) and of
    the deadlines and results dates of ``challenges``."""
    cal = Calendar()
    cal.add("prodid", f"-//{current_app.config['SITE_NAME']}//portal//{locale_code()}")
    cal.add("version", "2.0")
    # NOTE: the calendar's name in calendar apps.
    name = _("Meetings and deadlines – %(site)s", site=current_app.config["SITE_NAME"])
    cal.add("x-wr-calname", name)
    host = urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname
    for meeting in meetings:
        cal.add_component(_meeting_event(meeting, agendas[meeting.id], host))
    for challenge in challenges:
        for event in _challenge_events(challenge, host):
            cal.add_component(event)
    return cal


def _meeting_event(meeting, items, host: str | None) -> Event:  # type: ignore[no-untyped-def]
    """A meeting, with its agenda as the description."""
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", aware(meeting.updated_at))
    event.add("last-modified", aware(meeting.updated_at))
    event.add("dtstart", aware(meeting.starts_at))
    event.add("dtend", aware(meeting.starts_at + timedelta(hours=MEETING_HOURS)))
    event.add("summary", meeting.body)
    event.add("location", meeting.place)
    lines = [meeting.description] if meeting.description else []
    lines += [f"{n}. {item.idea.title}" for n, item in enumerate(items, start=1)]
    event.add("description", "\n".join(lines))
    event.add("url", absolute_url("municipality.meeting", meeting_id=meeting.id))
    return event


def _challenge_events(challenge: Challenge, host: str | None) -> list[Event]:
    """A challenge's deadline (a moment) and its results date (a whole day)."""
    page = absolute_url("challenges.detail", challenge_id=challenge.id)
    deadline = Event()
    deadline.add("uid", f"challenge-{challenge.id}-deadline@{host}")
    deadline.add("dtstamp", aware(challenge.updated_at))
    deadline.add("dtstart", aware(challenge.closes_at))
    deadline.add("dtend", aware(challenge.closes_at))
    deadline.add("summary", _("Deadline: %(challenge)s", challenge=challenge.title))
    deadline.add("description", challenge.summary)
    deadline.add("url", page)
    results = Event()
    results.add("uid", f"challenge-{challenge.id}-results@{host}")
    results.add("dtstamp", aware(challenge.updated_at))
    day = to_user_timezone(challenge.results_due).date()
    results.add("dtstart", day)
    results.add("dtend", day + timedelta(days=1))
    results.add("summary", _("Results expected: %(challenge)s", challenge=challenge.title))
    results.add("url", page)
    return [deadline, results]
