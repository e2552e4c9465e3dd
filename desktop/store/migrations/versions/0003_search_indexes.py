"""Indexes for fast run search: the default order and per-key value scans.

The runs table's scope index now stores runs newest first (``start_time DESC``)
so the default order needs no sort; one metric's or param's values for every run
come from a single covering range scan instead of a lookup per run.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index("ix_runs_scope")
        batch_op.create_index(
            "ix_runs_scope_order",
            [
                "experiment_pk",
                "lifecycle_stage",
                sa.text("start_time DESC"),
                "run_id",
                "parent_run_id",
            ],
            unique=False,
        )
    with op.batch_alter_table("metric_summaries", schema=None) as batch_op:
        batch_op.drop_index("ix_metric_summaries_key_latest")
        batch_op.create_index(
            "ix_metric_summaries_key_values",
            [
                "key",
                "latest_value",
                "run_pk",
                "latest_is_nan",
                "min_value",
                "max_value",
            ],
            unique=False,
        )
    with op.batch_alter_table("params", schema=None) as batch_op:
        batch_op.create_index(
            "ix_params_key_values",
            ["key", "value_num", "value", "run_pk"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("params", schema=None) as batch_op:
        batch_op.drop_index("ix_params_key_values")
    with op.batch_alter_table("metric_summaries", schema=None) as batch_op:
        batch_op.drop_index("ix_metric_summaries_key_values")
        batch_op.create_index(
            "ix_metric_summaries_key_latest", ["key", "latest_value"], unique=False
        )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index("ix_runs_scope_order")
        batch_op.create_index(
            "ix_runs_scope",
            [
                "experiment_pk",
                "lifecycle_stage",
                "start_time",
                "run_id",
                "parent_run_id",
            ],
            unique=False,
        )
