"""custody periods on plans

A provider's report is judged by the case's standing when the session happened: every custody
period is kept, not only the current standing. A plan suspended now starts with its open period.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 02:20:00.000000
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'plans', sa.Column('custody', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False)
    )
    op.execute(
        "UPDATE plans SET custody = jsonb_build_array(jsonb_build_object("
        "'starts_at', to_char(standing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'), "
        "'ends_at', NULL)) WHERE standing = 'SUSPENDED' AND standing_since IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_column('plans', 'custody')
