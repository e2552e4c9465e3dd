"""When a run's artifact listing was stored (runs synced from a tracking server).

Local runs always have their listing read at import; a server run's listing is
stored only by ``import URL --artifacts``. A row here says the run's
``artifact_files`` are a listing (possibly empty) made at ``listed_at``; no row
means its artifacts were never listed.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "artifact_listings",
        sa.Column("run_pk", sa.Integer(), nullable=False),
        sa.Column("listed_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_pk"],
            ["runs.id"],
            name=op.f("fk_artifact_listings_run_pk_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_pk", name=op.f("pk_artifact_listings")),
    )


def downgrade() -> None:
    op.drop_table("artifact_listings")
