"""Atom 1.0 and RSS 2.0 feeds, built with feedgen, and the meetings calendar.

Each feed is in the language asked for (``?lang=``, else Accept-Language,
else the default), has stable entry ids and absolute links built from
PUBLIC_BASE_URL, and answers conditional GETs with 304 (ETag and
Last-Modified). Only public content appears: nothing hidden, withdrawn or
merged, no hidden comment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from portal.areas.queries import area_by_slug
from portal.challenges import jury_queries
from portal.challenges import queries as challenge_queries
from portal.challenges.models import PHASE_LABELS, Challenge, Phase
from portal.comments.models import Comment
from portal.feeds import calendars, queries
from portal.feeds.entries import EMPTY_FEED_DATE, Entry, Feed, photo_enclosure
from portal.i18n import locale_code
from portal.ideas.models import STATUS_LABELS, Idea, StatusChange
from portal.ideas.queries import category_by_slug, get_idea
from portal.municipality import queries as municipality
from portal.photos import queries as photo_queries
from portal.photos.addresses import photo_url
from portal.photos.models import Photo
from portal.timeutil import aware
from portal.urls import absolute_url

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def _respond(feed: Feed, fmt: str) -> Response:
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(f"{feed.title} – {current_app.config['SITE_NAME']}")
    generator.subtitle(feed.subtitle)
    generator.description(feed.subtitle)
    generator.link(href=feed.link, rel="alternate")
    generator.link(href=absolute_url(request.endpoint, **request.view_args, lang=locale_code()),
                   rel="self")  # fmt: skip
    generator.language(locale_code())
    generator.updated(feed.updated)
    generator.lastBuildDate(feed.updated)
    generator.generator("feedgen")
    if feed.image:  # (not as RSS's <image>, which must be smaller than a photo)
        generator.logo(feed.image)
    if any(item.image for item in feed.entries):
        generator.load_extension("media")  # photos as media:content (Media RSS)
    for item in reversed(feed.entries):  # feedgen prepends: keep newest first
        _add_entry(generator, item, fmt)
    body = generator.atom_str(pretty=True) if fmt == "atom" else generator.rss_str(pretty=True)
    return _conditional(body, FORMATS[fmt], feed.updated)


def _add_entry(generator: FeedGenerator, item: Entry, fmt: str) -> None:
    entry = generator.add_entry()
    entry.id(item.id)
    entry.guid(item.id, permalink=False)
    entry.title(item.title)
    entry.link(href=item.link)
    entry.published(aware(item.published))
    entry.updated(aware(item.updated or item.published))
    if item.author:
        entry.author(name=item.author)
    entry.content(item.content, type="html")
    if item.image:
        image = item.image
        entry.media.content(url=image.url, type=image.type, fileSize=str(image.length),
                            medium="image")  # fmt: skip
        if fmt == "rss":  # (feedgen writes an Atom enclosure as a plain link: left out)
            entry.enclosure(image.url, str(image.length), image.type)


def _conditional(body: bytes, mimetype: str, updated: datetime) -> Response:
    response = Response(body, mimetype=mimetype)
    response.set_etag(hashlib.sha256(body).hexdigest())
    response.last_modified = updated
    response.cache_control.public = True
    response.cache_control.max_age = 300
    response.vary.add("Accept-Language")
    return response.make_conditional(request)


def _idea_entry(idea: Idea) -> Entry:
    return Entry(
        id=absolute_url("ideas.detail", idea_id=idea.id),
        title=idea.title,
        link=absolute_url("ideas.detail", idea_id=idea.id),
        published=idea.created_at,
        updated=idea.edited_at or idea.created_at,
        author=idea.author.display_name,
        content=render_template("feeds/idea.html", idea=idea),
        image=photo_enclosure(idea.cover),  # type: ignore[attr-defined]
    )


def _format(view: Callable[..., Feed]) -> Callable[..., Response]:
    """Routes a view that returns a Feed as /<name>.atom and /<name>.rss."""

    def respond(fmt: str, **kwargs: object) -> Response:
        return _respond(view(**kwargs), fmt)

    respond.__name__ = view.__name__
    respond.__doc__ = view.__doc__
    return respond


@bp.route("/ideas.<any(atom, rss):fmt>")
@_format
def ideas() -> Feed:
    """Every new idea."""
    return Feed(
        id=absolute_url("ideas.index"),
        title=_("New ideas"),
        link=absolute_url("ideas.index"),
        subtitle=_("Ideas citizens have posted, the newest first."),
        entries=[_idea_entry(i) for i in queries.new_ideas()],
    )


@bp.route("/categories/<slug>.<any(atom, rss):fmt>")
@_format
def category(slug: str) -> Feed:
    """New ideas in one category."""
    chosen = category_by_slug(slug)
    if chosen is None:
        abort(404)
    page = absolute_url("ideas.index", category=chosen.slug)
    return Feed(
        id=page,
        title=_("New ideas: %(category)s", category=chosen.name),
        link=page,
        subtitle=_("Ideas citizens have posted in %(category)s.", category=chosen.name),
        entries=[_idea_entry(i) for i in queries.new_ideas(chosen.id)],
    )


@bp.route("/areas/<slug>.<any(atom, rss):fmt>")
@_format
def area(slug: str) -> Feed:
    """New ideas in one area of the municipality."""
    chosen = area_by_slug(slug)
    if chosen is None:
        abort(404)
    page = absolute_url("ideas.index", area=chosen.slug)
    return Feed(
        id=page,
        title=_("New ideas: %(area)s", area=chosen.name),
        link=page,
        subtitle=_("Ideas citizens have posted about %(area)s.", area=chosen.name),
        entries=[_idea_entry(i) for i in queries.new_ideas(area_id=chosen.id)],
    )


def _comment_entry(comment: Comment, idea: Idea) -> Entry:
    return Entry(
        # The id stays what readers have seen; the link finds the comment's page.
        id=absolute_url("ideas.detail", idea_id=idea.id, _anchor=f"comment-{comment.id}"),
        title=_("Comment by %(name)s", name=comment.author.display_name),
        link=absolute_url("comments.permalink", comment_id=comment.id),
        published=comment.created_at,
        updated=comment.edited_at or comment.created_at,
        author=comment.author.display_name,
        content=comment.body_html,
    )


def _status_entry(change: StatusChange, page: str, photo: Photo | None = None) -> Entry:
    return Entry(
        id=f"{page}#status-{change.id}",
        title=_("New status: %(status)s", status=STATUS_LABELS[change.to_status]),
        link=page,
        published=change.created_at,
        content=render_template("feeds/status.html", change=change),
        image=photo_enclosure(photo),
    )


@bp.route("/ideas/<id:idea_id>.<any(atom, rss):fmt>")
@_format
def idea(idea_id: int) -> Feed:
    """One idea: its new comments, status changes and the municipality's answer."""
    found = get_idea(idea_id)
    if found is None or not found.is_public:
        abort(404)
    page = absolute_url("ideas.detail", idea_id=found.id)
    entries = [_comment_entry(c, found) for c in queries.comments_of(found)]
    cover = next(iter(photo_queries.of_idea(found)), None)
    # The posting itself carries the idea's first photo (the feed's logo too).
    entries += [
        _status_entry(s, page, cover if s.from_status is None else None)
        for s in queries.status_changes_of(found)
    ]
    answer = queries.answer_of(found)
    if answer is not None:
        entries.append(_answer_entry(answer, found))
    thanks = municipality.thank_you_of(found)
    if thanks is not None:
        entries.append(_thanks_entry(thanks, found))
    entries.sort(key=lambda e: e.updated or e.published, reverse=True)
    return Feed(
        id=page,
        title=found.title,
        link=page,
        subtitle=_("Comments, status changes and the municipality's answer."),
        entries=entries[: queries.LIMIT],
        image=photo_url(cover, "large", external=True) if cover else None,
    )


