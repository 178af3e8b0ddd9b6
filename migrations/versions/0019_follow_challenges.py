"""Following a challenge (its new answers and its results), the jury's reminder, anonymous scores, public support as a criterion, challenges on meeting agendas, invitations to answer

Revision ID: 0019_follow_challenges
Revises: 0018_results
Create Date: 2026-12-02 03:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_follow_challenges'
down_revision = '0018_results'
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('idea', 'category', 'all_ideas')"
NEW_KINDS = "kind IN ('idea', 'category', 'all_ideas', 'challenge')"
OLD_TARGET = (
    "(kind = 'idea' AND idea_id IS NOT NULL AND category_id IS NULL)"
    " OR (kind = 'category' AND category_id IS NOT NULL AND idea_id IS NULL)"
    " OR (kind = 'all_ideas' AND idea_id IS NULL AND category_id IS NULL)"
)
NEW_TARGET = (
    "(kind = 'idea' AND idea_id IS NOT NULL AND category_id IS NULL AND challenge_id IS NULL)"
    " OR (kind = 'category' AND idea_id IS NULL AND category_id IS NOT NULL"
    " AND challenge_id IS NULL)"
    " OR (kind = 'all_ideas' AND idea_id IS NULL AND category_id IS NULL AND challenge_id IS NULL)"
    " OR (kind = 'challenge' AND idea_id IS NULL AND category_id IS NULL"
    " AND challenge_id IS NOT NULL)"
)
DELIVERIES = "('instant', 'daily', 'weekly', 'off')"


def _checks(batch_op, kinds, target):
    batch_op.drop_constraint(op.f('ck_follow_kind_valid'), type_='check')
    batch_op.drop_constraint(op.f('ck_follow_target_matches_kind'), type_='check')
    batch_op.create_check_constraint(op.f('ck_follow_kind_valid'), kinds)
    batch_op.create_check_constraint(op.f('ck_follow_target_matches_kind'), target)


def upgrade():
    with op.batch_alter_table('follow', schema=None) as batch_op:
        batch_op.add_column(sa.Column('challenge_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f('fk_follow_challenge_id_challenge'), 'challenge', ['challenge_id'], ['id'],
            ondelete='CASCADE',
        )
        _checks(batch_op, NEW_KINDS, NEW_TARGET)
        batch_op.create_index('ix_follow_challenge', ['challenge_id'], unique=False)
        batch_op.create_index(
            'uq_follow_challenge', ['user_id', 'challenge_id'], unique=True,
            sqlite_where=sa.text("kind = 'challenge'"),
            postgresql_where=sa.text("kind = 'challenge'"),
        )

    with op.batch_alter_table('notification_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('challenge_delivery', sa.String(length=10), nullable=False,
                      server_default='instant')
        )
        batch_op.create_check_constraint(
            op.f('ck_notification_settings_challenge_delivery_valid'),
            f"challenge_delivery IN {DELIVERIES}",
        )

    with op.batch_alter_table('challenge', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jury_reminded_at', sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('anonymous_scores', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column('invites_answerers', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column('opened_at', sa.DateTime(), nullable=True))

    # Every challenge past its draft has opened (a cancelled draft had not:
    # it was cancelled from the draft; its answers would tell).
    op.execute(
        "UPDATE challenge SET opened_at = opens_at WHERE phase <> 'draft'"
        " AND (phase <> 'cancelled' OR EXISTS"
        " (SELECT 1 FROM idea WHERE idea.challenge_id = challenge.id))"
    )

    with op.batch_alter_table('challenge_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supports_at_close', sa.Integer(), nullable=True))

    with op.batch_alter_table('challenge_criterion', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('from_supports', sa.Boolean(), nullable=False, server_default=sa.false())
        )

    op.create_table('challenge_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('message', sa.String(length=1000), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('invited_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_challenge_invitation_challenge_id_challenge'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], name=op.f('fk_challenge_invitation_invited_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_invitation')),
    sa.UniqueConstraint('challenge_id', 'email', name='uq_challenge_invitation_email')
    )
    op.create_table('agenda_challenge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['user_account.id'], name=op.f('fk_agenda_challenge_added_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_agenda_challenge_challenge_id_challenge'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_challenge_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_challenge')),
    sa.UniqueConstraint('meeting_id', 'challenge_id', name='uq_agenda_challenge')
    )
    with op.batch_alter_table('agenda_challenge', schema=None) as batch_op:
        batch_op.create_index('ix_agenda_challenge_challenge', ['challenge_id'], unique=False)


def downgrade():
    with op.batch_alter_table('challenge_answer', schema=None) as batch_op:
        batch_op.drop_column('supports_at_close')

    with op.batch_alter_table('agenda_challenge', schema=None) as batch_op:
        batch_op.drop_index('ix_agenda_challenge_challenge')
    op.drop_table('agenda_challenge')
    op.drop_table('challenge_invitation')

    with op.batch_alter_table('challenge_criterion', schema=None) as batch_op:
        batch_op.drop_column('from_supports')

    with op.batch_alter_table('challenge', schema=None) as batch_op:
        batch_op.drop_column('opened_at')
        batch_op.drop_column('invites_answerers')
        batch_op.drop_column('anonymous_scores')
        batch_op.drop_column('jury_reminded_at')

    with op.batch_alter_table('notification_settings', schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f('ck_notification_settings_challenge_delivery_valid'), type_='check'
        )
        batch_op.drop_column('challenge_delivery')

    op.execute("DELETE FROM follow WHERE kind = 'challenge'")
    with op.batch_alter_table('follow', schema=None) as batch_op:
        batch_op.drop_index('uq_follow_challenge')
        batch_op.drop_index('ix_follow_challenge')
        _checks(batch_op, OLD_KINDS, OLD_TARGET)
        batch_op.drop_constraint(op.f('fk_follow_challenge_id_challenge'), type_='foreignkey')
        batch_op.drop_column('challenge_id')
