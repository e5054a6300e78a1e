"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 23:49:45.075570
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cases',
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('subject_id', sa.UUID(), nullable=False),
    sa.Column('referral_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('mandate', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('case_id'),
    sa.UniqueConstraint('referral_id')
    )
    op.create_index(op.f('ix_cases_subject_id'), 'cases', ['subject_id'], unique=False)
    op.create_table('inbox',
    sa.Column('record_key', sa.String(length=300), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('topic', sa.String(length=249), nullable=False),
    sa.Column('partition', sa.Integer(), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('record_key')
    )
    op.create_table('outbox',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('topic', sa.String(length=249), nullable=False),
    sa.Column('key', sa.Text(), nullable=True),
    sa.Column('value', sa.LargeBinary(), nullable=False),
    sa.Column('headers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id')
    )
    op.create_index('outbox_unpublished', 'outbox', ['id'], unique=False, postgresql_where=sa.text('published_at IS NULL'))
    op.create_table('referrals',
    sa.Column('referral_id', sa.UUID(), nullable=False),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('agency_reference', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=True),
    sa.Column('failures', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('referral_id'),
    sa.UniqueConstraint('origin', 'agency_reference', name='referrals_agency_reference')
    )
    op.create_table('subjects',
    sa.Column('subject_id', sa.UUID(), nullable=False),
    sa.Column('identifiers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('personal_details', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('subject_id')
    )


def downgrade() -> None:
    op.drop_table('subjects')
    op.drop_table('referrals')
    op.drop_index('outbox_unpublished', table_name='outbox', postgresql_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox')
    op.drop_table('inbox')
    op.drop_index(op.f('ix_cases_subject_id'), table_name='cases')
    op.drop_table('cases')
