"""The Windows and macOS builds, checked where they cannot run (issue 20).

The spec's platform branches are run with PyInstaller's build steps replaced by
recorders, as each platform would take them; the GitHub workflow that builds on
each platform is read as data and held to ``packaging/build.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from tests.scripts import load_packaging_script

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "mlflow-desktop.spec"
WORKFLOW = REPO / ".github" / "workflows" / "build.yml"
PLATFORMS = {"ubuntu-24.04": "linux", "windows-2022": "win32", "macos-14": "darwin"}


class _Recorder:
    """Stands for one of PyInstaller's build steps: keeps what it was given."""

    def __init__(self, calls: dict[str, list], name: str) -> None:
        self.calls, self.name = calls, name

    def __call__(self, *args, **kwargs):
        self.calls.setdefault(self.name, []).append(kwargs)
        return SimpleNamespace(
            datas=[], binaries=[], pure=[], scripts=[], zipped_data=[]
        )


def _run_spec(platform: str, tmp_path: Path, monkeypatch) -> dict[str, list]:
    import PyInstaller.utils.hooks  # noqa: F401 - loaded for this machine, before

    calls: dict[str, list] = {}
    monkeypatch.setattr(sys, "platform", platform)
    names = ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    namespace = {name: _Recorder(calls, name) for name in names}
    namespace |= {"SPECPATH": str(SPEC.parent), "workpath": str(tmp_path)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return calls


@pytest.fixture(scope="module")
def version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"][
        "version"
    ]


def test_the_windows_build_has_its_icon_and_version_resource(
    tmp_path, monkeypatch, version
):
    calls = _run_spec("win32", tmp_path, monkeypatch)
    (exe,) = calls["EXE"]
    assert exe["icon"].endswith("mlflow-desktop.ico")
    assert exe["console"] is False  # no console window
    resource = Path(exe["version"]).read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{version}')" in resource
    assert "StringStruct('OriginalFilename', 'mlflow-desktop.exe')" in resource
    assert "BUNDLE" not in calls


def test_the_macos_build_is_an_app_that_opens_folders_and_databases(
    tmp_path, monkeypatch, version
):
    calls = _run_spec("darwin", tmp_path, monkeypatch)
    (exe,) = calls["EXE"]
    assert exe["icon"].endswith("mlflow-desktop.icns")
    assert exe["argv_emulation"] is True  # files dropped on the Dock icon
    (bundle,) = calls["BUNDLE"]
    assert bundle["name"] == "mlflow-desktop.app"
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == version
    kinds = {t["CFBundleTypeName"]: t for t in plist["CFBundleDocumentTypes"]}
    assert kinds["Folder"]["LSItemContentTypes"] == ["public.folder"]
    assert "db" in kinds["MLflow SQLite database"]["CFBundleTypeExtensions"]


def test_the_linux_build_is_a_plain_folder(tmp_path, monkeypatch):
    calls = _run_spec("linux", tmp_path, monkeypatch)
    (exe,) = calls["EXE"]
    assert "icon" not in exe  # the .desktop file names the icon
    assert "BUNDLE" not in calls
    assert len(calls["COLLECT"]) == 1


def test_the_workflow_builds_and_smoke_tests_each_platform(monkeypatch):
    build = load_packaging_script("build")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert set(jobs["test"]["strategy"]["matrix"]["os"]) == set(PLATFORMS)
    app = jobs["app"]
    builds = {entry["os"]: entry for entry in app["strategy"]["matrix"]["include"]}
    assert set(builds) == set(PLATFORMS)
    steps = {step.get("name", step.get("uses")): step for step in app["steps"]}
    assert steps["Install"]["run"] == "uv sync --locked"
    assert "packaging/build.py" in steps["Build"]["run"]
    assert "--smoke-test" in steps["Smoke test (prints the time to first paint)"]["run"]
    assert steps["actions/upload-artifact@v4"]["with"]["if-no-files-found"] == "error"
    for os_name, platform in PLATFORMS.items():
        monkeypatch.setattr(sys, "platform", platform)
        expected = build.program_path(Path("dist")).as_posix()
        assert builds[os_name]["program"] == expected, os_name
    spawned = [s for s in jobs["test"]["steps"] if "env" in s]
    assert spawned[0]["env"]["MLFLOW_DESKTOP_START_METHOD"] == "spawn"
