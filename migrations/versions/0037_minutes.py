"""Minutes of a meeting, approved once

Revision ID: 0037_minutes
Revises: 0036_edit_requests
Create Date: 2026-12-06 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0037_minutes"
down_revision = "0036_edit_requests"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes_approved_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("minutes_approved_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_minutes_approved_by_id_user_account"),
            "user_account",
            ["minutes_approved_by_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_meeting_minutes_approved_by_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("minutes_approved_by_id")
        batch_op.drop_column("minutes_approved_at")
