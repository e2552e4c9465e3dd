"""Non-secret connection settings of tracking servers.

Passwords and tokens are never stored here (they live in the system keyring or in
memory); only what is needed to reconnect: TLS verification, a CA bundle path, the
kind of authentication and the user name.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_connections",
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("verify_tls", sa.Boolean(), nullable=False),
        sa.Column("ca_bundle", sa.Text(), nullable=True),
        sa.Column("auth_kind", sa.String(length=16), nullable=False),
        sa.Column("username", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("location", name=op.f("pk_server_connections")),
    )


def downgrade() -> None:
    op.drop_table("server_connections")
