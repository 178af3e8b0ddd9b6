"""A moderator asks the author to edit an idea

Revision ID: 0036_edit_requests
Revises: 0035_canned_reasons
Create Date: 2026-12-06 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0036_edit_requests"
down_revision = "0035_canned_reasons"
branch_labels = None
depends_on = None


def upgrade():
    # A nullable column without a constraint: added in place on both
    # databases (no batch copy, so the full-text triggers stay).
    op.add_column("idea", sa.Column("edit_requested_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_column("edit_requested_at")

    from portal.ideas.search import install

    install(op.get_bind())
