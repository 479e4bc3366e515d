"""Every version keeps what was agreed: its parameter edition and its computed result.

Versions saved before this revision have none of these (NULL): they were stored without their
figures, and the app says so instead of inventing which edition priced them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("edition_id", sa.String(80)),
    ("edition_published", sa.String(10)),
    ("edition_fingerprint", sa.String(64)),
    ("figures", sa.Text),
    ("result", sa.Text),
    ("outcome_hash", sa.String(64)),
)


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
