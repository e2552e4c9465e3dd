"""Where a team database's artifacts are seen from this computer, per source.

Keyed by the source's location (a URL without password), like
``server_connections``: a tracking server URL that serves the artifacts, and a
folder as the server names it with the same folder here. Never a credential.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "artifact_places",
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("served_by", sa.Text(), nullable=True),
        sa.Column("server_root", sa.Text(), nullable=True),
        sa.Column("local_root", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("location", name=op.f("pk_artifact_places")),
    )


def downgrade() -> None:
    op.drop_table("artifact_places")
