"""mandate terms by date

A variation of the mandate applies from the date it took effect: each instance is judged under the
terms in force when it happened. Records opened before this revision have no history: their own
terms apply throughout until a variation arrives.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 03:20:00.000000
"""

from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mandate_terms',
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mandate_type', sa.String(length=16), nullable=False),
    sa.Column('responsible_authority', sa.String(length=64), nullable=False),
    sa.Column('participation_required', sa.Boolean(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index(op.f('ix_mandate_terms_case_id'), 'mandate_terms', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_mandate_terms_case_id'), table_name='mandate_terms')
    op.drop_table('mandate_terms')
