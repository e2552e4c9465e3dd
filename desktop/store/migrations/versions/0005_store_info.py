"""A store's facts about itself: a stable id that UI settings are keyed by.

Revision ID: 0005
Revises: 0004
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_info",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_info")),
    )
    op.bulk_insert(table, [{"key": "store_id", "value": str(uuid.uuid4())}])


def downgrade() -> None:
    op.drop_table("store_info")