def _answer_entry(answer, idea: Idea) -> Entry:  # type: ignore[no-untyped-def]
    page = absolute_url("ideas.detail", idea_id=idea.id, _anchor="answer")
    return Entry(
        id=page,
        title=_("The municipality's answer: %(title)s", title=idea.title),
        link=page,
        published=answer.answered_at,
        updated=answer.answer_edited_at or answer.answered_at,
        author=answer.department.name,
        content=answer.answer_html,
    )


def _thanks_entry(note, idea: Idea) -> Entry:  # type: ignore[no-untyped-def]
    page = absolute_url("ideas.detail", idea_id=idea.id, _anchor="thanks")
    return Entry(
        id=page,
        title=_("Thank you from the municipality: %(title)s", title=idea.title),
        link=page,
        published=note.created_at,
        updated=note.edited_at or note.created_at,
        author=_("The municipality"),
        content=note.body_html,
    )


@bp.route("/answers.<any(atom, rss):fmt>")
@_format
def answers() -> Feed:
    """Every answer the municipality has given."""
    return Feed(
        id=absolute_url("feeds.answers", fmt="atom"),
        title=_("The municipality's answers"),
        link=absolute_url("ideas.index"),
        subtitle=_("The municipality's public answers to citizens' ideas."),
        entries=[_answer_entry(a, a.idea) for a in queries.answers()],
    )


