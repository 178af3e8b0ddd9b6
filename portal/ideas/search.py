"""Full-text search over idea titles and bodies, behind one function.

SQLite uses an FTS5 table kept in step by triggers; PostgreSQL uses a GIN
index on a weighted ``tsvector`` expression. Both rank titles above bodies.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy import Select, event, func
from sqlalchemy.engine import Connection

from portal.extensions import db
from portal.ideas.models import Idea

MAX_TERMS = 12

SQLITE_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS idea_fts USING fts5(
        title, body, content='idea', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS idea_fts_insert AFTER INSERT ON idea BEGIN
        INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS idea_fts_delete AFTER DELETE ON idea BEGIN
        INSERT INTO idea_fts(idea_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS idea_fts_update AFTER UPDATE OF title, body ON idea BEGIN
        INSERT INTO idea_fts(idea_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    # How many ideas' titles hold each word: the similar-ideas suggestions
    # leave out words nearly every title has (``ideas.similar``).
    "CREATE VIRTUAL TABLE IF NOT EXISTS idea_fts_terms USING fts5vocab(idea_fts, col)",
)
# Accents are ignored on both backends ("cafe" finds "café"): FTS5 by
# remove_diacritics, PostgreSQL by the unaccent extension, through an
# IMMUTABLE wrapper so that it can be part of the index expression.
_PG_DOCUMENT = (
    "setweight(to_tsvector('simple', portal_unaccent(title)), 'A')"
    " || setweight(to_tsvector('simple', portal_unaccent(body)), 'B')"
)
# The wrapper names the extension's schema ({schema}, filled in by
# ``install``): pg_restore rebuilds the index with an empty search_path, and
# an unqualified "unaccent" would not be found there.
POSTGRES_DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE OR REPLACE FUNCTION portal_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$""",
    f"CREATE INDEX IF NOT EXISTS ix_idea_search ON idea USING gin (({_PG_DOCUMENT}))",
)
_UNACCENT_SCHEMA = (
    "SELECT quote_ident(n.nspname) FROM pg_extension e"
    " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
)


def is_search_object(name: str, kind: str) -> bool:
    """True for the tables and indexes ``install`` creates (not in the models)."""
    return (kind == "table" and name.startswith("idea_fts")) or (
        kind == "index" and name == "ix_idea_search"
    )


def install(connection: Connection) -> None:
    """Create the search index for this backend (idempotent)."""
    ddl = {"sqlite": SQLITE_DDL, "postgresql": POSTGRES_DDL}.get(connection.dialect.name, ())
    schema = None
    for statement in ddl:
        if "{schema}" in statement:
            schema = schema or connection.exec_driver_sql(_UNACCENT_SCHEMA).scalar_one()
            statement = statement.replace("{schema}", schema)
        connection.exec_driver_sql(statement)


@event.listens_for(Idea.__table__, "after_create")
def _after_create(_table: sa.Table, connection: Connection, **_kw: object) -> None:
    install(connection)


def terms(query: str) -> list[str]:
    """The words of a query, NFKC-normalised as stored text is (Ａ → A)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", query or ""))[:MAX_TERMS]


def _fts5_match(words: list[str]) -> str:
    # Every word quoted (no FTS syntax gets through), prefix-matched, all required.
    return " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)


# SQLite: counting and ranking on the FTS5 table alone. Joining every match to
# its idea to see whether it is public cost more than the ranking itself; the
# few ideas that are not public are left out afterwards (``ideas.queries``).
_FTS_MATCHES = sa.text(
    "SELECT count(*) FROM (SELECT rowid FROM idea_fts WHERE idea_fts MATCH :match LIMIT :cap)"
)
_FTS_RANKED = sa.text(
    "SELECT rowid FROM idea_fts WHERE idea_fts MATCH :match"
    " ORDER BY bm25(idea_fts, 10.0, 1.0), rowid DESC LIMIT :limit"
)


def fts_matches(match: str, cap: int) -> int:
    """How many ideas (public or not) match, counted up to ``cap``."""
    return int(db.session.scalar(_FTS_MATCHES, {"match": match, "cap": cap}) or 0)


def fts_ranked(match: str, limit: int) -> list[int]:
    """The ids of the ``limit`` best matches (public or not), best first."""
    return list(db.session.scalars(_FTS_RANKED, {"match": match, "limit": limit}))


def dialect() -> str:
    return db.session.get_bind().dialect.name


def match_value(query: str, dialect: str) -> str | None:
    """What the search engine is asked for (the bound parameter ``match`` of
    ``matching``), or None when the query has no words."""
    words = terms(query)
    if not words:
        return None
    if dialect == "postgresql":
        # Words only (no operators can get through), prefix-matched, all required.
        return " & ".join(f"{word}:*" for word in words)
    return _fts5_match(words)


def matching(stmt: Select, dialect: str) -> Select:
    """Restrict a select of ideas to those matching the bound parameter
    ``match`` (``match_value``), best first. The statement does not depend
    on the query, so it can be built once."""
    match = sa.bindparam("match", type_=sa.String)
    if dialect == "sqlite":
        fts = sa.table("idea_fts", sa.column("rowid"))
        return (
            stmt.join(fts, fts.c.rowid == Idea.id)
            .where(sa.text("idea_fts MATCH :match").bindparams(match))
            .order_by(sa.text("bm25(idea_fts, 10.0, 1.0)"), Idea.id.desc())
        )
    if dialect == "postgresql":
        document = sa.literal_column(f"({_PG_DOCUMENT})")
        tsquery = func.to_tsquery("simple", func.portal_unaccent(match))
        return stmt.where(document.op("@@")(tsquery)).order_by(
            func.ts_rank(document, tsquery).desc(), Idea.id.desc()
        )
    raise NotImplementedError(f"No full-text search for {dialect}")
