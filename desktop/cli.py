"""Command line: the GUI by default, plus ``import`` and ``export`` subcommands."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import desktop
from desktop.core.locations import STORE_ENV

if TYPE_CHECKING:
    from desktop.services.import_pipeline import ImportReport
    from desktop.store.database import Store

SUBCOMMANDS = ("import", "export")


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="DB",
        type=Path,
        help=f"the local store file (default: ${STORE_ENV} or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``mlflow-desktop``."""
    parser = argparse.ArgumentParser(
        prog="mlflow-desktop",
        description="Browse and compare MLflow experiments offline. Without a "
        "subcommand, opens the desktop app (importing any PATH given).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {desktop.__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser(
        "import",
        help="import mlruns folders into the store",
        description="Import (or refresh) MLflow mlruns folders into the local store.",
    )
    imp.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="an mlruns folder, or a folder that contains one",
    )
    _store_option(imp)
    imp.add_argument(
        "--full",
        action="store_true",
        help="re-read every run, not only the ones that changed",
    )
    imp.add_argument(
        "--workers",
        type=int,
        default=None,
        help="reader processes (default: one per core)",
    )
    imp.add_argument(
        "--artifacts",
        action="store_true",
        help="tracking servers: also list every run's artifacts and store the "
        "listing (for exports made offline)",
    )
    imp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    exp = sub.add_parser(
        "export",
        help="export runs as JSON or CSV",
        description="Export every run in the store (or chosen experiments).",
    )
    _store_option(exp)
    exp.add_argument(
        "--experiment",
        action="append",
        default=[],
        metavar="NAME",
        help="only this experiment (repeatable)",
    )
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument(
        "--history",
        action="store_true",
        help="include full metric histories (JSON only)",
    )
    exp.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write here instead of standard output",
    )
    exp.add_argument(
        "--offline",
        action="store_true",
        help="do not contact tracking servers: runs synced from one get the "
        "artifact listing stored by 'import --artifacts', if any",
    )
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The argument parser of the GUI launch (``mlflow-desktop [PATH...]``)."""
    parser = argparse.ArgumentParser(prog="mlflow-desktop", add_help=False)
    parser.add_argument("paths", nargs="*", metavar="PATH")
    _store_option(parser)
    # Hidden: open the window on a temporary store, check the bundle, quit (CI).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``mlflow-desktop`` and ``python -m desktop``."""
    from desktop.core.gc_tuning import startup_paused

    with startup_paused():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    first = args_list[0] if args_list else ""
    if first in SUBCOMMANDS or first in ("-h", "--help", "--version"):
        args = parser.parse_args(args_list)
        from desktop.store.database import StoreError

        try:
            if args.command == "import":
                return _cmd_import(args)
            if args.command == "export":
                return _cmd_export(args)
        except StoreError as exc:
            print(f"mlflow-desktop: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. piped into `head`
            sys.stderr.close()
            return 0
        except Exception as exc:  # never a traceback: one sentence, exit 3
            from desktop.cli_errors import plain_error
            from desktop.core.locations import default_store_path

            store = getattr(args, "store", None) or default_store_path()
            print(
                f"mlflow-desktop: {plain_error(exc, store, args.command)}",
                file=sys.stderr,
            )
            return 3
    return _launch_gui(args_list, parser)


def _launch_gui(argv: list[str], parser: argparse.ArgumentParser) -> int:
    try:
        from desktop.app import main as app_main
    except ImportError as exc:  # the desktop window is not built yet
        parser.print_help(sys.stderr)
        print(f"\nmlflow-desktop: cannot start the desktop app: {exc}", file=sys.stderr)
        return 2
    return app_main(argv)


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop.core.gc_tuning import freeze_startup_objects
    from desktop.services.import_pipeline import ImportOptions, run_to_end
    from desktop.services.sources import import_source
    from desktop.startup_checks import open_store_checked

    store = open_store_checked(args.store)
    freeze_startup_objects()
    imported_any = False
    try:
        for path in args.paths:
            bar = ProgressBar(sys.stderr, enabled=not args.quiet)
            options = ImportOptions(
                full=args.full, workers=args.workers, list_artifacts=args.artifacts
            )
            generator = import_source(store, path, options)
            try:
                while True:
                    progress = next(generator)
                    bar.update(progress.phase, progress.done, progress.total)
            except StopIteration as stop:
                report = stop.value
            except KeyboardInterrupt:
                generator.close()
                bar.finish()
                print(
                    "mlflow-desktop: import cancelled; runs already imported are kept.",
                    file=sys.stderr,
                )
                return 130
            bar.finish()
            if _asked_password(report):  # a team database refused: once more
                report = run_to_end(import_source(store, report.root, options))
            imported_any |= report.imported_anything
            _print_summary(report, store)
    finally:
        store.close()
    return 0 if imported_any else 1


def _asked_password(report: ImportReport) -> bool:
    """After a team database refused the sign-in, ask for the password on the
    terminal (never echoed, kept for this process only); ``False`` without one."""
    from desktop.services.source_locations import is_team_db_url

    if not (report.auth_failed and is_team_db_url(report.root)):
        return False
    if not sys.stdin.isatty():
        return False
    import getpass

    from desktop.services.team_db_sign_in import sign_in
    from desktop.sources.tracking_server.credentials import SESSION

    print(f"mlflow-desktop: {report.problems[0].message}", file=sys.stderr)
    password = getpass.getpass(f"Password for {report.root}: ")
    if not password:
        return False
    sign_in(report.root, password, remember=None, session=SESSION)
    return True


def _print_summary(report: ImportReport, store: Store) -> None:
    print(f"{report.root}")
    print(
        f"  experiments: {report.experiments}   runs: {report.runs_total} "
        f"({report.runs_read} read, {report.runs_unchanged} unchanged, "
        f"{report.runs_removed} removed)   metric points: {report.metric_points:,}"
        f"   logged models: {report.logged_models}   ({report.seconds:.2f} s)"
    )
    if report.registered_models:
        print(f"  registered models: {report.registered_models}")
    if report.experiments_removed:
        print(f"  experiments removed: {report.experiments_removed}")
    if report.problems:
        print(f"  problems ({len(report.problems)}):")
        for problem in report.problems[:50]:
            print(f"    {problem.path}: {problem.message}")
        if len(report.problems) > 50:
            print(f"    ... and {len(report.problems) - 50} more")
    print(f"  store: {store.path}")


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.gc_tuning import freeze_startup_objects
    from desktop.services.exporting import export_csv, export_json
    from desktop.services.server_listings import ExportArtifacts
    from desktop.startup_checks import open_store_checked

    if args.history and args.format != "json":
        print("mlflow-desktop: --history needs --format json", file=sys.stderr)
        return 2
    store = open_store_checked(args.store)
    freeze_startup_objects()
    artifacts = ExportArtifacts(live=not args.offline)
    try:
        out: TextIO
        if args.output is None:
            out = sys.stdout
        else:
            out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            if args.format == "json":
                count = export_json(
                    store,
                    out,
                    experiment_names=args.experiment,
                    history=args.history,
                    artifacts=artifacts,
                )
            else:
                count = export_csv(store, out, experiment_names=args.experiment)
        except KeyboardInterrupt:
            if out is not sys.stdout:
                out.close()
                args.output.unlink(missing_ok=True)
            where = (
                f"{args.output} was removed (it was incomplete)"
                if args.output
                else "the output is incomplete"
            )
            print(f"mlflow-desktop: export cancelled; {where}.", file=sys.stderr)
            return 130
        finally:
            if out is not sys.stdout:
                out.close()
    finally:
        store.close()
    for note in artifacts.notes():
        print(f"mlflow-desktop: {note}", file=sys.stderr)
    if args.output is not None:
        print(f"{count} runs written to {args.output}", file=sys.stderr)
    return 0


class ProgressBar:
    """A one-line terminal progress bar, redrawn at most 10 times a second."""

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self._last = 0.0
        self._drawn = False

    def update(self, phase: str, done: int, total: int) -> None:
        """Redraw for ``done`` of ``total`` in ``phase``."""
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        width = 30
        if total:
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            text = f"\r{phase:>6} [{bar}] {done}/{total}"
        else:
            text = f"\r{phase:>6} ..."
        self.stream.write(text.ljust(60))
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """Clear the bar's line."""
        if self._drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self._drawn = False


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
