"""attendance corrections indexed by case

A case's compliance history is loaded whole, corrections included, by case id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 02:00:00.000000
"""

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        op.f('ix_attendance_corrections_case_id'), 'attendance_corrections', ['case_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_attendance_corrections_case_id'), table_name='attendance_corrections')
