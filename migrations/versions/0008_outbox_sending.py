"""Outbox sending: Message-ID, retry time, claim time, extra headers, "sending" status

Revision ID: 0008_outbox_sending
Revises: 0007_municipality
Create Date: 2026-11-24 14:52:39.642733

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_outbox_sending'
down_revision = '0007_municipality'
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('queued', 'sent', 'failed')"
NEW_STATUSES = "status IN ('queued', 'sending', 'sent', 'failed')"


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('headers', sa.Text(), nullable=True))
    # Mails already in the outbox get an id of their own and are due now.
    op.execute(
        "UPDATE outbox_message SET message_id = '<outbox-' || id || '@localhost>', "
        "next_attempt_at = created_at"
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.String(length=255), nullable=False)
        batch_op.alter_column('next_attempt_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index('ix_outbox_status_next_attempt', ['status', 'next_attempt_at', 'id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_message_message_id'), ['message_id'])
        batch_op.drop_constraint(batch_op.f('ck_outbox_message_status_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_outbox_message_status_valid'), NEW_STATUSES)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_outbox_message_status_valid'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_outbox_message_status_valid'), OLD_STATUSES)
        batch_op.drop_constraint(batch_op.f('uq_outbox_message_message_id'), type_='unique')
        batch_op.drop_index('ix_outbox_status_next_attempt')
        batch_op.drop_column('headers')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('message_id')
