"""Build a benchmark dataset with bulk inserts.

    python -m bench.dataset --scale small|large --database-url URL

small: ≈200 ideas, ≈1,000 comments and replies, ≈4,000 supports, 60 citizens.
large: 100,000 ideas, 300,000 comments, 1,000,000 supports, 20,000 citizens,
spread over five years. Counters and trending scores are computed while
generating, exactly as the services would store them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from bisect import bisect
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from portal import create_app
from portal.accounts.models import Role, User
from portal.accounts.services import hash_password
from portal.challenges.models import Answer, Challenge, Criterion, JuryMember, Score, Terms
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas import tally
from portal.ideas.models import Category, Idea, StatusChange
from portal.ideas.services import trending_score
from portal.municipality.models import Department
from portal.nominations.counts import recount
from portal.nominations.models import Nomination, NominationCall, Nominee
from portal.sanitize import render_markdown
from portal.supports.models import Support

SCALES = {
    "small": {"users": 60, "ideas": 200, "comments": 1_000, "supports": 4_000, "days": 365},
    "large": {"users": 20_000, "ideas": 100_000, "comments": 300_000, "supports": 1_000_000,
              "days": 5 * 365},
}  # fmt: skip
DETAIL_COMMENTS = 20
BATCH = 20_000
PASSWORD = "bench-password"  # noqa: S105 - benchmark accounts only

SEARCH_TERM = "cykelsti"
# The measured challenge: in evaluation, CHALLENGE_ANSWERS of the oldest
# ideas are its answers, each scored by every member on every criterion.
CHALLENGE_ANSWERS = 200
JURY_MEMBERS = 5
CRITERIA = 4
# Its pyramid: NOMINATIONS nominations by accounts of their own (three each
# at most) of NOMINEES people over three rounds.
NOMINATIONS = 2_000
NOMINEES = (350, 110, 40)  # per round
TOOK_PART = (60, 15)  # of rounds 1 and 2: they nominate the next round
NOMINATOR_BASE = 20_000_000


def _vocabulary(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    """Made-up Danish-looking words with Zipf frequencies (as real text has).
    The search term sits at the rank where it appears in about 2 % of ideas."""
    syllables = [
        "ka", "be", "sko", "le", "ve", "dan", "ri", "mo", "ste", "sø",
        "ha", "gen", "lund", "by", "vej", "hus", "tor", "bæk", "ning", "sted",
    ]  # fmt: skip
    words: list[str] = []
    seen = {SEARCH_TERM}
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    words.insert(465, SEARCH_TERM)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


CATEGORIES = ["roads", "nature", "culture", "schools", "elderly-care", "business", "climate",
              "sport"]  # fmt: skip


class Text:
    """Random titles and Markdown bodies drawn from the vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, self.cumulative = _vocabulary(rng)

    def sentence(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=n)).capitalize()

    def bodies(self, count: int = 300, max_paragraphs: int = 3) -> list[tuple[str, str]]:
        """A pool of Markdown texts with their HTML (rendering is not what is measured)."""
        pool = []
        for _ in range(count):
            parts = [
                self.sentence(self.rng.randint(15, 40)) + "."
                for _ in range(self.rng.randint(1, max_paragraphs))
            ]
            if len(parts) > 1:
                parts.insert(1, "\n".join(f"- {self.sentence(5)}" for _ in range(3)))
            parts[0] = parts[0].replace(" ", " **", 1).replace(" ", "** ", 2)
            source = "\n\n".join(parts)
            pool.append((source, render_markdown(source)))
        return pool


def _insert(model: type, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])


