"""SQLite: the search index's vocabulary per column, for the similar-ideas suggestions

Revision ID: 0028_title_terms
Revises: 0027_open_data
Create Date: 2026-12-04 03:30:00

``idea_fts_terms`` (an fts5vocab table over ``idea_fts``) says how many
titles hold each word, so that the suggestions leave out words nearly every
title has. PostgreSQL needs nothing.
"""

from alembic import op

revision = "0028_title_terms"
down_revision = "0027_open_data"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        from portal.ideas.search import install

        install(op.get_bind())


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS idea_fts_terms")
