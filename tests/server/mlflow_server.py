"""Start real ``mlflow server`` processes on 127.0.0.1 and fill them with runs.

Each server gets a free port, a SQLite backend and a proxied artifact folder in a
temporary directory. Start-ups are slow (tens of seconds on a busy 2-core machine),
so the fixtures start few of them and share them.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

START_TIMEOUT = 300.0
ADMIN = "admin"
ADMIN_PASSWORD = "Adm1n-Passw0rd-For-Tests!"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a server process (quiet, offline, no job runner)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MLFLOW_TRACKING_") and k != "MLFLOW_AUTH_CONFIG_PATH"
    }
    env.update(
        MLFLOW_DISABLE_TELEMETRY="true",
        DO_NOT_TRACK="true",
        MLFLOW_SERVER_ENABLE_JOB_EXECUTION="false",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra or {})
    return env


@dataclass
class MlflowServer:
    """One ``mlflow server`` process and where it keeps its data."""

    folder: Path
    port: int = field(default_factory=free_port)
    app_name: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    backend_uri: str | None = None
    """What the server serves (default: a fresh SQLite database in ``folder``)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.folder / "server.log"

    def start(self) -> MlflowServer:
        """Start the process and wait until ``/health`` answers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [
            str(Path(sys.executable).with_name("mlflow")),
            "server",
            "--backend-store-uri",
            self.backend_uri or f"sqlite:///{self.folder / 'mlflow.db'}",
            "--artifacts-destination",
            str(self.folder / "artifacts"),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            "1",
        ]
        if self.app_name:
            command += ["--app-name", self.app_name]
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
        self.process = subprocess.Popen(
            command,
            cwd=self.folder,
            env=server_env(self.env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"mlflow server exited:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/health", timeout=3).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.kill()
        raise RuntimeError(f"mlflow server did not start:\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def kill(self) -> None:
        """Kill the server's process group (it is ours: started in a new session)."""
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        self.process = None

    def restart(self) -> MlflowServer:
        """Start again on the same port with the same data."""
        self.kill()
        return self.start()


def auth_server(folder: Path) -> MlflowServer:
    """A server with MLflow's basic-auth app and a known admin password."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "auth.ini"
    config.write_text(
        "[mlflow]\n"
        "default_permission = READ\n"
        f"database_uri = sqlite:///{folder / 'auth.db'}\n"
        f"admin_username = {ADMIN}\n"
        f"admin_password = {ADMIN_PASSWORD}\n"
        "authorization_function = mlflow.server.auth:authenticate_request_basic_auth\n",
        encoding="utf-8",
    )
    return MlflowServer(
        folder,
        app_name="basic-auth",
        env={
            "MLFLOW_AUTH_CONFIG_PATH": str(config),
            "MLFLOW_FLASK_SERVER_SECRET_KEY": "tests-only-secret-key",
        },
    )


# -- what the tests log ---------------------------------------------------------
LONG_STEPS = 2500


@dataclass
class Logged:
    """Ids of what :func:`populate` logged."""

    experiment: str
    second: str
    deleted_experiment: str
    parent: str
    child: str
    failed: str
    running: str
    deleted_run: str
    model_id: str
    ids: dict[str, str] = field(default_factory=dict)


def populate(url: str) -> Logged:
    """Log a varied set of runs to the server with ``MlflowClient``."""
    import pandas as pd
    from mlflow import MlflowClient
    from mlflow.data import from_pandas
    from mlflow.entities import (
        DatasetInput,
        InputTag,
        LoggedModelOutput,
        Metric,
        Param,
        RunTag,
    )

    client = MlflowClient(tracking_uri=url)
    exp = client.create_experiment(
        "server-exp", tags={"team": "분석팀", "priority": "high"}
    )
    second = client.create_experiment("second")
    doomed = client.create_experiment("to-delete")
    now = int(time.time() * 1000)

    parent = client.create_run(exp, run_name="parent-run", tags={"stage": "dev"})
    pid = parent.info.run_id
    client.log_batch(
        pid,
        params=[
            Param("lr", "0.01"),
            Param("optimizer", "adam"),
            Param("layers", "[64]"),
        ],
        tags=[RunTag("mlflow.note.content", "부모 실행"), RunTag("한글태그", "값")],
    )
    points = [
        Metric("loss", 1.0 / (step + 1), now + step, step) for step in range(LONG_STEPS)
    ]
    for start in range(0, len(points), 1000):
        client.log_batch(pid, metrics=points[start : start + 1000])
    weird = [math.nan, math.inf, -math.inf, 0.5]
    client.log_batch(
        pid,
        metrics=[Metric("weird", v, now + i, i) for i, v in enumerate(weird)]
        + [Metric("dup", 1.0, now, 0), Metric("dup", 1.0, now, 0)]
        + [Metric("dup", 2.0, now + 5, 0)],
    )
    dataset = from_pandas(pd.DataFrame({"a": [1, 2, 3]}), name="train_ds")
    client.log_inputs(
        pid,
        [
            DatasetInput(
                dataset._to_mlflow_entity(),
                [InputTag("mlflow.data.context", "training")],
            )
        ],
    )
    client.log_text(pid, "hello from the server\n", "notes.txt")
    client.log_text(pid, "a,b\n1,2\n3,4\n", "reports/sub/table.csv")
    client.log_text(pid, "# Title\n", "reports/readme.md")
    model = client.create_logged_model(
        exp, name="my-model", source_run_id=pid, params={"k": "v"}, tags={"t": "1"}
    )
    client.finalize_logged_model(model.model_id, "READY")
    client.log_outputs(pid, [LoggedModelOutput(model.model_id, 3)])
    client.log_batch(pid, metrics=[Metric("acc", 0.9, now, 0, model_id=model.model_id)])
    client.set_terminated(pid, "FINISHED")

    child = client.create_run(
        exp, run_name="child-run", tags={"mlflow.parentRunId": pid}
    )
    client.log_param(child.info.run_id, "alpha", "0.5")
    client.log_metric(child.info.run_id, "loss", 0.3, step=0)
    client.set_terminated(child.info.run_id, "FINISHED")

    failed = client.create_run(exp, run_name="failed-run")
    client.log_metric(failed.info.run_id, "loss", 9.0)
    client.set_terminated(failed.info.run_id, "FAILED")

    running = client.create_run(second, run_name="still-running")
    client.log_metric(running.info.run_id, "loss", 0.7, step=0)

    gone = client.create_run(exp, run_name="deleted-run")
    client.log_metric(gone.info.run_id, "loss", 5.0)
    client.set_terminated(gone.info.run_id, "KILLED")
    client.delete_run(gone.info.run_id)

    in_doomed = client.create_run(doomed, run_name="in-deleted-exp")
    client.set_terminated(in_doomed.info.run_id, "FINISHED")
    client.delete_experiment(doomed)
    return Logged(
        exp,
        second,
        doomed,
        pid,
        child.info.run_id,
        failed.info.run_id,
        running.info.run_id,
        gone.info.run_id,
        model.model_id,
    )