def build(scale: str, seed: int = 7) -> dict:
    spec = SCALES[scale]
    rng = random.Random(seed)
    writer = Text(rng)
    now = datetime(2026, 11, 1, 12, 0)
    start = now - timedelta(days=spec["days"])
    span = (now - start).total_seconds()

    def moment_after(t0: datetime) -> datetime:
        return t0 + timedelta(seconds=rng.uniform(0, max((now - t0).total_seconds(), 1)))

    categories = [
        {
            "id": n + 1,
            "slug": slug,
            "position": n,
            "name_en": slug.title(),
            "name_da": slug,
            "name_nb": slug,
            "name_nl": slug,
        }  # fmt: skip
        for n, slug in enumerate(CATEGORIES)
    ]
    _insert(Category, categories)

    password = hash_password(PASSWORD)
    users = [
        {
            "id": n,
            "email": f"user{n}@bench.example",
            "name": f"Borger {n}",
            "password_hash": password,
            "role": Role.CITIZEN,
            "locale": "da",
            "created_at": start,
            "email_verified_at": start,
        }  # fmt: skip
        for n in range(1, spec["users"] + 1)
    ]
    _insert(User, users)

    bodies = writer.bodies()
    n_ideas = spec["ideas"]
    # Ideas are spread evenly over the period, oldest first (ids follow time).
    created = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(n_ideas))
    events: list[list[datetime]] = [[c] for c in created]
    support_counts = [0] * n_ideas
    comment_counts = [0] * n_ideas

    # Supports: a skewed share per idea (a few very popular ideas, a long tail).
    weights = [rng.paretovariate(1.3) for _ in range(n_ideas)]
    cap = spec["users"] - 1
    factor = spec["supports"] / sum(weights)
    for _ in range(20):  # raise the factor until the capped counts reach the target
        reached = sum(min(round(factor * w), cap) for w in weights)
        if reached >= spec["supports"]:
            break
        factor *= spec["supports"] / max(reached, 1)
    supports = []
    for index, weight in enumerate(weights):
        k = min(round(factor * weight), cap)
        supporters = rng.sample(range(1, spec["users"] + 1), k)
        for user_id in supporters:
            at = moment_after(created[index])
            supports.append({"idea_id": index + 1, "user_id": user_id, "created_at": at})
            events[index].append(at)
        support_counts[index] = k

    # Comments: the newest idea gets exactly DETAIL_COMMENTS (the detail page
    # measured); the rest are spread with a bias towards popular ideas.
    detail_index = n_ideas - 1
    comments = []
    cumulative, acc = [], 0.0
    for weight in weights[:-1]:
        acc += weight**0.5
        cumulative.append(acc)
    for n in range(spec["comments"]):
        if n < DETAIL_COMMENTS:
            index = detail_index
        else:
            index = min(bisect(cumulative, rng.uniform(0, cumulative[-1])), n_ideas - 2)
        at = moment_after(created[index])
        comments.append(
            {"idea_id": index + 1, "author_id": rng.randint(1, spec["users"]), "created_at": at}
        )
        events[index].append(at)
        comment_counts[index] += 1
    comments.sort(key=lambda c: c["created_at"])
    last_top: dict[int, int] = {}
    comment_rows = []
    short_bodies = writer.bodies(max_paragraphs=1)
    for comment_id, comment in enumerate(comments, start=1):
        source, html = rng.choice(short_bodies)
        parent = last_top.get(comment["idea_id"]) if rng.random() < 0.4 else None
        comment_rows.append(
            {**comment, "id": comment_id, "parent_id": parent, "body": source, "body_html": html}
        )
        if parent is None:
            last_top[comment["idea_id"]] = comment_id

    ideas, history = [], []
    for index in range(n_ideas):
        source, html = rng.choice(bodies)
        title = writer.sentence(rng.randint(4, 10))[:150]
        ideas.append(
            {
                "id": index + 1,
                "title": title,
                "body": source,
                "body_html": html,
                "category_id": rng.randint(1, len(CATEGORIES)),
                "author_id": rng.randint(1, spec["users"]),
                "status": "new",
                "created_at": created[index],
                "support_count": support_counts[index],
                "comment_count": comment_counts[index],
                "last_activity_at": max(events[index]),
                "trending_score": trending_score(events[index]),
            }  # fmt: skip
        )
        history.append({"idea_id": index + 1, "to_status": "new", "created_at": created[index]})

    owner_email = _challenge(password, now)
    for index, idea in enumerate(ideas):
        idea["challenge_id"] = 1 if index < CHALLENGE_ANSWERS else None
    _insert(Idea, ideas)
    _insert(StatusChange, history)
    _insert(Comment, comment_rows)
    _insert(Support, supports)
    _answers_and_scores(rng, ideas[:CHALLENGE_ANSWERS], now)
    _pyramid(rng, password, now)
    tally.rebuild()
    db.session.commit()
    if db.session.get_bind().dialect.name in ("sqlite", "postgresql"):
        db.session.execute(text("ANALYZE"))  # statistics for the query planner
        db.session.commit()
    return {
        "scale": scale,
        "ideas": n_ideas,
        "comments": len(comment_rows),
        "supports": len(supports),
        "users": spec["users"],
        "detail_idea_id": detail_index + 1,
        "category_slug": CATEGORIES[0],
        "search_term": SEARCH_TERM,
        "citizen_email": "user1@bench.example",
        "challenge_id": 1,
        "owner_email": owner_email,
    }


