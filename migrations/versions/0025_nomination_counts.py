"""Keep the call's counts (people nominated, people who took part) on the call

Revision ID: 0025_nomination_counts
Revises: 0024_content_version
Create Date: 2026-12-03 14:00:00

The challenge page showed them through two correlated counts over every
nomination of the challenge; they are now stored and kept by
``nominations.counts.recount``. This fills them for the calls there are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_nomination_counts"
down_revision = "0024_content_version"
branch_labels = None
depends_on = None

PEOPLE = """
    SELECT COUNT(DISTINCT person.id)
    FROM nomination
    JOIN nominee AS record ON record.id = nomination.nominee_id
    JOIN nominee AS person ON person.id = COALESCE(record.merged_into_id, record.id)
    WHERE nomination.challenge_id = nomination_call.challenge_id
      AND nomination.hidden_at IS NULL
"""


def upgrade():
    with op.batch_alter_table("nomination_call") as batch:
        batch.add_column(sa.Column("nominated", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("took_part", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        f"UPDATE nomination_call SET nominated = ({PEOPLE}), "
        f"took_part = ({PEOPLE} AND person.status = 'took_part')"
    )
    with op.batch_alter_table("nomination_call") as batch:
        batch.create_check_constraint(
            op.f("ck_nomination_call_counts_valid"),
            "nominated >= 0 AND took_part BETWEEN 0 AND nominated",
        )


def downgrade():
    with op.batch_alter_table("nomination_call") as batch:
        batch.drop_constraint("ck_nomination_call_counts_valid", type_="check")
        batch.drop_column("took_part")
        batch.drop_column("nominated")
