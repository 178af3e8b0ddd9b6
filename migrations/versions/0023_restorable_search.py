"""The search wrapper names unaccent's schema, so pg_restore can rebuild the index

Revision ID: 0023_restorable_search
Revises: 0022_report_pdf
Create Date: 2026-12-02 18:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0023_restorable_search'
down_revision = '0022_report_pdf'
branch_labels = None
depends_on = None


def upgrade():
    # pg_restore builds indexes with an empty search_path: the function the
    # search index uses must name the schema of unaccent (CREATE OR REPLACE
    # keeps the index, whose results do not change).
    if op.get_bind().dialect.name == "postgresql":
        from portal.ideas.search import install

        install(op.get_bind())


def downgrade():
    pass  # the unqualified wrapper worked everywhere but in a restore
