"""Open data: whether a person is named in it, and when public content last changed

Revision ID: 0027_open_data
Revises: 0026_log_chain
Create Date: 2026-12-04 03:00:00

``user_account.credit_by_name``: the person allows their display name in
the open data (default no: it says "a citizen"). ``content_version.changed_at``:
when the content version last rose, the downloads' Last-Modified.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_open_data"
down_revision = "0026_log_chain"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(
            sa.Column("credit_by_name", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("content_version") as batch:
        batch.add_column(sa.Column("changed_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("content_version") as batch:
        batch.drop_column("changed_at")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("credit_by_name")