@bp.route("/meetings.<any(atom, rss):fmt>")
@_format
def meetings() -> Feed:
    """Published meetings: new and updated agendas and decisions."""
    found = queries.published_meetings()
    agendas = queries.public_agendas(found)
    entries = []
    for meeting in found:
        page = absolute_url("municipality.meeting", meeting_id=meeting.id)
        entries.append(
            Entry(
                id=page,
                title=meeting.title,
                link=page,
                published=meeting.published_at,
                updated=meeting.updated_at,
                content=render_template(
                    "feeds/meeting.html", meeting=meeting, items=agendas[meeting.id]
                ),
            )
        )
    return Feed(
        id=absolute_url("municipality.meetings"),
        title=_("Meetings"),
        link=absolute_url("municipality.meetings"),
        subtitle=_("Agendas and decisions of the committees and the council."),
        entries=entries,
    )


def _challenge_entry(challenge: Challenge) -> Entry:
    page = absolute_url("challenges.detail", challenge_id=challenge.id)
    return Entry(
        id=page,
        title=challenge.title,
        link=page,
        published=challenge.opens_at,
        updated=challenge.updated_at,
        content=render_template("feeds/challenge.html", challenge=challenge),
    )


def _phase_entries(challenge: Challenge, page: str) -> list[Entry]:
    """An entry for each phase the challenge has reached, when it did."""
    reached = [(Phase.OPEN, challenge.opened_at)]
    if challenge.phase in (Phase.EVALUATION, Phase.RESULTS, Phase.CLOSED):
        reached.append((Phase.EVALUATION, challenge.closes_at))
    if challenge.results_published_at is not None:
        reached.append((Phase.RESULTS, challenge.results_published_at))
    if challenge.phase in (Phase.CLOSED, Phase.CANCELLED):
        reached.append((Phase(challenge.phase), challenge.phase_changed_at))
    awarded = (
        [(i, a) for i, a in jury_queries.results_of(challenge) if a.award]
        if challenge.results_published_at
        else []
    )
    return [
        Entry(
            id=f"{page}#phase-{phase.value}",
            title=_(
                "%(challenge)s: %(phase)s", challenge=challenge.title, phase=PHASE_LABELS[phase]
            ),
            link=f"{page}#results" if phase == Phase.RESULTS else page,
            published=at,  # type: ignore[arg-type]
            content=render_template(
                "feeds/challenge_phase.html", challenge=challenge, phase=phase, awarded=awarded
            ),
        )
        for phase, at in reached
        if at is not None
    ]


@bp.route("/challenges.<any(atom, rss):fmt>")
@_format
def challenges() -> Feed:
    """Every challenge the municipality has set, as it opens, closes and ends."""
    return Feed(
        id=absolute_url("challenges.index"),
        title=_("Challenges"),
        link=absolute_url("challenges.index"),
        subtitle=_("The questions the municipality asks, and what became of them."),
        entries=[_challenge_entry(c) for c in challenge_queries.public_challenges(queries.LIMIT)],
    )


@bp.route("/challenges/<id:challenge_id>.<any(atom, rss):fmt>")
@_format
def challenge(challenge_id: int) -> Feed:
    """One challenge: each phase it has been through (the results with their
    winners) and its new answers."""
    found = challenge_queries.load(challenge_id)
    if found is None or not found.is_public:
        abort(404)
    page = absolute_url("challenges.detail", challenge_id=found.id)
    answers = challenge_queries.answers(found, "new", 1, queries.LIMIT).items
    return Feed(
        id=page,
        title=found.title,
        link=page,
        subtitle=_("New answers and the phases of the challenge."),
        entries=sorted(
            [*_phase_entries(found, page), *(_idea_entry(i) for i in answers)],
            key=lambda e: e.updated or e.published,
            reverse=True,
        ),
    )


@bp.route("/meetings.ics")
def calendar() -> Response:
    """The published meetings, and the deadlines and results dates of open
    challenges and those in evaluation, as an iCalendar feed calendar apps
    subscribe to."""
    found = queries.published_meetings()
    agendas = queries.public_agendas(found)
    deadlines = challenge_queries.with_deadlines()
    cal = calendars.build(found, agendas, deadlines)
    moments = [m.updated_at for m in found] + [c.updated_at for c in deadlines]
    updated = max((aware(m) for m in moments), default=EMPTY_FEED_DATE)
    return _conditional(cal.to_ical(), "text/calendar", updated)
