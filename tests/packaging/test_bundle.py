"""Build the PyInstaller app and start it: CI's proof that the package works.

Slow (a few minutes on two cores): deselect locally with ``-m "not bundle"``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built program (one-folder build in a temporary folder)."""
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        pytest.fail("PyInstaller needs objdump on Linux: apt-get install binutils")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging" / "build.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
            "--quiet",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1700,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-5000:]
    print(result.stdout)  # the path, size and build time (visible with -s / -rP)
    suffix = ".exe" if sys.platform == "win32" else ""
    program = out / "dist" / "mlflow-desktop" / f"mlflow-desktop{suffix}"
    assert program.is_file(), result.stdout
    return program


def run(program: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),  # the app must not touch the real user's files
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("MLFLOW_DESKTOP_STORE", None)
    return subprocess.run(
        [str(program), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_bundled_app_passes_its_smoke_test(bundle, tmp_path):
    result = run(bundle, "--smoke-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
    for check in ("window", "migrations", "icon", "translations", "analysis"):
        assert f"ok   {check}:" in result.stdout
    assert "ok   worker process:" in result.stdout
    assert "ok   chart:" in result.stdout  # pyqtgraph, imported lazily, is bundled
    assert "ok   s3 client:" in result.stdout  # botocore's S3 models are bundled
    window = next(x for x in result.stdout.splitlines() if x.startswith("ok   window"))
    if sys.platform.startswith("linux"):  # the time to first paint, from launch
        assert re.search(r"first paint after \d+ ms, \d+\.\d+ s after launch", window)
    print(window)  # visible with -s / -rP


def test_bundled_app_reports_its_version(bundle, tmp_path):
    from desktop import __version__

    result = run(bundle, "--version", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"mlflow-desktop {__version__}"


def test_bundle_holds_the_resources_and_migrations(bundle):
    internal = bundle.parent / "_internal"
    migrations = internal / "desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    source = REPO / "desktop" / "store" / "migrations" / "versions"
    assert shipped == sorted(p.name for p in source.glob("*.py"))
    for folder in ("icons", "translations", "sample_project"):
        if (REPO / "resources" / folder).is_dir():
            assert (internal / "resources" / folder).is_dir(), folder
    qt_translations = internal / "PySide6" / "Qt" / "translations"
    assert (qt_translations / "qtbase_ko.qm").is_file()
    assert not list(qt_translations.glob("qtbase_de.qm"))  # Korean only
    botocore_models = internal / "botocore" / "data"
    assert (botocore_models / "s3").is_dir()
    assert (botocore_models / "endpoints.json").is_file()
    assert not (botocore_models / "ec2").exists()  # other AWS services left out
