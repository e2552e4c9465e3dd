"""MLflow's model registry: registered models, versions, their tags and aliases.

Read from every source kind on each import (it is small) and replaced whole; all
of it goes with its source.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _source_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["source_id"],
        ["sources.id"],
        name=op.f(f"fk_{table}_source_id_sources"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "registered_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=True),
        sa.Column("last_updated_time", sa.BigInteger(), nullable=True),
        _source_fk("registered_models"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registered_models")),
        sa.UniqueConstraint(
            "source_id", "name", name=op.f("uq_registered_models_source_id_name")
        ),
    )
    op.create_table(
        "registered_model_tags",
        sa.Column("model_pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_pk"],
            ["registered_models.id"],
            name=op.f("fk_registered_model_tags_model_pk_registered_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "model_pk", "key", name=op.f("pk_registered_model_tags")
        ),
    )
    op.create_table(
        "registered_model_aliases",
        sa.Column("model_pk", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_pk"],
            ["registered_models.id"],
            name=op.f("fk_registered_model_aliases_model_pk_registered_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "model_pk", "alias", name=op.f("pk_registered_model_aliases")
        ),
    )
    op.create_table(
        "model_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_pk", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=True),
        sa.Column("last_updated_time", sa.BigInteger(), nullable=True),
        sa.Column("model_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_pk"],
            ["registered_models.id"],
            name=op.f("fk_model_versions_model_pk_registered_models"),
            ondelete="CASCADE",
        ),
        _source_fk("model_versions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_versions")),
        sa.UniqueConstraint(
            "model_pk", "version", name=op.f("uq_model_versions_model_pk_version")
        ),
    )
    with op.batch_alter_table("model_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_model_versions_source_run", ["source_id", "run_id"], unique=False
        )
    op.create_table(
        "model_version_tags",
        sa.Column("version_pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_pk"],
            ["model_versions.id"],
            name=op.f("fk_model_version_tags_version_pk_model_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "version_pk", "key", name=op.f("pk_model_version_tags")
        ),
    )


def downgrade() -> None:
    op.drop_table("model_version_tags")
    with op.batch_alter_table("model_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_model_versions_source_run")
    op.drop_table("model_versions")
    op.drop_table("registered_model_aliases")
    op.drop_table("registered_model_tags")
    op.drop_table("registered_models")
