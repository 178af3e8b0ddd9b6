"""Photos on ideas

Revision ID: 0032_photos
Revises: 0031_thank_you_notes
Create Date: 2026-12-04 20:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0032_photos"
down_revision = "0031_thank_you_notes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("uploader_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=True),
        sa.Column("hidden_reason", sa.String(length=500), nullable=True),
        sa.Column("hidden_by_id", sa.Integer(), nullable=True),
        sa.Column("is_cover", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("format IN ('jpeg', 'png', 'webp')", name=op.f("ck_photo_format_valid")),
        sa.CheckConstraint(
            "width > 0 AND height > 0", name=op.f("ck_photo_dimensions_positive")
        ),
        sa.CheckConstraint(
            "length(description) <= 300", name=op.f("ck_photo_description_length")
        ),
        sa.CheckConstraint(
            "idea_id IS NULL OR length(description) > 0",
            name=op.f("ck_photo_described_when_attached"),
        ),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_photo_idea_id_idea"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploader_id"],
            ["user_account.id"],
            name=op.f("fk_photo_uploader_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hidden_by_id"],
            ["user_account.id"],
            name=op.f("fk_photo_hidden_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photo")),
        sa.UniqueConstraint("key", name=op.f("uq_photo_key")),
    )
    op.create_index("ix_photo_idea", "photo", ["idea_id", "position"])
    op.create_index("ix_photo_uploader", "photo", ["uploader_id", "created_at"])
    op.create_index(
        "uq_photo_cover",
        "photo",
        ["idea_id"],
        unique=True,
        sqlite_where=sa.text("is_cover"),
        postgresql_where=sa.text("is_cover"),
    )


def downgrade():
    op.drop_index("uq_photo_cover", table_name="photo")
    op.drop_index("ix_photo_uploader", table_name="photo")
    op.drop_index("ix_photo_idea", table_name="photo")
    op.drop_table("photo")
