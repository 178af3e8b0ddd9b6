"""Search ignores accents on PostgreSQL too (unaccent)

Revision ID: 0013_unaccented_search
Revises: 0012_idea_language
Create Date: 2026-11-24 16:35:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013_unaccented_search'
down_revision = '0012_idea_language'
branch_labels = None
depends_on = None


def upgrade():
    # SQLite's FTS5 index already ignores accents. On PostgreSQL the index is
    # rebuilt over unaccented text (unaccent is a trusted extension: the
    # database's owner may create it).
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_idea_search")
        from portal.ideas.search import install

        install(op.get_bind())


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_idea_search")
        op.execute(
            "CREATE INDEX ix_idea_search ON idea USING gin ((setweight(to_tsvector('simple',"
            " title), 'A') || setweight(to_tsvector('simple', body), 'B')))"
        )
        op.execute("DROP FUNCTION IF EXISTS portal_unaccent(text)")