def _challenge(password: str, now: datetime) -> str:
    """A department, an official who owns the challenge, and the challenge in
    evaluation with its criteria. Returns the owner's address."""
    _insert(Department, [{"id": 1, "slug": "roads", "name_en": "Roads", "name_da": "Veje",
                          "name_nb": "Veier", "name_nl": "Wegen"}])  # fmt: skip
    owner_id = 10_000_000
    _insert(User, [{"id": owner_id, "email": "owner@bench.example", "name": "Ejer",
                    "password_hash": password, "role": Role.OFFICIAL, "department_id": 1,
                    "locale": "da", "created_at": now, "email_verified_at": now}])  # fmt: skip
    _insert(Terms, [{"id": 1, "slug": "cc-by", "version": 1, "current": True,
                     "name_en": "CC BY 4.0", "name_da": "CC BY 4.0", "name_nb": "CC BY 4.0",
                     "name_nl": "CC BY 4.0", "text_en": "CC BY 4.0", "text_da": "CC BY 4.0",
                     "text_nb": "CC BY 4.0", "text_nl": "CC BY 4.0", "text_html_en": "",
                     "text_html_da": "", "text_html_nb": "", "text_html_nl": ""}])  # fmt: skip
    brief = "## Baggrund\n\nHvordan gør vi cykelstierne sikrere om vinteren?"
    _insert(Challenge, [{"id": 1, "title": "Sikre cykelstier om vinteren",
                         "summary": "Vi vil høre jeres løsninger.", "brief": brief,
                         "brief_html": render_markdown(brief), "department_id": 1,
                         "created_by_id": owner_id, "phase": "evaluation", "scheduled": False,
                         "opened_at": now - timedelta(days=60),
                         "opens_at": now - timedelta(days=60), "closes_at": now - timedelta(days=1),
                         "results_due": now + timedelta(days=30), "reward": "Udførelse",
                         "terms_id": 1, "scale_max": 5, "created_at": now, "updated_at": now,
                         "phase_changed_at": now}])  # fmt: skip
    _insert(Criterion, [{"id": n + 1, "challenge_id": 1, "position": n, "weight": 100 // CRITERIA,
                         "name": f"Kriterium {n}", "description": ""}
                        for n in range(CRITERIA)])  # fmt: skip
    return "owner@bench.example"


def _answers_and_scores(rng: random.Random, answers: list[dict], now: datetime) -> None:
    """The answers' terms, the jury, and every member's score of every answer."""
    _insert(Answer, [{"idea_id": a["id"], "terms_id": 1, "answered_at": a["created_at"]}
                     for a in answers])  # fmt: skip
    _insert(JuryMember, [{"id": m, "challenge_id": 1, "user_id": m + 1, "email": None,
                          "name": f"Borger {m + 1}", "name_public": True, "invite_hash": None,
                          "invited_at": now, "joined_at": now}
                         for m in range(1, JURY_MEMBERS + 1)])  # fmt: skip
    _insert(Score, [{"member_id": m, "idea_id": a["id"], "criterion_id": c + 1,
                     "value": rng.randint(0, 5), "scale_max": 5, "scored_at": now}
                    for m in range(1, JURY_MEMBERS + 1) for a in answers
                    for c in range(CRITERIA)])  # fmt: skip


