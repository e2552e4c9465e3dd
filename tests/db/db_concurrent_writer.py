"""A training process: logs to an MLflow database in a loop (run as a script).

Usage: ``python db_concurrent_writer.py DB SECONDS``. Prints ``logging`` once its
experiment exists (importing mlflow takes a while), then logs for ``SECONDS``.
Exits 1 with the traceback on any error (e.g. "database is locked"); prints
``ok <points>`` when done.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import warnings


def main(db: str, seconds: float) -> int:
    """Log runs and metric points to ``db`` for ``seconds``."""
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    warnings.simplefilter("ignore")
    from mlflow import MlflowClient
    from mlflow.entities import Metric

    client = MlflowClient(tracking_uri=f"sqlite:///{db}")
    exp = client.create_experiment("live-training")
    print("logging", flush=True)
    deadline = time.monotonic() + seconds
    points = 0
    epoch = 0
    try:
        while time.monotonic() < deadline:
            run = client.create_run(exp, run_name=f"epoch-run-{epoch}")
            run_id = run.info.run_id
            client.log_param(run_id, "epoch", str(epoch))
            for step in range(20):
                now = int(time.time() * 1000)
                client.log_batch(
                    run_id,
                    metrics=[
                        Metric("loss", 1.0 / (step + 1), now, step),
                        Metric("acc", step / 20, now, step),
                    ],
                )
                client.log_metric(run_id, "lr", 0.1 / (step + 1), now, step)
                points += 3
                time.sleep(0.005)
            client.set_tag(run_id, "phase", "done")
            client.set_terminated(run_id, "FINISHED")
            epoch += 1
    except Exception:
        traceback.print_exc()
        return 1
    print(f"ok {points}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
