"""Start-up stays light: heavy modules load where they are used, not on launch.

Structure, not timing: each check runs in a fresh interpreter and lists what got
imported. The timings are in ``tests/benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.store.database import open_store

# Loaded only where they are used: plots when a plot is built, SciPy and
# scikit-learn in the analysis process, Alembic when the store needs a migration.
HEAVY = (
    "scipy",
    "sklearn",
    "joblib",
    "pyqtgraph",
    "alembic",
    "mlflow",
    "pandas",
    "matplotlib",
    "pyarrow",
    "PIL",
    "desktop.ui.compare",
    "desktop.ui.detail.metric_chart",
    "desktop.ui.detail.artifacts_panel",  # with the Artifacts tab
    "desktop.ui.plot_style",
    "desktop.analysis.importance",
    "requests",  # tracking servers: on first contact
    "boto3",  # artifacts in S3: when a bucket is first listed
    "botocore",
)
# What the window needs; the command line's --version and --help need none of it.
GUI = (
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "numpy",
    "platformdirs",
    "yaml",
    "requests",
    "importlib.metadata",  # SQLAlchemy loads it; --version reads the dist-info
)


def startup_probe_env() -> str:
    from desktop.ui.startup_probe import PROBE_ENV

    return PROBE_ENV


def _run(
    code: str, tmp_path: Path, env: dict[str, str] | None = None
) -> dict[str, set[str]]:
    """Run ``code`` in a fresh interpreter; module lists it printed, by marker.

    ``MODULES=`` is what was imported at the end.
    """
    script = textwrap.dedent(code) + (
        "\nimport json, sys\nprint('MODULES=' + json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**_env(tmp_path), **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    found = {}
    for line in result.stdout.splitlines():
        marker, equals, listed = line.partition("=")
        if equals and listed.startswith("["):
            found[marker + "="] = set(json.loads(listed))
    return found


def _loaded(
    code: str,
    tmp_path: Path,
    marker: str | None = None,
    env: dict[str, str] | None = None,
):
    """The modules ``code`` left imported (all printed lists with ``marker``)."""
    found = _run(code, tmp_path, env)
    return found if marker else found["MODULES="]


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MLFLOW_DESKTOP_STORE": str(tmp_path / "store.db"),
        "MLFLOW_DESKTOP_SETTINGS": str(tmp_path / "settings.ini"),
    }


def _found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in names
        if any(m == name or m.startswith(name + ".") for m in modules)
    )


# What the window's first paint does without: the store opens after it.
AFTER_FIRST_PAINT = (
    "sqlalchemy",
    "numpy",
    "desktop.store.database",
    "desktop.store.schema",
    "desktop.services.importing",
    "desktop.ui.runs_view",
    "desktop.ui.detail",
)


def test_importing_the_app_loads_no_heavy_module(tmp_path):
    modules = _loaded("import desktop.app", tmp_path)
    assert "desktop.ui.main_window" in modules  # the window's code is there
    assert _found(modules, HEAVY + AFTER_FIRST_PAINT) == []


def test_the_welcome_page_paints_before_the_store_is_opened(tmp_path, current_store):
    found = _loaded(
        f"""
        import json, sys
        from desktop.ui import startup_probe, store_opening

        # What was loaded when the paint let the store open (its thread then
        # imports the store's modules while the probe reports).
        loaded = []

        def start(opening, original=store_opening.StoreOpening._start):
            loaded.append(sorted(sys.modules))
            original(opening)

        def report(probe, what, original=startup_probe.StartupProbe._report):
            modules = loaded[0] if loaded else sorted(sys.modules)
            print("PAINTED=" + json.dumps(modules), flush=True)
            original(probe, what)

        store_opening.StoreOpening._start = start
        startup_probe.StartupProbe._report = report
        from desktop.app import main
        main(["--store", {str(current_store)!r}])
        """,
        tmp_path,
        marker="PAINTED=",
        env={startup_probe_env(): "1"},
    )
    painted = found["PAINTED="]
    assert "desktop.ui.welcome" in painted
    assert _found(painted, HEAVY + AFTER_FIRST_PAINT) == []


def test_the_command_line_loads_neither_qt_nor_the_store(tmp_path):
    modules = _loaded("import desktop.cli", tmp_path)
    assert _found(modules, HEAVY + GUI) == []


def test_version_and_help_load_neither_qt_nor_the_store(tmp_path):
    for argument in ("--version", "--help"):
        code = f"""
            import contextlib, io
            from desktop.cli import main
            out = contextlib.redirect_stdout(io.StringIO())
            with contextlib.suppress(SystemExit), out:
                main([{argument!r}])
        """
        modules = _loaded(code, tmp_path)
        assert _found(modules, HEAVY + GUI) == [], argument


def test_the_shown_window_loads_plots_only_with_the_metrics_tab(
    tmp_path, current_store
):
    modules = _loaded(
        f"""
        import json, sys
        from desktop.app import application, create_window
        app = application()
        window = create_window(["--store", {str(current_store)!r}])
        window.show()
        for _ in range(50):
            app.processEvents()
        print("SHOWN=" + json.dumps(sorted(sys.modules)))
        detail = window.detail
        detail.show()
        detail.stack.setCurrentWidget(detail.tabs)
        detail.tabs.setCurrentWidget(detail.metrics_page)
        app.processEvents()
        window.close()
        """,
        tmp_path,
        marker="SHOWN=",
    )
    assert _found(modules["SHOWN="], HEAVY) == []
    assert "desktop.ui.detail.metric_chart" in modules["MODULES="]
    assert "pyqtgraph" in modules["MODULES="]


@pytest.fixture
def current_store(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    open_store(path).close()  # created and migrated to the newest schema
    return path


def test_opening_an_up_to_date_store_does_not_load_alembic(tmp_path, current_store):
    modules = _loaded(
        f"""
        from desktop.store.database import open_store
        open_store({str(current_store)!r}).close()
        """,
        tmp_path,
    )
    assert "desktop.store.database" in modules
    assert _found(modules, ("alembic", "sqlalchemy")) == []


# Besides the GUI: what the import of a folder that has not changed must not load.
UNCHANGED_IMPORT = (
    "sqlalchemy",
    "numpy",
    "yaml",  # MLflow's flat meta.yaml files are read without it
    "desktop.store.schema",
    "desktop.sources.mlruns.runs",  # the run readers: only to read runs
    "desktop.services.mlruns_batches",
    "desktop.services.kinds.mlflow_db",  # kinds not asked for
    "desktop.services.kinds.tracking_server",
    "desktop.services.live",
    "desktop.services.watching",
)


def test_importing_an_unchanged_folder_loads_no_store_library(tmp_path):
    """A re-import that finds nothing changed decides and writes through plain
    sqlite3; only the mlruns kind is loaded."""
    from desktop.services.importing import run_import
    from tests.robustness.robust_helpers import write_big_tree

    root, store = tmp_path / "mlruns", tmp_path / "imported.db"
    write_big_tree(root, 3, points=2, seed=1)
    first = open_store(store)
    try:
        run_import(first, root)  # the first import reads every run
    finally:
        first.close()
    found = _loaded(
        f"""
        import contextlib, io, json
        from desktop.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["import", {str(root)!r}, "--store", {str(store)!r}, "-q"])
        print("OUTPUT=" + json.dumps([f"exit {{code}}", *out.getvalue().splitlines()]))
        """,
        tmp_path,
        marker="OUTPUT=",
    )
    assert "exit 0" in found["OUTPUT="]
    assert any("(0 read, 3 unchanged, 0 removed)" in x for x in found["OUTPUT="])
    modules = found["MODULES="]
    assert "desktop.services.kinds.mlruns" in modules
    assert _found(modules, (*HEAVY, "PySide6", "shiboken6", *UNCHANGED_IMPORT)) == []


def test_a_new_store_is_migrated_with_alembic(tmp_path):
    modules = _loaded(
        f"""
        from desktop.store.database import open_store
        open_store({str(tmp_path / "new.db")!r}).close()
        """,
        tmp_path,
    )
    assert "alembic" in modules


def test_the_version_is_the_installed_distribution_s():
    from importlib.metadata import version

    import desktop

    assert desktop._version_from_dist_info() == version("mlflow-desktop")


def test_an_unchanged_store_paints_its_runs_before_sqlalchemy_loads(tmp_path):
    import shutil

    from desktop.services.importing import run_import

    data = Path(__file__).parent / "data" / "sample_mlruns"
    shutil.copytree(data, tmp_path / "mlruns", symlinks=True)
    path = tmp_path / "store.db"
    store = open_store(path)
    run_import(store, tmp_path / "mlruns", workers=1)
    store.close()
    # A first launch shows the runs from the store and keeps the first screen.
    _run(
        f"""
        from desktop.app import main
        main(["--store", {str(path)!r}])
        """,
        tmp_path,
        {startup_probe_env(): "1"},
    )
    # The next one shows them with the store still closed.
    found = _loaded(
        f"""
        import json, sys, threading
        import desktop.ui.store_opening as opening
        held = threading.Event()
        opening._open = lambda path: held.wait(60)
        from desktop.app import application, open_window
        app = application()
        window = open_window(["--store", {str(path)!r}], print)
        assert window.store is None
        window.show()
        import time
        deadline = time.monotonic() + 60
        while not window.runs.model.rowCount() and time.monotonic() < deadline:
            app.processEvents()
        window.runs.table.viewport().repaint()
        print("ROWS=" + json.dumps(sorted(sys.modules)), flush=True)
        print("COUNT=" + json.dumps([window.runs.model.rowCount()]), flush=True)
        import os
        os._exit(0)
        """,
        tmp_path,
        marker="ROWS=",
    )
    assert min(found["COUNT="]) > 0  # rows on screen
    assert _found(found["ROWS="], (*HEAVY, "sqlalchemy", "numpy")) == []
    assert "desktop.ui.runs_view" in found["ROWS="]