def _pyramid(rng: random.Random, password: str, now: datetime) -> None:
    """The challenge's call for nominations and its pyramid: popular nominees
    are named often (Zipf), and those who took part name the next round."""
    _insert(NominationCall, [{"challenge_id": 1, "question": "Hvem ved mere end dig?",
                              "per_nominator": 3, "ends_at": now + timedelta(days=10),
                              "created_at": now - timedelta(days=50)}])  # fmt: skip
    accounts = NOMINATIONS // 2  # enough for NOMINATIONS, three names each at most
    _insert(User, [{"id": NOMINATOR_BASE + n, "email": f"nominator{n}@bench.example",
                    "name": f"Indstiller {n}", "password_hash": password, "role": Role.CITIZEN,
                    "locale": "da", "created_at": now, "email_verified_at": now}
                   for n in range(accounts)])  # fmt: skip
    rounds, nominees, first = [], [], 1
    takers = iter(range(NOMINATOR_BASE, NOMINATOR_BASE + sum(TOOK_PART)))
    for number, size in enumerate(NOMINEES, start=1):
        ids = list(range(first, first + size))
        first += size
        rounds.append(ids)
        took = TOOK_PART[number - 1] if number <= len(TOOK_PART) else 0
        for i, nominee_id in enumerate(ids):
            nominees.append({
                "id": nominee_id, "challenge_id": 1, "name": f"Ekspert {nominee_id}",
                "email": None, "address_hash": f"{nominee_id:064x}", "round": number,
                "status": "took_part" if i < took else "invited", "invite_hash": None,
                "invited_at": now - timedelta(days=20), "locale": "da",
                "user_id": next(takers) if i < took else None, "shown": False,
                "created_at": now - timedelta(days=40 - number * 10),
            })  # fmt: skip
    _insert(Nominee, nominees)
    # Round 1's takers name round 2, round 2's round 3, everyone else round 1.
    next_round = {
        taker["user_id"]: rounds[taker["round"]]
        for taker in nominees
        if taker["user_id"] is not None and taker["round"] < len(rounds)
    }
    weights = [1 / (rank + 1) for rank in range(max(NOMINEES))]
    rows: list[dict] = []
    for n in range(accounts):
        user_id = NOMINATOR_BASE + n
        pool = next_round.get(user_id, rounds[0])
        for nominee_id in set(rng.choices(pool, weights[: len(pool)], k=3)):
            if len(rows) < NOMINATIONS:
                rows.append({"challenge_id": 1, "nominee_id": nominee_id,
                             "nominator_id": user_id, "named": n % 2 == 0,
                             "knowledge": "Ved meget om cykelstier om vinteren.",
                             "created_at": now - timedelta(days=5)})  # fmt: skip
    _insert(Nomination, rows)
    recount(1)


def schema_fingerprint() -> str:
    """Changes whenever the models change, so an old dataset is rebuilt."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateTable

    from portal.models import import_all as import_models

    import_models()
    ddl = "".join(
        str(CreateTable(table).compile(dialect=sqlite.dialect()))
        for table in db.metadata.sorted_tables
    )
    return hashlib.sha256(ddl.encode()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--info", type=Path, required=True, help="where to write the dataset facts")
    args = parser.parse_args()
    app = create_app("production", SQLALCHEMY_DATABASE_URI=args.database_url,
                     PASSWORD_HASH_METHOD="scrypt:16384:8:1")  # fmt: skip
    began = time.perf_counter()
    with app.app_context():
        db.drop_all()
        db.create_all()
        facts = build(args.scale)
    facts["build_seconds"] = round(time.perf_counter() - began, 1)
    facts["schema"] = schema_fingerprint()
    args.info.write_text(json.dumps(facts, indent=2))
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
