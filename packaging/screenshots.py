"""Take README screenshots of the real app (offscreen or under Xvfb).

Usage (from the repository root)::

    uv run python packaging/screenshots.py [MLRUNS ...] [--out resources/screenshots]
        [--experiment NAME] [--sort METRIC] [--filter TEXT] [--name main]
        [--theme light|dark] [--welcome]

It imports the folders into a temporary store, selects the experiment, applies the
sort and filter, waits for the table, and saves ``<out>/<name>.png``. With
``--welcome`` (and no folders) it grabs the first-run page of an empty store.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer


def _wait(app, predicate, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    waited = [0]

    def check() -> None:
        waited[0] += 50
        if predicate() or waited[0] > timeout_ms:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()


def main(argv: list[str] | None = None) -> int:
    """Import, arrange and grab the main window."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--store", type=Path, help="an existing store (no import)")
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    parser.add_argument("--experiment")
    parser.add_argument("--sort", help="metric to sort by, best first")
    parser.add_argument("--filter", default="")
    parser.add_argument(
        "--group", help="column ids to group the runs by, e.g. param:optimizer"
    )
    parser.add_argument("--unfold", action="store_true", help="unfold every row")
    parser.add_argument("--name", default="main")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--select", type=int, default=0, help="select N first rows")
    parser.add_argument("--run", help="show this run (by name) in the detail dock")
    parser.add_argument("--tab", help="detail dock tab to show (e.g. Metrics)")
    parser.add_argument("--metrics", help="comma-separated metrics to plot")
    parser.add_argument("--artifact", help="artifact path to preview")
    parser.add_argument(
        "--compare",
        metavar="SECTION",
        help="compare the selected runs and grab the dialog on this section "
        "(table, parallel, scatter, curves, importance)",
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--welcome", action="store_true", help="grab the first page")
    parser.add_argument(
        "--charts", action="store_true", help="show the runs charts view, not the table"
    )
    parser.add_argument("--language", help="UI language (en, ko)")
    parser.add_argument(
        "--columns", help="column ids to show, e.g. attribute:status,metric:latest:auc"
    )
    parser.add_argument(
        "--color", help="parallel or scatter colour (metric:auc, param:optimizer)"
    )
    parser.add_argument(
        "--hide-detail", action="store_true", help="close the run details dock"
    )
    parser.add_argument(
        "--axes", help="parallel-coordinates axes (ids, comma-separated)"
    )
    args = parser.parse_args(argv)

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("MLFLOW_DESKTOP_SETTINGS", str(Path(tmp) / "settings.ini"))
    from desktop.app import application
    from desktop.store.database import open_store
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    if args.language:
        Settings().set_language(args.language)
    app = application()
    store_path = args.store or Path(tmp) / "store.db"
    settings = Settings()
    settings.set_theme(args.theme)
    window = MainWindow(open_store(store_path), settings)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    reports = []
    window.import_finished.connect(reports.append)
    if args.welcome:
        _wait(app, window.welcome_shown, 10_000)
        _wait(app, lambda: False, 300)
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / f"{args.name}.png"
        window.grab().save(str(target))
        print(target)
        window.close()
        return 0
    window.import_paths(args.paths)
    _wait(app, lambda: len(reports) == len(args.paths) and window.runs.experiment_pks)
    if args.experiment:
        proxy = window.experiments.proxy
        for row in range(proxy.rowCount()):
            parent = proxy.index(row, 0)
            for child in range(proxy.rowCount(parent)):
                index = proxy.index(child, 0, parent)
                if str(index.data()).startswith(args.experiment + "  ("):
                    window.experiments.select_experiment(index.data(Qt.UserRole + 2))
    _wait(app, lambda: not window.runs.is_busy() and window.runs.model.rowCount())
    if args.columns:
        from desktop.core.columns import Column

        chosen = [Column.from_id(i) for i in args.columns.split(",")]
        window.runs.set_columns([c for c in chosen if c is not None])
    if args.sort:
        columns = window.runs.model.columns()
        col = next(
            i
            for i, c in enumerate(columns)
            if c.kind == "metric" and c.key == args.sort
        )
        window.runs.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    if args.filter:
        window.runs.filter_edit.setText(args.filter)
        window.runs.requery()
    if args.group:
        from desktop.core.columns import Column

        grouped = [Column.from_id(i) for i in args.group.split(",")]
        window.runs.set_group_by(tuple(c for c in grouped if c is not None))
    if args.unfold:
        _wait(app, lambda: False, 300)
        _wait(app, lambda: not window.runs.is_busy())
        window.runs.set_all_unfolded(True)
    _wait(app, lambda: False, 600)
    _wait(app, lambda: not window.runs.is_busy())
    if args.run:
        model = window.runs.model  # folded child runs too
        rows = window.catalog.row_page(model.matched_pks(), model.columns()).rows
        window.runs.show_run(
            next(pk for pk, row in rows.items() if row.run_name == args.run)
        )
    elif args.select == 1:
        window.runs.show_run(window.runs.model.run_pks()[0])
    elif args.select:
        window.runs.select_runs(set(window.runs.model.run_pks()[: args.select]))
    _wait(app, lambda: False, 400)
    _wait(app, lambda: not window.detail.is_loading())
    _arrange_detail(app, window, args)
    if args.hide_detail:
        window.detail.hide()
        _wait(app, lambda: False, 300)
    if args.charts:
        window.runs.views.show_charts(True)
        charts = window.runs.views.charts
        _wait(app, lambda: False, 300)
        _wait(app, lambda: not charts.is_loading())
        _wait(app, lambda: False, 500)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{args.name}.png"
    if args.compare:
        _grab_compare(app, window, args.compare, target, args.axes, args.color)
    else:
        window.grab().save(str(target))
    print(target)
    window.close()
    return 0


def _arrange_detail(app, window, args) -> None:
    dock = window.detail
    if args.tab:
        tabs = dock.tabs
        for i in range(tabs.count()):
            if tabs.tabText(i).startswith(args.tab):
                tabs.setCurrentIndex(i)
        _wait(app, lambda: False, 300)
        page = getattr(dock, "artifacts_page", None)  # built with its tab
        _wait(app, lambda: page is None or not page.is_busy())
    if args.metrics:
        dock.metrics_page.table.select_keys(args.metrics.split(","))
        _wait(app, lambda: False, 300)
        _wait(app, lambda: not dock.is_loading())
    if args.artifact:
        dock.artifacts_page.select_path(args.artifact)
        _wait(app, lambda: False, 1500)


def _grab_compare(
    app,
    window,
    section: str,
    target: Path,
    axes: str | None = None,
    color: str | None = None,
) -> None:
    """Open the compare dialog on the selected runs and save it."""
    from desktop.ui.compare.dialog import CompareDialog

    def dialogs() -> list[CompareDialog]:
        return [w for w in app.topLevelWidgets() if isinstance(w, CompareDialog)]

    window.runs.request_compare()
    _wait(app, lambda: bool(dialogs()))
    dialog = dialogs()[-1]
    dialog.resize(window.size())
    _wait(app, lambda: not dialog.is_loading())
    shown = dialog.show_section(section)
    if axes and section == "parallel":
        shown.set_axes(axes.split(","))
    if color and section in ("parallel", "scatter"):
        shown.color_combo.setCurrentIndex(shown.color_combo.findData(color))
    busy = getattr(shown, "is_busy", None)
    if busy is not None:
        _wait(app, lambda: not busy())
    _wait(app, lambda: False, 2500)
    dialog.grab().save(str(target))
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
