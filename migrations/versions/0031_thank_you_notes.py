"""Staff's public thank-you note on an implemented idea

Revision ID: 0031_thank_you_notes
Revises: 0030_hidden_versions
Create Date: 2026-12-04 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0031_thank_you_notes"
down_revision = "0030_hidden_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "thank_you_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_thank_you_note_idea_id_idea"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"],
            ["user_account.id"],
            name=op.f("fk_thank_you_note_written_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thank_you_note")),
        sa.UniqueConstraint("idea_id", name=op.f("uq_thank_you_note_idea_id")),
    )


def downgrade():
    op.drop_table("thank_you_note")
