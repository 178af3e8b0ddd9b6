"""Meeting and period reports: the print view and the PDF (read back with pypdf)."""

from __future__ import annotations

import io
import socket
from datetime import timedelta

import pytest
from babel.dates import format_date
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext, to_user_timezone
from pypdf import PdfReader
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.comments.models import Comment
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.ideas.models import Idea
from portal.moderation import services as moderation
from portal.municipality.models import AgendaItem, Meeting
from portal.reports import pdf
from portal.reports.models import CachedReport
from portal.reports.views import file_name
from portal.timeutil import utcnow
from tests.factories import make_comment, make_hand_over, make_meeting, make_official, make_user


def _text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _past_demo_meeting() -> Meeting:
    load_demo()
    return db.session.scalar(
        select(Meeting).where(Meeting.starts_at < utcnow()).order_by(Meeting.starts_at.desc())
    )


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_a_demo_meetings_pdf_in_each_language(app, client, locale, monkeypatch):
    meeting = _past_demo_meeting()
    ideas = db.session.scalars(
        select(Idea).join(AgendaItem, AgendaItem.idea_id == Idea.id)
        .where(AgendaItem.meeting_id == meeting.id)
    ).all()  # fmt: skip
    secret = make_comment(ideas[0], make_user(), body="Ring til mig på 12 34 56 78")
    moderation.hide(make_user(Role.MODERATOR), secret, "Personal data")
    db.session.commit()
    recorder = pdf.fetcher()
    monkeypatch.setattr(pdf, "fetcher", lambda: recorder)

    def no_network(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a report must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    response = client.get(f"/meetings/{meeting.id}/report.pdf", headers={"Accept-Language": locale})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'inline; filename="teknik-og-miljoeudvalget-{meeting.starts_at.date().isoformat()}.pdf"'
    )
    text, pages = _text(response.data)
    flat = " ".join(text.split())
    for idea in ideas:
        assert " ".join(idea.title.split()) in flat
    with app.test_request_context(), force_locale(locale):
        for heading in ("Contents", "Summary", "History", "Decision"):
            assert gettext(heading) in text, heading
        last_page = gettext("Page %(page)s of %(pages)s", page=pages, pages=pages)
    assert last_page in flat
    day = format_date(meeting.starts_at.date(), "long", locale=locale)
    assert day in flat or day.replace(" ", "") in flat.replace(" ", "")
    assert "12 34 56 78" not in text
    assert recorder.refused == []
    assert recorder.fetched
    # The portal's own files, and the public photos of the ideas it prints.
    assert all(
        u.startswith(("http://portal.test/static/", "http://portal.test/photos/"))
        for u in recorder.fetched
    )


def test_user_content_cannot_make_the_report_fetch_anything(app, client, monkeypatch):
    """Even HTML that slipped past the sanitiser cannot reach the network or files."""
    meeting = make_meeting(utcnow() - timedelta(days=1))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    comment = make_comment(idea, make_user())
    comment.body_html = (
        '<img src="http://evil.example/track.png"><img src="file:///etc/passwd">'
        '<img src="/static/../config.py"><img src="http://portal.test/static/../../etc/hosts">'
    )
    db.session.commit()
    recorder = pdf.fetcher()
    monkeypatch.setattr(pdf, "fetcher", lambda: recorder)
    response = client.get(f"/meetings/{meeting.id}/report.pdf")
    assert response.status_code == 200
    assert "http://evil.example/track.png" in recorder.refused
    assert "file:///etc/passwd" in recorder.refused
    assert len(recorder.refused) == 4
    assert all("/static/" in u and ".." not in u for u in recorder.fetched)


def test_print_view_and_links_from_the_meeting_page(client):
    meeting = make_meeting()
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'href="/meetings/{meeting.id}/report"' in page
    assert f'href="/meetings/{meeting.id}/report.pdf"' in page
    view = client.get(f"/meetings/{meeting.id}/report")
    assert view.status_code == 200
    assert view.mimetype == "text/html"
    assert '<html lang="en">' in view.get_data(as_text=True)


def test_draft_reports_are_for_officials_only(client, auth):
    draft = make_meeting(published=False)
    assert client.get(f"/meetings/{draft.id}/report.pdf").status_code == 404
    auth.login(make_official())
    assert client.get(f"/meetings/{draft.id}/report").status_code == 200


