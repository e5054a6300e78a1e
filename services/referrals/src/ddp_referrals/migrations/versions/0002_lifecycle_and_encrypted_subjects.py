"""Case lifecycle columns; personal data encrypted field by field; identifiers found by keyed hash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:03:35.997031
"""

import sqlalchemy as sa
from alembic import op

from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.settings import KeySettings

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DETAILS = ("given_name", "family_name", "date_of_birth")


def upgrade() -> None:
    op.create_table(
        "subject_identifiers",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "digest"),
    )
    op.create_index(op.f("ix_subject_identifiers_subject_id"), "subject_identifiers", ["subject_id"], unique=False)
    op.add_column("cases", sa.Column("closure_reason", sa.String(length=16), nullable=True))
    op.add_column(
        "cases", sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)
    )
    op.add_column("referrals", sa.Column("opened_case", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.execute("UPDATE referrals SET opened_case = true WHERE status = 'ACCEPTED'")
    for column in DETAILS:
        op.add_column("subjects", sa.Column(column, sa.Text(), nullable=True))
    op.add_column("subjects", sa.Column("merged_into", sa.UUID(), nullable=True))
    _encrypt_plaintext_subjects()
    for column in DETAILS:
        op.alter_column("subjects", column, nullable=False)
    op.drop_column("subjects", "identifiers")
    op.drop_column("subjects", "personal_details")


def _encrypt_plaintext_subjects() -> None:
    """Subjects stored in plaintext before this revision, encrypted under the configured keys."""
    cipher = FieldCipher.from_settings(KeySettings())
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT subject_id, identifiers, personal_details FROM subjects")).all()
    for subject_id, identifiers, details in rows:
        values = {column: cipher.encrypt(str(details[column])) for column in DETAILS}
        bind.execute(
            sa.text(
                "UPDATE subjects SET given_name=:given_name, family_name=:family_name,"
                " date_of_birth=:date_of_birth WHERE subject_id=:subject_id"
            ),
            {"subject_id": subject_id, **values},
        )
        for kind, value in identifiers.items():
            bind.execute(
                sa.text(
                    "INSERT INTO subject_identifiers (kind, digest, subject_id, value)"
                    " VALUES (:kind, :digest, :subject_id, :value) ON CONFLICT DO NOTHING"
                ),
                {
                    "kind": kind,
                    "digest": cipher.digest(kind, value),
                    "subject_id": subject_id,
                    "value": cipher.encrypt(value),
                },
            )


def downgrade() -> None:
    # Downgrading would have to write personal data back in plaintext: refuse, keep the data safe.
    raise RuntimeError("0002 cannot be downgraded: it would decrypt personal data into plaintext columns")
