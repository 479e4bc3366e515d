"""Mark the database as managed by Alembic: schema_version becomes 2.

An app from before Alembic knows only schema version 1; with 2 in this row it refuses the database
with its own message ("nieuwer dan deze versie van de app kent. Werk de app bij.") instead of
writing to tables it does not know.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MANAGED_BY_ALEMBIC = 2


def upgrade() -> None:
    op.execute(sa.text("UPDATE schema_version SET version = :v").bindparams(v=MANAGED_BY_ALEMBIC))


def downgrade() -> None:
    op.execute(sa.text("UPDATE schema_version SET version = 1"))