def test_withdrawn_ideas_are_marked_and_hidden_ones_left_out(client):
    meeting = make_meeting()
    withdrawn = db.session.get(Idea, make_hand_over().idea_id)
    hidden = db.session.get(Idea, make_hand_over().idea_id)
    hidden.title = "A hidden idea"
    for position, idea in enumerate((withdrawn, hidden), start=1):
        db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=position))
    withdrawn.status = "withdrawn"
    db.session.commit()
    moderation.hide(make_user(Role.MODERATOR), hidden, "Spam")
    db.session.commit()
    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "The author has withdrawn this idea." in page
    assert "A hidden idea" not in page


def test_picked_comments_are_printed_instead_of_the_latest(client, auth):
    meeting = make_meeting()
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    picked = make_comment(idea, make_user(), body="The comment worth printing.")
    for n in range(4):
        make_comment(idea, make_user(), body=f"Later comment number {n}.")
    db.session.commit()
    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "The comment worth printing." not in page  # only the three latest
    assert "Later comment number 3." in page
    auth.login(make_official())
    assert client.post(f"/comments/{picked.id}/report", data={"include": "1"}).status_code == 302
    assert db.session.get(Comment, picked.id).in_report
    client.post(f"/comments/{picked.id}/report", data={"include": "1"})  # a double click
    assert db.session.get(Comment, picked.id).in_report  # stays in
    from portal.moderation.models import LogEntry

    entry = db.session.scalars(select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "report_pick",
        "comment",
        picked.id,
    )
    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "The comment worth printing." in page
    assert "Later comment number 3." not in page


def test_period_report_for_a_department(client, auth):
    mine = make_hand_over()
    other = db.session.get(Idea, make_hand_over().idea_id)
    other.title = "Another department's idea"
    db.session.commit()
    auth.login(make_official())
    form = client.get("/reports/period")
    assert form.status_code == 200
    today = to_user_timezone(utcnow()).date()  # the municipality's day, not UTC's
    args = {"department": mine.department_id, "from": str(today - timedelta(days=1)),
            "to": str(today)}  # fmt: skip
    page = client.get("/reports/period", query_string=args).get_data(as_text=True)
    assert db.session.get(Idea, mine.idea_id).title.replace("<", "&lt;").split("&lt;")[0] in page
    assert "Another department's idea" not in page
    response = client.get("/reports/period.pdf", query_string=args)
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith(f'{args["to"]}.pdf"')
    bad = client.get("/reports/period", query_string={"from": "yesterday", "to": str(today)})
    assert bad.status_code == 400
    assert "Please give the date as year-month-day" in bad.get_data(as_text=True)
    assert 'value="yesterday"' in bad.get_data(as_text=True)  # what was typed stays
    everything = client.get("/reports/period", query_string={**args, "department": "all"})
    assert "Another department&#39;s idea" in everything.get_data(as_text=True)
    nowhere = client.get("/reports/period", query_string={**args, "department": "99999"})
    assert nowhere.status_code == 400
    assert "Please choose one of the options." in nowhere.get_data(as_text=True)
    assert client.get("/reports/period.pdf", query_string={**args, "to": "x"}).status_code == 404
    backwards = client.get(
        "/reports/period", query_string={"from": str(today), "to": str(today - timedelta(days=3))}
    )
    assert "The end date must not be before the start date." in backwards.get_data(as_text=True)


def test_file_names_are_readable_ascii():
    assert file_name("Byrådet", "2026-03-12") == "byraadet-2026-03-12.pdf"
    assert file_name("Commissie Ruimte & Wonen", "2026-03-12") == (
        "commissie-ruimte-wonen-2026-03-12.pdf"
    )
    assert file_name("", "") == "report.pdf"


def test_a_finished_pdf_is_served_again_until_the_report_changes(
    app, client, tmp_path, monkeypatch
):
    app.config["REPORT_CACHE"] = True
    meeting = make_meeting(utcnow() - timedelta(days=1))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    comment = make_comment(idea, make_user(), body="Call me on 12 34 56 78")
    db.session.commit()
    rendered = []
    real_render = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html: rendered.append(html) or real_render(html))
    url = f"/meetings/{meeting.id}/report.pdf"

    first = client.get(url, headers={"Accept-Language": "da"})
    again = client.get(url, headers={"Accept-Language": "da"})
    assert len(rendered) == 1
    assert again.data == first.data
    assert "Mødeoplægget er dannet" in _text(again.data)[0]  # says when it was made

    client.get(url, headers={"Accept-Language": "nl"})
    assert len(rendered) == 2  # another language, another PDF

    moderation.hide(make_user(Role.MODERATOR), db.session.get(Comment, comment.id), "Personal data")
    db.session.commit()
    changed = client.get(url, headers={"Accept-Language": "da"})
    assert len(rendered) == 3
    assert "12 34 56 78" in _text(first.data)[0]
    assert "12 34 56 78" not in _text(changed.data)[0]


