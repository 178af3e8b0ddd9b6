"""A moderator may hide an older version (e.g. personal data edited out since)

Revision ID: 0030_hidden_versions
Revises: 0029_revisions
Create Date: 2026-12-04 05:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0030_hidden_versions"
down_revision = "0029_revisions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("revision") as batch:
        batch.add_column(sa.Column("hidden_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("hidden_reason", sa.String(length=1000), nullable=True))
        batch.create_check_constraint(
            "hidden_has_reason", "(hidden_at IS NULL) = (hidden_reason IS NULL)"
        )


def downgrade():
    with op.batch_alter_table("revision") as batch:
        batch.drop_constraint("ck_revision_hidden_has_reason", type_="check")
        batch.drop_column("hidden_reason")
        batch.drop_column("hidden_at")
