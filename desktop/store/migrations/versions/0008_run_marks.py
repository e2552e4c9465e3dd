"""The user's own marks on runs: a star, hidden, a short note.

Kept in the store, never in the source. A mark is keyed by the source's location
(what identifies a source across removal and re-adding) and the MLflow run id,
not by the run's row id, which a removal or a re-import may change: marks
survive both. No foreign key: a mark outlives its source's rows.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_marks",
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("location", "run_id", name=op.f("pk_run_marks")),
    )


def downgrade() -> None:
    op.drop_table("run_marks")
