"""Times the portal's background jobs: a 100-idea meeting report as PDF, and
the daily digests of 10,000 subscribers. Run by ``make bench`` (and alone:
``python -m bench.jobs``). Each builds its own SQLite database in bench/data."""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select

from portal import create_app
from portal.accounts.models import User
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea, StatusChange
from portal.municipality.models import AgendaItem, Department, HandOver, Meeting
from portal.notifications.digests import build_digests
from portal.notifications.models import Delivery, Follow, NotificationSettings
from portal.reports import cache, pdf
from portal.reports.queries import meeting_report
from portal.timeutil import utcnow

DATA = Path(__file__).resolve().parent / "data"
WORDS = ("bench", "path", "school", "lake", "bus", "library", "park", "light", "market", "bike")


def _app(name: str):  # type: ignore[no-untyped-def]
    DATA.mkdir(exist_ok=True)
    path = DATA / f"{name}.sqlite3"
    path.unlink(missing_ok=True)
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
    app = create_app("production", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    return app


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _base(rng: random.Random, people: int, ideas: int) -> tuple[list[int], list[int], int]:
    now = utcnow()
    db.create_all()
    category = Category(slug="all", name_en="All", name_da="Alle", name_nb="Alle", name_nl="Alle")
    department = Department(slug="d", name_en="D", name_da="D", name_nb="D", name_nl="D")
    db.session.add_all([category, department])
    db.session.flush()
    db.session.execute(
        insert(User),
        [
            {"email": f"u{n}@example.org", "name": f"Citizen {n}", "password_hash": "x",
             "role": "citizen", "locale": rng.choice(["da", "nb", "nl", "en"]),
             "created_at": now, "email_verified_at": now}
            for n in range(people)
        ],
    )  # fmt: skip
    user_ids = list(db.session.scalars(select(User.id)))
    db.session.execute(
        insert(Idea),
        [
            {"title": _text(rng, 6), "body": _text(rng, 80),
             "body_html": f"<p>{_text(rng, 80)}</p>",
             "category_id": category.id, "author_id": rng.choice(user_ids), "status": "on_agenda",
             "created_at": now - timedelta(days=30), "last_activity_at": now,
             "support_count": rng.randint(0, 500)}
            for _ in range(ideas)
        ],
    )  # fmt: skip
    idea_ids = list(db.session.scalars(select(Idea.id)))
    return user_ids, idea_ids, department.id


def time_report(ideas: int = 100) -> dict:
    """Render the PDF of a meeting with ``ideas`` items, each with its history,
    memo, answer and three comments."""
    rng = random.Random(1)
    app = _app("report")
    app.config["REPORT_CACHE"] = True
    with app.app_context():
        user_ids, idea_ids, department_id = _base(rng, 200, ideas)
        now = utcnow()
        meeting = Meeting(body="City Council", starts_at=now - timedelta(days=1), place="Hall",
                          published_at=now, updated_at=now)  # fmt: skip
        db.session.add(meeting)
        db.session.flush()
        for position, idea_id in enumerate(idea_ids, start=1):
            db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea_id, position=position,
                                      decision="accepted", decision_text="Yes",
                                      decision_html="<p>Yes</p>", decided_at=now))  # fmt: skip
            db.session.add(HandOver(idea_id=idea_id, department_id=department_id,
                                    memo=_text(rng, 40), memo_html=f"<p>{_text(rng, 40)}</p>",
                                    support_count=1, created_at=now - timedelta(days=20),
                                    due_at=now + timedelta(days=10), answer="a",
                                    answer_html=f"<p>{_text(rng, 60)}</p>",
                                    answered_at=now - timedelta(days=10)))  # fmt: skip
            for status in ("new", "handed_over", "on_agenda", "accepted"):
                db.session.add(StatusChange(idea_id=idea_id, to_status=status, created_at=now))
            for _ in range(3):
                db.session.add(Comment(idea_id=idea_id, author_id=rng.choice(user_ids),
                                       body="c", body_html=f"<p>{_text(rng, 30)}</p>",
                                       created_at=now))  # fmt: skip
        db.session.commit()
        with app.test_request_context(headers={"Accept-Language": "da"}):
            from flask import render_template

            cache.clear()  # the first rendering is timed, then a cached one
            started = time.perf_counter()
            report = meeting_report(meeting)
            html = render_template(
                "reports/report.html", meeting=meeting, report=report, produced=now,
                page_words=["Side", "af", ""], fmt="pdf",
            )  # fmt: skip
            data, _kept = cache.cached_pdf(html, lambda: pdf.render_pdf(html))
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            cache.cached_pdf(html, lambda: pdf.render_pdf(html))
            cached_seconds = time.perf_counter() - started
        db.session.remove()
    return {
        "ideas": ideas,
        "seconds": round(seconds, 2),
        "cached_seconds": round(cached_seconds, 3),
        "pdf_bytes": len(data),
    }


