"""Versions of ideas, comments, answers and decisions, with fingerprints

Revision ID: 0029_revisions
Revises: 0028_title_terms
Create Date: 2026-12-04 03:40:00

The history of what is there begins with it as it is now: each idea,
comment, answer and decision gets its first version (by its author or the
municipality, dated when it was written).
"""

from datetime import datetime
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

revision = "0029_revisions"
down_revision = "0028_title_terms"
branch_labels = None
depends_on = None

FIRST_VERSIONS = {
    "idea": "SELECT id, id, title, body, category_id, author_id, created_at, 'author' FROM idea",
    "comment": "SELECT id, idea_id, NULL, body, NULL, author_id, created_at, 'author' FROM comment",
    "answer": "SELECT id, idea_id, NULL, answer, NULL, answered_by_id, answered_at, 'municipality'"
    " FROM hand_over WHERE answer IS NOT NULL AND answered_at IS NOT NULL",
    "decision": "SELECT id, idea_id, NULL, coalesce(decision_text, ''), NULL, decided_by_id,"
    " decided_at, 'municipality' FROM agenda_item WHERE decided_at IS NOT NULL",
}


def upgrade():
    from portal.versions.services import fingerprint

    table = op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("written_by", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('idea', 'comment', 'answer', 'decision')", name=op.f("ck_revision_kind_valid")
        ),
        sa.CheckConstraint(
            "written_by IN ('author', 'moderator', 'municipality')", name=op.f("ck_revision_by_valid")
        ),
        sa.CheckConstraint("number > 0", name=op.f("ck_revision_number_positive")),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_revision_actor_id_user_account")),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_revision_category_id_category")),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], name=op.f("fk_revision_idea_id_idea"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
        sa.UniqueConstraint("kind", "target_id", "number", name="uq_revision_number"),
    )
    op.create_index("ix_revision_idea", "revision", ["idea_id", "kind", "target_id", "number"])
    bind = op.get_bind()
    for kind, query in FIRST_VERSIONS.items():
        rows = []
        for target, idea, title, body, category, actor, at, by in bind.exec_driver_sql(query):
            if isinstance(at, str):  # SQLite hands back text
                at = datetime.fromisoformat(at)
            values = dict(kind=kind, target_id=target, idea_id=idea, number=1, title=title,
                          body=body, category_id=category, written_by=by, actor_id=actor,
                          created_at=at)  # fmt: skip
            values["digest"] = fingerprint(SimpleNamespace(**values))
            rows.append(values)
        if rows:
            op.bulk_insert(table, rows)


def downgrade():
    op.drop_index("ix_revision_idea", table_name="revision")
    op.drop_table("revision")
