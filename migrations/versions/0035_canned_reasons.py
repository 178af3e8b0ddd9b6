"""Standard reasons for moderators

Revision ID: 0035_canned_reasons
Revises: 0034_follow_areas
Create Date: 2026-12-06 22:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0035_canned_reasons"
down_revision = "0034_follow_areas"
branch_labels = None
depends_on = None

LANGUAGES = ("en", "da", "nb", "nl")


def upgrade():
    op.create_table(
        "canned_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *(sa.Column(f"text_{code}", sa.Text(), nullable=False) for code in LANGUAGES),
        *(
            sa.CheckConstraint(
                f"length(text_{code}) <= 500", name=op.f(f"ck_canned_reason_text_{code}_length")
            )
            for code in LANGUAGES
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_reason")),
    )


def downgrade():
    op.drop_table("canned_reason")