def _cached() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(CachedReport))


def test_hiding_and_erasing_forget_every_cached_pdf(app, client, auth):
    app.config["REPORT_CACHE"] = True
    meeting = make_meeting(utcnow() - timedelta(days=1))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    comment = make_comment(idea, make_user())
    db.session.commit()
    assert client.get(f"/meetings/{meeting.id}/report.pdf").status_code == 200
    assert _cached() == 1
    auth.login(make_user(Role.MODERATOR))
    response = client.post(
        f"/moderation/comments/{comment.id}/hide", data={"reason": "Personal data"}
    )
    assert response.status_code == 302
    assert _cached() == 0

    client.get(f"/meetings/{meeting.id}/report.pdf")
    assert _cached() == 1
    auth.logout()
    citizen = auth.login(make_user(password="a long password 1"))
    response = client.post("/account/delete", data={"password": "a long password 1"})
    assert response.status_code == 302
    assert db.session.get(type(citizen), citizen.id).erased_at is not None
    assert _cached() == 0


def test_a_withdrawal_that_rolls_back_keeps_the_cache(app, client):
    app.config["REPORT_CACHE"] = True
    meeting = make_meeting(utcnow() - timedelta(days=1))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    comment = make_comment(idea, make_user())
    db.session.commit()
    client.get(f"/meetings/{meeting.id}/report.pdf")
    moderation.hide(make_user(Role.MODERATOR), db.session.get(Comment, comment.id), "Spam")
    db.session.rollback()
    assert _cached() == 1


def test_rendering_leaves_the_garbage_collector_as_it_was(app):
    import gc

    with app.test_request_context():
        assert gc.isenabled()
        pdf.render_pdf("<p>hello</p>")
        assert gc.isenabled()


@pytest.mark.parametrize("query", ["", "?lang=en"])
def test_period_form_starts_with_the_last_ninety_days(client, auth, query):
    auth.login(make_official())
    response = client.get(f"/reports/period{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    today = to_user_timezone(utcnow()).date()  # the municipality's day, not UTC's
    assert f'name="from" required type="date" value="{today - timedelta(days=90)}"' in page
    assert f'name="to" required type="date" value="{today}"' in page
    assert '<option selected value="all">All departments</option>' in page


def test_warming_renders_each_published_report_once_per_language(app, runner, monkeypatch):
    """After `flask reports warm` a visitor's first download comes from the
    cache; warming again renders only what changed."""
    app.config["REPORT_CACHE"] = True
    meeting = make_meeting(utcnow() + timedelta(days=3))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    make_meeting(utcnow() + timedelta(days=5), published=False)  # a draft: not warmed
    db.session.commit()
    rendered = []
    real_render = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html: rendered.append(html) or real_render(html))
    # The command asks as a visitor would, from inside the command's context
    # (the suite's isolating client would set the test's context aside).
    monkeypatch.setattr(app, "test_client_class", FlaskClient)

    result = runner.invoke(args=["reports", "warm"])
    assert result.exit_code == 0, result.output
    assert "4 reports ready, 4 of them rendered now" in result.output  # da, nb, nl, en
    downloaded = app.test_client().get(
        f"/meetings/{meeting.id}/report.pdf", headers={"Accept-Language": "nb"}
    )
    assert downloaded.headers["X-Cache"] == "hit"
    assert len(rendered) == 4
    assert (
        "4 reports ready, 0 of them rendered now" in runner.invoke(args=["reports", "warm"]).output
    )
    make_comment(idea, make_user(), body="A new comment for the report")
    db.session.get(Comment, db.session.scalars(select(Comment.id)).first()).in_report = True
    db.session.commit()
    assert "4 of them rendered now" in runner.invoke(args=["reports", "warm"]).output
