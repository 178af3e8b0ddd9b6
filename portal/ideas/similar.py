"""Has someone already suggested this? The ideas most like a title being
written, from the full-text index the search uses (FTS5 on SQLite, the
``tsvector`` index on PostgreSQL).

The search asks for every word; this asks for any of them, ranked, so the
idea sharing the most (and the rarest) words comes first. Citizens write
the same thing in different ways, so each word also stands for what starts
like it: "cykel sti" finds "cykelsti" and "cykelsti" finds "cykel sti"
(each word's first four letters, prefix-matched, play the part of a
stemmer the index does not have), small words that say nothing
("og", "på", "het") are left out, and a few words municipal sites know
to mean the same are asked for together ("p-pladser", "parkering"). Open
ideas come first; a duplicate that was merged shows the idea it was
merged into instead.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.ideas import search
from portal.ideas.models import CLOSED_STATUSES, Idea, IdeaStatus

SHOWN = 5
CANDIDATES = 20  # ranked by the index, of which the public ones are shown
STEM = 4  # the letters a long word's family shares
LONG = 8  # a word this long may be a compound that others write in two
MAX_WORDS = 10

# Words that tell nothing about an idea, in the portal's languages.
FUNCTION_WORDS = frozenset({
    # da / nb
    "og", "i", "på", "til", "af", "av", "for", "med", "ved", "den", "det", "de", "en", "et",
    "er", "om", "at", "fra", "som", "der", "har", "mere", "mer", "flere", "hele", "alle",
    "eller", "ikke", "vi", "jeg", "kan", "skal", "vil", "så", "også", "over", "under", "efter",
    "uden", "hver", "nye", "ny", "bedre", "mange", "nogle", "os", "vores", "vår", "våre",
    "kommunen", "kommune", "enn",
    # nl
    "het", "een", "van", "in", "op", "bij", "voor", "aan", "te", "naar", "is", "meer", "ook",
    "niet", "we", "wij", "onze", "ons",
    # en
    "the", "a", "an", "and", "of", "on", "with", "to", "more", "our",
})  # fmt: skip
# Words asked for together: what citizens write, and what the idea may say.
SAME_MEANING = (
    ("parkering", "pplads", "ppladser", "parkeringsplads"),
    ("cykel", "cykelsti", "sykkel", "fiets"),
    ("legeplads", "lekeplass", "speelplaats"),
    ("bibliotek", "bibliotheek"),
    ("skole", "skule", "school"),
)
_FAMILY = {word: family for family in SAME_MEANING for word in family}


def words(title: str) -> list[str]:
    """The words of a title that say something, lower case, accents kept
    (the index ignores them), "p-pladser" read as one word."""
    text = unicodedata.normalize("NFKC", title or "").lower()
    text = re.sub(r"\b(\w)-(\w)", r"\1\2", text)  # p-pladser, el-biler
    found = []
    for word in re.findall(r"\w+", text):
        if word not in FUNCTION_WORDS and not word.isdigit() and word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def asked_for(title: str) -> list[str]:
    """What the index is asked for: each word, its first letters, and the
    words that mean the same; any of them may match."""
    terms: list[str] = []
    for word in words(title):
        family = _FAMILY.get(word) or next(
            (f for w, f in _FAMILY.items() if word.startswith(w)), (word,)
        )
        stem = (word[:STEM],) if len(word) >= LONG else ()
        for term in (word, *stem, *family):
            if len(term) >= 2 and term not in terms:
                terms.append(term)
    return terms


def _match(terms: list[str], dialect: str) -> str:
    if dialect == "postgresql":
        return " | ".join(f"{term}:*" for term in terms)
    alternatives = " OR ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
    return f"{{title}} : ({alternatives})"


# Hidden ideas (``Idea.visible`` is false: hidden_at is set) are left out
# before ranking, so that many of them cannot push a visible one out.
_FTS_RANKED = sa.text(
    "SELECT rowid FROM idea_fts WHERE idea_fts MATCH :match"
    " AND rowid NOT IN (SELECT id FROM idea WHERE hidden_at IS NOT NULL)"
    " ORDER BY bm25(idea_fts, 10.0, 1.0) LIMIT :limit"
)
# A word (and the words it starts) in more titles than this share of all
# ideas tells them apart no better than "og" does, and costs the most to
# rank: it is left out while rarer words remain.
COMMON = 0.02
# How many titles hold a word changes slowly: each process keeps what it
# looked up for a while (a word's count costs one lookup in the index's
# vocabulary, about a millisecond).
KEEP_SECONDS = 600.0
_KEPT: dict[str, tuple[float, int]] = {}
_TITLE_DOCS = sa.text(
    "SELECT coalesce(sum(doc), 0) FROM idea_fts_terms"
    " WHERE col = 'title' AND term >= :first AND term < :after"
)
_TOTAL = sa.text("SELECT count(*) FROM idea")


def _kept(key: str, look_up: Callable[[], int]) -> int:
    now = time.monotonic()
    kept = _KEPT.get(key)
    if kept is None or now - kept[0] > KEEP_SECONDS:
        if len(_KEPT) > 10_000:
            _KEPT.clear()
        kept = _KEPT[key] = (now, look_up())
    return kept[1]


def _telling(terms: list[str]) -> list[str]:
    """SQLite: the terms without those in too many titles, rarest first; all
    of them if none is rare."""
    total = _kept("", lambda: int(db.session.scalar(_TOTAL) or 0))
    limit = max(50, COMMON * total)
    docs = {
        term: _kept(
            term,
            lambda term=term: int(
                db.session.scalar(_TITLE_DOCS, {"first": term, "after": term + "\U0010ffff"})
            ),
        )
        for term in terms
    }
    rare = sorted((t for t in terms if docs[t] <= limit), key=docs.__getitem__)
    return rare or terms


def _ranked(terms: list[str], exclude: int | None) -> list[int]:
    """The ids of the best matches, best first (public or not)."""
    dialect = search.dialect()
    if dialect == "sqlite":
        terms = _telling(terms)
    match = _match(terms, dialect)
    if dialect == "sqlite":
        found = db.session.scalars(_FTS_RANKED, {"match": match, "limit": CANDIDATES + 1})
        return [i for i in found if i != exclude][:CANDIDATES]
    document = sa.literal_column(f"({search._PG_DOCUMENT})")
    tsquery = func.to_tsquery("simple", func.portal_unaccent(match))
    stmt = (
        select(Idea.id)
        .where(document.op("@@")(tsquery), Idea.visible, Idea.id != (exclude or 0))
        .order_by(func.ts_rank(document, tsquery).desc(), Idea.id.desc())
        .limit(CANDIDATES)
    )
    return list(db.session.scalars(stmt))


def similar_ideas(title: str, body: str = "", exclude: int | None = None) -> list[Idea]:
    """Up to five public ideas like ``title`` (and the start of ``body``),
    those still open first (then decided, then withdrawn ones), each with
    its category and author; a merged duplicate stands for the idea it was
    merged into. Two queries however many match."""
    terms = asked_for(title) or asked_for(" ".join(body.split()[:12]))
    if not terms:
        return []
    ranked = _ranked(terms, exclude)
    if not ranked:
        return []
    stand_in = sa.case((Idea.status == IdeaStatus.MERGED, Idea.merged_into_id), else_=Idea.id)
    rows = db.session.execute(select(Idea.id, stand_in).where(Idea.id.in_(ranked))).all()
    shown_for = {found: shown for found, shown in rows if shown is not None}
    wanted = list(dict.fromkeys(shown_for[i] for i in ranked if i in shown_for))
    wanted = [i for i in wanted if i != exclude]
    loaded = {
        idea.id: idea
        for idea in db.session.scalars(
            select(Idea)
            .where(Idea.id.in_(wanted), Idea.visible)
            .options(joinedload(Idea.category), joinedload(Idea.author))
        )
    }
    ideas = [loaded[i] for i in wanted if i in loaded]
    return sorted(ideas, key=_settled)[:SHOWN]


# Ideas still open to support come first, then those the municipality has
# decided, then withdrawn ones (a stable sort keeps the ranking within each).
DECIDED = (IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.IMPLEMENTED)


def _settled(idea: Idea) -> int:
    return 2 if idea.status in CLOSED_STATUSES else 1 if idea.status in DECIDED else 0