def time_digests(subscribers: int = 10_000) -> dict:
    """Build the daily digests of ``subscribers`` citizens who each follow five
    ideas, with 2,000 new comments on 400 ideas in the last day."""
    rng = random.Random(2)
    app = _app("digests")
    with app.app_context():
        user_ids, idea_ids, _department = _base(rng, subscribers, 400)
        now = utcnow()
        db.session.execute(
            insert(NotificationSettings),
            [{"user_id": u, "idea_delivery": "daily", "category_delivery": "off",
              "all_ideas_delivery": "off", "no_email": False, "auto_follow": True}
             for u in user_ids],
        )  # fmt: skip
        db.session.execute(
            insert(Follow),
            [{"user_id": u, "kind": "idea", "idea_id": i, "created_at": now}
             for u in user_ids for i in rng.sample(idea_ids, 5)],
        )  # fmt: skip
        db.session.execute(
            insert(Comment),
            [{"idea_id": rng.choice(idea_ids), "author_id": rng.choice(user_ids), "body": "c",
              "body_html": "<p>c</p>", "created_at": now - timedelta(hours=rng.uniform(0, 20))}
             for _ in range(2000)],
        )  # fmt: skip
        db.session.commit()
        with app.test_request_context():
            started = time.perf_counter()
            result = build_digests(Delivery.DAILY, now)
            seconds = time.perf_counter() - started
        db.session.remove()
    return {
        "subscribers": subscribers,
        "written": result.written,
        "nothing_new": result.nothing_new,
        "seconds": round(seconds, 1),
    }


def time_export(ideas: int = 100_000) -> dict:
    """Download the open-data ideas as CSV with ``ideas`` ideas, through the
    whole request path: how long it takes, and the most memory the
    download held at once (tracemalloc, in a second download: a stream
    holds a batch, an export built in memory would hold all of it). Then
    the similar-ideas suggestions over the same ideas."""
    import tracemalloc

    from bench.dataset import Text

    rng = random.Random(3)
    text = Text(rng)
    app = _app("export")
    with app.app_context():
        user_ids, _ideas, _department = _base(rng, 2000, 1)
        category_id = db.session.scalar(select(Category.id))
        now = utcnow()
        bodies = text.bodies(300, 2)
        for start in range(0, ideas, 5000):
            db.session.execute(
                insert(Idea),
                [{"title": text.sentence(rng.randint(4, 9)), "body": body, "body_html": html,
                  "category_id": category_id, "author_id": rng.choice(user_ids),
                  "created_at": now, "last_activity_at": now}
                 for body, html in rng.choices(bodies, k=min(5000, ideas - start))],
            )  # fmt: skip
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    started = time.perf_counter()
    size = sum(
        len(chunk)
        for chunk in client.get("/open-data/ideas.csv", base_url="https://localhost").iter_encoded()
    )
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _chunk in client.get("/open-data/ideas.csv", base_url="https://localhost").iter_encoded():
        pass
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with app.test_request_context():
        similar_ms = _time_similar([text.sentence(rng.randint(3, 7)) for _ in range(12)])
    return {
        "ideas": ideas,
        "seconds": round(seconds, 2),
        "megabytes": round(size / 1e6, 1),
        "peak_megabytes": round(peak / 1e6, 1),
        "similar_ms": similar_ms,
    }


def _time_similar(titles: list[str], rounds: int = 3) -> float:
    """The median time (ms) of the similar-ideas suggestions for new titles
    drawn from the same words, over the ideas there are."""
    from portal.ideas.similar import similar_ideas

    times = []
    for _ in range(rounds):
        for title in titles:
            started = time.perf_counter()
            similar_ideas(title)
            times.append((time.perf_counter() - started) * 1000)
    db.session.remove()
    return round(sorted(times)[len(times) // 2], 1)


def measure() -> dict:
    return {"report": time_report(), "digests": time_digests(), "export": time_export()}


if __name__ == "__main__":
    print(measure())
