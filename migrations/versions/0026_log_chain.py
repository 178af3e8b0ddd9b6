"""Chain the moderation log's entries by their digests

Revision ID: 0026_log_chain
Revises: 0025_nomination_counts
Create Date: 2026-12-04 02:30:00

Every entry gets its place, the digest of the entry before and its own
(``portal.moderation.chain``); the entries there are chained in the order
they were written (by id), and the head row records the newest. The append-only
triggers are lifted for the time it takes and put back.
"""

from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

revision = "0026_log_chain"
down_revision = "0025_nomination_counts"
branch_labels = None
depends_on = None

def upgrade():
    from portal.moderation.chain import digest
    from portal.moderation.models import GENESIS, install_append_only, lift_append_only

    bind = op.get_bind()
    lift_append_only(bind)
    with op.batch_alter_table("moderation_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_digest", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("digest", sa.String(length=64), nullable=True))

    log = sa.table(
        "moderation_log",
        *(sa.column(name) for name in ("id", "seq", "prev_digest", "digest", "actor_id",
                                       "action", "target_type", "target_id", "reason",
                                       "details")),
        sa.column("created_at", sa.DateTime()),
    )  # fmt: skip
    rows = bind.execute(sa.select(log).order_by(log.c.id)).all()
    previous = GENESIS
    for seq, row in enumerate(rows, start=1):
        values = row._asdict() | {"seq": seq, "prev_digest": previous}
        entry_digest = digest(SimpleNamespace(**values))
        bind.execute(
            log.update()
            .where(log.c.id == row.id)
            .values(seq=seq, prev_digest=previous, digest=entry_digest)
        )
        previous = entry_digest

    with op.batch_alter_table("moderation_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_digest", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("digest", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_moderation_log_seq"), ["seq"])
        batch.create_unique_constraint(op.f("uq_moderation_log_prev_digest"), ["prev_digest"])
        batch.create_check_constraint(op.f("ck_moderation_log_seq_positive"), "seq > 0")

    head = op.create_table(
        "moderation_log_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_moderation_log_head_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_log_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": len(rows), "digest": previous}])
    install_append_only(bind)


def downgrade():
    from portal.moderation.models import install_append_only, lift_append_only

    bind = op.get_bind()
    op.drop_table("moderation_log_head")
    lift_append_only(bind)
    with op.batch_alter_table("moderation_log") as batch:
        batch.drop_constraint("ck_moderation_log_seq_positive", type_="check")
        batch.drop_constraint("uq_moderation_log_prev_digest", type_="unique")
        batch.drop_constraint("uq_moderation_log_seq", type_="unique")
        batch.drop_column("digest")
        batch.drop_column("prev_digest")
        batch.drop_column("seq")
    install_append_only(bind)
