"""Google Cloud Storage and Azure Blob Storage emulators on loopback, started by
the tests: ``gcp-storage-emulator`` (a PyPI package of the ``dev`` group) in a
thread of this process, and Azurite (npm) as a child process.

Azurite is installed outside the repository by ``.ci/azurite`` (run by
``.ci/run`` and the GitHub workflow; ``npm install --prefix``, see
:data:`AZURITE_PREFIX`); without it the Azure tests fail, naming the fix, unless
:data:`SKIP_AZURITE_ENV` is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

GCS_BUCKET = "mlflow-gcs-bucket"
AZURE_CONTAINER = "mlflow-container"
AZURE_ACCOUNT = "devstoreaccount1"
AZURE_KEY = (  # Azurite's well-known development key (public, not a secret)
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
    "K1SZFPTOtr/KBHBeksoGMGw=="
)
AZURITE_VERSION = "3.35.0"  # the last release that runs on Node 20
AZURITE_PREFIX = Path(
    os.environ.get("MLFLOW_DESKTOP_AZURITE_PREFIX")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "mlflow-desktop-ci"
    / f"azurite-{AZURITE_VERSION}"
)
"""Where ``.ci/run`` installs Azurite (``npm install --prefix``)."""
SKIP_AZURITE_ENV = "MLFLOW_DESKTOP_NO_AZURITE"
"""Set (to anything) where Azurite cannot be installed: the Azure emulator tests
are then skipped, saying so. Elsewhere a missing Azurite fails them."""


class GcsServer:
    """``gcp-storage-emulator`` (in memory) in a thread, on a free loopback port."""

    def __init__(self) -> None:
        from gcp_storage_emulator.server import create_server

        self._server = create_server("127.0.0.1", 0, in_memory=True)
        self._server.start()
        host, port = self._server._api._httpd.server_address[:2]
        self.endpoint = f"http://{host}:{port}"
        with gcs_environment(self.endpoint):
            self.client().create_bucket(GCS_BUCKET)

    def client(self):
        """A client of the emulator (anonymous, as with STORAGE_EMULATOR_HOST)."""
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage

        return storage.Client(
            project="test",
            credentials=AnonymousCredentials(),
            client_options={"api_endpoint": self.endpoint},
        )

    def stop(self) -> None:
        """Stop serving."""
        self._server.stop()


def gcs_variables(endpoint: str) -> dict[str, str]:
    """The environment MLflow and the app use to reach the GCS emulator."""
    return {"STORAGE_EMULATOR_HOST": endpoint, "GOOGLE_CLOUD_PROJECT": "test"}


def gcs_environment(endpoint: str):
    from tests.cloud.mlflow_s3 import environment

    return environment(gcs_variables(endpoint))


def azurite_command() -> list[str] | None:
    """Node running Azurite's Blob service from ``.ci/azurite``'s install (the
    script itself, not a shell or ``.cmd`` wrapper: it stops with its process)."""
    script = AZURITE_PREFIX / "node_modules" / "azurite" / "dist" / "src" / "blob"
    node = shutil.which("node")
    if node is None or not (script / "main.js").exists():
        return None
    return [node, str(script / "main.js")]


def require_azurite() -> list[str]:
    """The Azurite program, or fail (skip with :data:`SKIP_AZURITE_ENV`)."""
    command = azurite_command()
    if command is None:
        message = (
            f"Azurite is not installed in {AZURITE_PREFIX}, or node is not on PATH "
            f"(.ci/run installs it with .ci/azurite: npm install --prefix "
            f"{AZURITE_PREFIX} azurite@{AZURITE_VERSION})"
        )
        if os.environ.get(SKIP_AZURITE_ENV):
            pytest.skip(f"{message}; {SKIP_AZURITE_ENV} is set")
        pytest.fail(f"{message}; set {SKIP_AZURITE_ENV} to skip", pytrace=False)
    return command


class AzuriteServer:
    """Azurite's Blob service (in memory) on a free loopback port."""

    def __init__(self, command: list[str]) -> None:
        self._workspace = tempfile.mkdtemp(prefix="azurite-")
        self._process = subprocess.Popen(
            [
                *command,
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                "0",
                "--inMemoryPersistence",
                "--skipApiVersionCheck",  # newer client libraries than the server
                "--disableTelemetry",
                "--silent",
            ],
            cwd=self._workspace,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.endpoint = self._wait_listening()
        self.blob_endpoint = f"{self.endpoint}/{AZURE_ACCOUNT}"
        self.service().create_container(AZURE_CONTAINER)

    def _wait_listening(self, seconds: float = 60) -> str:
        found: list[str] = []
        seen: list[str] = []
        stdout = self._process.stdout
        assert stdout is not None

        def read() -> None:
            for line in stdout:
                seen.append(line)
                match = re.search(r"listens on (http://[\d.]+:\d+)", line)
                if match and not found:
                    found.append(match.group(1))
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(seconds)
        if not found:
            self.stop()
            raise RuntimeError("Azurite did not start:\n" + "".join(seen[-20:]))
        # Keep draining its output so the pipe never fills.
        threading.Thread(target=lambda: [None for _ in stdout], daemon=True).start()
        return found[0]

    @property
    def connection_string(self) -> str:
        """The connection string of the well-known development account."""
        return azurite_connection_string(self.blob_endpoint)

    def service(self):
        """A ``BlobServiceClient`` of the emulator."""
        from azure.storage.blob import BlobServiceClient

        return BlobServiceClient.from_connection_string(self.connection_string)

    def stop(self) -> None:
        """Stop the process and remove its workspace."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._workspace, ignore_errors=True)


def azurite_connection_string(blob_endpoint: str, key: str = AZURE_KEY) -> str:
    """A connection string of the development account at ``blob_endpoint``."""
    return (
        f"DefaultEndpointsProtocol=http;AccountName={AZURE_ACCOUNT};"
        f"AccountKey={key};BlobEndpoint={blob_endpoint};"
    )


def azure_variables(blob_endpoint: str) -> dict[str, str]:
    """The environment MLflow and the app use to reach Azurite."""
    return {"AZURE_STORAGE_CONNECTION_STRING": azurite_connection_string(blob_endpoint)}
