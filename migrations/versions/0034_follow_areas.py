"""Following an area

Revision ID: 0034_follow_areas
Revises: 0033_areas
Create Date: 2026-12-06 21:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0034_follow_areas"
down_revision = "0033_areas"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('idea', 'category', 'all_ideas', 'challenge')"
NEW_KINDS = "kind IN ('idea', 'category', 'all_ideas', 'challenge', 'area')"
OLD_TARGET = (
    "(kind = 'idea' AND idea_id IS NOT NULL AND category_id IS NULL AND challenge_id IS NULL)"
    " OR (kind = 'category' AND idea_id IS NULL AND category_id IS NOT NULL"
    " AND challenge_id IS NULL)"
    " OR (kind = 'all_ideas' AND idea_id IS NULL AND category_id IS NULL AND challenge_id IS NULL)"
    " OR (kind = 'challenge' AND idea_id IS NULL AND category_id IS NULL"
    " AND challenge_id IS NOT NULL)"
)
NEW_TARGET = (
    "(kind = 'idea' AND idea_id IS NOT NULL AND category_id IS NULL AND challenge_id IS NULL"
    " AND area_id IS NULL)"
    " OR (kind = 'category' AND idea_id IS NULL AND category_id IS NOT NULL"
    " AND challenge_id IS NULL AND area_id IS NULL)"
    " OR (kind = 'all_ideas' AND idea_id IS NULL AND category_id IS NULL AND challenge_id IS NULL"
    " AND area_id IS NULL)"
    " OR (kind = 'challenge' AND idea_id IS NULL AND category_id IS NULL"
    " AND challenge_id IS NOT NULL AND area_id IS NULL)"
    " OR (kind = 'area' AND idea_id IS NULL AND category_id IS NULL AND challenge_id IS NULL"
    " AND area_id IS NOT NULL)"
)
DELIVERIES = "('instant', 'daily', 'weekly', 'off')"


def _checks(batch_op, kinds, target):
    batch_op.drop_constraint(op.f("ck_follow_kind_valid"), type_="check")
    batch_op.drop_constraint(op.f("ck_follow_target_matches_kind"), type_="check")
    batch_op.create_check_constraint(op.f("ck_follow_kind_valid"), kinds)
    batch_op.create_check_constraint(op.f("ck_follow_target_matches_kind"), target)


def upgrade():
    with op.batch_alter_table("follow", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_follow_area_id_area"), "area", ["area_id"], ["id"], ondelete="CASCADE"
        )
        _checks(batch_op, NEW_KINDS, NEW_TARGET)
        batch_op.create_index("ix_follow_area", ["area_id"], unique=False)
        batch_op.create_index(
            "uq_follow_area", ["user_id", "area_id"], unique=True,
            sqlite_where=sa.text("kind = 'area'"), postgresql_where=sa.text("kind = 'area'"),
        )  # fmt: skip

    with op.batch_alter_table("notification_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("area_delivery", sa.String(length=10), nullable=False, server_default="daily")
        )
        batch_op.create_check_constraint(
            op.f("ck_notification_settings_area_delivery_valid"),
            f"area_delivery IN {DELIVERIES}",
        )


def downgrade():
    op.execute("DELETE FROM follow WHERE kind = 'area'")
    with op.batch_alter_table("notification_settings", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_notification_settings_area_delivery_valid"), type_="check"
        )
        batch_op.drop_column("area_delivery")
    with op.batch_alter_table("follow", schema=None) as batch_op:
        batch_op.drop_index("uq_follow_area")
        batch_op.drop_index("ix_follow_area")
        _checks(batch_op, OLD_KINDS, OLD_TARGET)
        batch_op.drop_constraint(op.f("fk_follow_area_id_area"), type_="foreignkey")
        batch_op.drop_column("area_id")
