"""Signed history: the server's signing key, and where each version came from.

``server_secrets`` holds the key that signs exports (HMAC-SHA256) when no key is given in the
environment. ``versions.provenance`` is NULL for a version saved here, ``imported-verified`` for
one imported from an export this server signed, ``imported-unverified`` for one imported from any
other file; ``imported_by`` and ``imported_at`` record who imported it and when.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("provenance", sa.String(20), nullable=True))
        batch.add_column(sa.Column("imported_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        for name in ("imported_at", "imported_by", "provenance"):
            batch.drop_column(name)
    op.drop_table("server_secrets")
