"""packaging/linux: the .desktop entry and the user install script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
DESKTOP_FILE = LINUX / "mlflow-desktop.desktop"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux desktop integration"
)


def read_entry(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        return
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout


def test_desktop_entry_declares_name_icon_and_open_with_types():
    entry = read_entry(DESKTOP_FILE)
    assert entry["Name"] == "MLflow Desktop"
    assert entry["Name[ko]"] == "MLflow 데스크톱"
    assert entry["Comment[ko]"].startswith("MLflow 실험")
    assert entry["GenericName"] == "Experiment Browser"
    assert entry["Icon"] == "mlflow-desktop"
    assert entry["Exec"] == "mlflow-desktop %F"
    assert entry["MimeType"].split(";")[:3] == [
        "inode/directory",
        "application/vnd.sqlite3",
        "application/x-sqlite3",
    ]
    assert entry["Categories"] == "Development;Science;"
    validate(DESKTOP_FILE)


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    return subprocess.run(
        ["bash", str(LINUX / "install.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def installed_files(home: Path) -> set[str]:
    caches = {"mimeinfo.cache", "icon-theme.cache"}
    return {
        str(p.relative_to(home))
        for p in home.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name not in caches
    }


def test_uv_launcher_install_and_uninstall(tmp_path):
    home = tmp_path / "home"
    result = run_install(home, "--uv")
    assert result.returncode == 0, result.stderr
    launcher = home / ".local" / "bin" / "mlflow-desktop"
    assert os.access(launcher, os.X_OK)
    assert f'--project "{REPO}" mlflow-desktop' in launcher.read_text()
    entry_path = home / ".local/share/applications/mlflow-desktop.desktop"
    assert read_entry(entry_path)["Exec"] == f'"{launcher}" %F'
    validate(entry_path)
    hicolor = home / ".local/share/icons/hicolor"
    for size in (16, 32, 48, 256, 512):
        icon = hicolor / f"{size}x{size}/apps/mlflow-desktop.png"
        source = REPO / "resources" / "icons" / f"mlflow-desktop-{size}.png"
        assert icon.read_bytes() == source.read_bytes()
    assert (hicolor / "scalable/apps/mlflow-desktop.svg").exists()

    version = subprocess.run(
        [str(launcher), "--version"], capture_output=True, text=True, timeout=300
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("mlflow-desktop ")

    result = run_install(home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert installed_files(home) == set()


def test_bundle_install_copies_the_built_folder(tmp_path):
    bundle = tmp_path / "dist" / "mlflow-desktop"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "mlflow-desktop"
    program.write_text('#!/bin/sh\necho built-app "$@"\n')
    program.chmod(0o755)
    home = tmp_path / "home"
    result = run_install(home, "--bundle", str(bundle))
    assert result.returncode == 0, result.stderr
    launcher = home / ".local" / "bin" / "mlflow-desktop"
    assert launcher.resolve() == home / ".local/lib/mlflow-desktop/mlflow-desktop"
    out = subprocess.run([str(launcher), "x"], capture_output=True, text=True)
    assert out.stdout == "built-app x\n"
    # Reinstalling replaces the copy; uninstalling removes it.
    assert run_install(home, "--bundle", str(bundle)).returncode == 0
    assert run_install(home, "--uninstall").returncode == 0
    assert installed_files(home) == set()


def test_bundle_install_without_a_build_explains_what_to_do(tmp_path):
    result = run_install(tmp_path / "home", "--bundle", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "uv run python packaging/build.py" in result.stderr
