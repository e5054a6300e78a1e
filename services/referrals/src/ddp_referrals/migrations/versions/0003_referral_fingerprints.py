"""referral fingerprints

Each accepted or linked referral keeps a keyed hash of every fact it stated, by field path, so a
resubmission under the same reference stating other facts is told which fields differ.
Referrals received before this revision have none: a resubmission repeats their first outcome.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 02:40:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referrals", sa.Column("fingerprint", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column("referrals", "fingerprint")
