"""The meeting report, the period report and a challenge's results report,
as a print view and as PDF."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import datetime, time, timedelta

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user

from portal import permissions
from portal.challenges import jury_queries
from portal.challenges.jury import saw_others
from portal.challenges.loaders import load_challenge
from portal.errors import render_error
from portal.extensions import db
from portal.forms import form_status
from portal.municipality.loaders import load_meeting
from portal.nominations import picture
from portal.nominations import queries as nomination_queries
from portal.reports import cache, queries
from portal.reports.forms import PeriodForm
from portal.timeutil import utcnow

bp = Blueprint("reports", __name__)
log = logging.getLogger(__name__)

TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
                               "ĳ": "ij", "Ĳ": "IJ", "ß": "ss"})  # fmt: skip


def file_name(*parts: str) -> str:
    """``Byrådet``, ``2026-03-12`` → ``byraadet-2026-03-12.pdf``."""
    text = "-".join(parts).translate(TRANSLITERATE)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]
    return f"{slug or 'report'}.pdf"


def _page_words() -> list[str]:
    """ "Page X of Y" in the reader's language, cut around the two numbers for
    the print CSS (which adds the page counters in between)."""
    # NOTE: the footer of every printed page: "Page 3 of 12".
    text = _("Page %(page)s of %(pages)s", page="\x00", pages="\x01")
    before, _sep, rest = text.partition("\x00")
    middle, _sep, after = rest.partition("\x01")
    return [before, middle, after]


def _report(
    fmt: str, name: str, template: str = "reports/report.html", **context: object
) -> Response:
    """The report as a print view, or as a PDF (rendered once per content)."""

    def html(produced: datetime | None) -> str:
        return render_template(
            template, produced=produced, page_words=_page_words(), fmt=fmt, **context
        )

    if fmt != "pdf":
        return Response(html(utcnow()), mimetype="text/html")
    try:
        # Loaded on first use: WeasyPrint needs Pango, and the rest of the
        # portal runs without it.
        from portal.reports import pdf
    except OSError:
        log.error("WeasyPrint cannot load its system libraries (Pango): no PDF")
        return Response(*render_error(503))
    # The same content gives the same PDF, which says when it was produced.
    body, kept = cache.cached_pdf(html(None), lambda: pdf.render_pdf(html(utcnow())))
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["X-Cache"] = "hit" if kept else "miss"
    return response


@bp.route("/meetings/<id:meeting_id>/report", defaults={"fmt": "html"})
@bp.route("/meetings/<id:meeting_id>/report.pdf", defaults={"fmt": "pdf"})
def meeting(meeting_id: int, fmt: str):
    """Published meetings' reports are public records; drafts are for officials."""
    found = load_meeting(meeting_id)
    local = to_user_timezone(found.starts_at)
    return _report(
        fmt,
        file_name(found.body, local.date().isoformat()),
        meeting=found,
        report=queries.meeting_report(found),
    )


@bp.route("/challenges/<id:challenge_id>/report", defaults={"fmt": "html"})
@bp.route("/challenges/<id:challenge_id>/report.pdf", defaults={"fmt": "pdf"})
def challenge(challenge_id: int, fmt: str):
    """A challenge's results report: public once the results are out (the
    owners read it as a draft during the evaluation)."""
    found = load_challenge(challenge_id)
    permissions.require(permissions.can_view_results_report(current_user, found))
    member = None if found.results_published_at else jury_queries.member_of(current_user, found)
    response = _report(
        fmt,
        file_name(found.title),
        "reports/challenge.html",
        challenge=found,
        report=queries.results_report(found),
    )
    if member is not None:  # an owner on the jury has now seen everyone's scores
        saw_others(member)
        db.session.commit()
    return response


@bp.route("/challenges/<id:challenge_id>/pyramid/report", defaults={"fmt": "html"})
@bp.route("/challenges/<id:challenge_id>/pyramid/report.pdf", defaults={"fmt": "pdf"})
def pyramid(challenge_id: int, fmt: str):
    """The pyramid of nominations for the committee: the picture and the
    ranking table (owners, admins and the jury, like the pyramid page)."""
    found = load_challenge(challenge_id)
    permissions.require(permissions.can_view_pyramid(current_user, found))
    nominees = nomination_queries.pyramid(found)
    return _report(
        fmt,
        file_name(_("nominations"), found.title),
        "reports/pyramid.html",
        challenge=found,
        call=nomination_queries.call_of(found),
        pyramid=nominees,
        picture=picture.draw(nominees),
    )


@bp.route("/reports/period", defaults={"fmt": "html"})
@bp.route("/reports/period.pdf", defaults={"fmt": "pdf"})
def period(fmt: str):
    """What was handed over to one department (or all) between two dates."""
    permissions.require(permissions.can_view_period_report(current_user))
    form = PeriodForm(request.args, today=to_user_timezone(utcnow()).date())
    if not (form.is_asked and form.validate()):
        if fmt == "pdf":
            abort(404)
        return render_template("reports/period_form.html", form=form), form_status(form)
    department, area = form.department.chosen, form.area.chosen
    start, end = form.start.data, form.end.data
    named = [
        department.name if department else _("all departments"),
        *([area.name] if area else []),
    ]
    return _report(
        fmt,
        file_name(*named, str(start), str(end)),
        meeting=None,
        department=department,
        area=area,
        start=start,
        end=end,
        report=queries.period_report(
            department.id if department else None,
            to_utc(datetime.combine(start, time.min)),
            to_utc(datetime.combine(end + timedelta(days=1), time.min)),
            area_id=area.id if area else None,
        ),
    )
