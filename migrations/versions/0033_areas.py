"""Areas of the municipality

Revision ID: 0033_areas
Revises: 0032_photos
Create Date: 2026-12-06 21:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0033_areas"
down_revision = "0032_photos"
branch_labels = None
depends_on = None

def upgrade():
    op.create_table(
        "area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(length=80), nullable=False),
        sa.Column("name_da", sa.String(length=80), nullable=False),
        sa.Column("name_nb", sa.String(length=80), nullable=False),
        sa.Column("name_nl", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("slug", name=op.f("uq_area_slug")),
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_idea_area_created", ["area_id", "created_at", "id"])
        batch_op.create_foreign_key(batch_op.f("fk_idea_area_id_area"), "area", ["area_id"], ["id"])

    # On SQLite the batch above rebuilt the idea table, which drops its
    # triggers: put the full-text index triggers back.
    from portal.ideas.search import install

    install(op.get_bind())

    # The totals gain the area in their key: made anew and counted again.
    op.drop_table("idea_tally")
    _create_tally(with_area=True)
    op.execute(
        "INSERT INTO idea_tally (category_id, area_key, status, count) "
        "SELECT category_id, coalesce(area_id, 0), status, count(*) FROM idea "
        "WHERE hidden_at IS NULL AND status NOT IN ('withdrawn', 'merged') "
        "GROUP BY category_id, coalesce(area_id, 0), status"
    )


def _create_tally(with_area: bool) -> None:
    key = ["category_id", "area_key", "status"] if with_area else ["category_id", "status"]
    area = [sa.Column("area_key", sa.Integer(), nullable=False)] if with_area else []
    checks = (
        [sa.CheckConstraint("area_key >= 0", name=op.f("ck_idea_tally_area_key_positive"))]
        if with_area
        else []
    )
    op.create_table(
        "idea_tally",
        sa.Column("category_id", sa.Integer(), nullable=False),
        *area,
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_idea_tally_count_positive")),
        *checks,
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_idea_tally_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_idea_tally")),
    )


def downgrade():
    op.drop_table("idea_tally")
    _create_tally(with_area=False)
    op.execute(
        "INSERT INTO idea_tally (category_id, status, count) "
        "SELECT category_id, status, count(*) FROM idea "
        "WHERE hidden_at IS NULL AND status NOT IN ('withdrawn', 'merged') "
        "GROUP BY category_id, status"
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_idea_area_id_area"), type_="foreignkey")
        batch_op.drop_index("ix_idea_area_created")
        batch_op.drop_column("area_id")

    from portal.ideas.search import install

    install(op.get_bind())
    op.drop_table("area")
