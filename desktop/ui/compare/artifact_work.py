"""Work behind the compare dialog's Artifacts tab, run on the thread pool.

Scanning reads each compared run's artifact listing, its logged image series and
its files (a server run's through the server); loading a shared path reads that
file of every run that has it: an image is decoded safely, a logged table or a
CSV is parsed into rows, anything else is shown as the start of its text. Every
function takes ``cancelled`` (checked between runs) and ``progress``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from desktop.services.logged_tables import (
    Cell,
    LoggedTable,
    LoggedTableError,
    looks_like_table,
    read_logged_table,
)
from desktop.services.previews import (
    IMAGE_EXTENSIONS,
    TABLE_EXTENSIONS,
    extension,
    read_head,
    read_table_chunk,
    read_text_chunk,
)
from desktop.services.run_artifacts import RunArtifacts
from desktop.services.run_files import (
    RunFileError,
    local_file,
    run_files,
    step_images,
)
from desktop.services.step_images import ImageSeries, StepImage
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.run_image_loading import ImageOrMessage, load_run_image
from desktop.ui.i18n import describe, error_text

TEXT_PREVIEW_BYTES = 64 * 1024
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


translate = QCoreApplication.translate


@dataclass
class RunScan:
    """What one compared run holds: its artifacts, image series and files."""

    pk: int
    name: str
    artifacts: RunArtifacts | None = None
    series: dict[str, ImageSeries] = field(default_factory=dict)
    files: dict[str, int | None] = field(default_factory=dict)
    problem: str = ""


@dataclass
class Scan:
    """Every compared run's scan (``cancelled``: stopped before the end)."""

    runs: list[RunScan]
    cancelled: bool = False


def scan_runs(
    read: Callable[[int], RunArtifacts | None],
    runs: Sequence[tuple[int, str]],
    progress: Progress,
    cancelled: Cancelled,
) -> Scan:
    """Scan ``runs`` (pk, name) with ``read`` (the catalog's ``run_artifacts``)."""
    scans: list[RunScan] = []
    for done, (pk, name) in enumerate(runs):
        if cancelled():
            return Scan(scans, True)
        progress(done, len(runs))
        scan = RunScan(pk, name)
        try:
            scan.artifacts = read(pk)
            if scan.artifacts is None:
                scan.problem = translate(
                    "CompareArtifacts", "This run is no longer in the store."
                )
            elif scan.artifacts.root.path is None:
                scan.problem = translate(
                    "CompareArtifacts", "The artifacts are not on this computer."
                )
            else:
                scan.series = step_images(scan.artifacts)
                scan.files = run_files(scan.artifacts, cancelled)
        except RunFileError as exc:
            scan.problem = error_text(exc)
        except Exception as exc:  # one run's failure is shown in place
            scan.problem = describe(exc)
        scans.append(scan)
    progress(len(runs), len(runs))
    return Scan(scans, cancelled())


# -- images at a step ---------------------------------------------------------------
def load_step_images(
    wanted: Sequence[tuple[RunArtifacts, StepImage] | None],
    cancelled: Cancelled,
) -> list[ImageOrMessage | None]:
    """Decode each run's image (``None`` entries stay ``None``)."""
    out: list[ImageOrMessage | None] = []
    for item in wanted:
        if item is None or cancelled():
            out.append(None)
            continue
        artifacts, image = item
        out.append(load_run_image(artifacts, image.path, image.size, cancelled))
    return out


# -- one path in several runs ---------------------------------------------------------
@dataclass(frozen=True)
class TableFile:
    """A logged table or a CSV/TSV file's rows (``note``: e.g. only the first rows)."""

    table: LoggedTable
    note: str = ""


@dataclass(frozen=True)
class TextFile:
    """The start of a text file."""

    text: str
    note: str = ""


FileView = ImageOrMessage | TableFile | TextFile


def load_shared_file(
    runs: Sequence[RunScan],
    relative: str,
    progress: Progress,
    cancelled: Cancelled,
) -> list[FileView | None]:
    """Each run's file ``relative`` (``None`` for runs without it)."""
    out: list[FileView | None] = []
    for done, scan in enumerate(runs):
        progress(done, len(runs))
        if cancelled() or scan.artifacts is None or relative not in scan.files:
            out.append(None)
            continue
        out.append(_load_one(scan.artifacts, relative, scan.files[relative], cancelled))
    progress(len(runs), len(runs))
    return out


def _load_one(
    artifacts: RunArtifacts, relative: str, size: int | None, cancelled: Cancelled
) -> FileView:
    ext = extension(relative)
    if ext in IMAGE_EXTENSIONS:
        return load_run_image(artifacts, relative, size, cancelled)
    try:
        path = local_file(artifacts, relative, size, cancelled)
        if ext in TABLE_EXTENSIONS:
            return _csv_table(path, relative)
        head = read_head(path)
        if ext == ".json" and (
            relative in artifacts.logged_tables or looks_like_table(head)
        ):
            return TableFile(read_logged_table(path, relative))
        if b"\x00" in head:
            return loading.Message(
                translate("CompareArtifacts", "Binary file"),
                translate("CompareArtifacts", "{0} has no preview.").format(relative),
            )
        chunk = read_text_chunk(path, limit=TEXT_PREVIEW_BYTES)
        note = (
            ""
            if chunk.complete
            else translate("CompareArtifacts", "The first {0} KB").format(
                TEXT_PREVIEW_BYTES // 1024
            )
        )
        return TextFile(chunk.text, note)
    except (RunFileError, LoggedTableError) as exc:
        return loading.Message(
            translate("CompareArtifacts", "Cannot read the file"), error_text(exc)
        )
    except (OSError, csv.Error, ValueError) as exc:
        return loading.Message(
            translate("CompareArtifacts", "Cannot read the file"), f"{relative}: {exc}"
        )


def _csv_table(path: str, relative: str) -> TableFile:
    chunk = read_table_chunk(path)
    rows = [tuple(_number(v) for v in row) for row in chunk.rows]
    width = max([len(chunk.header)] + [len(r) for r in rows])
    header = list(chunk.header) + [f"#{i + 1}" for i in range(len(chunk.header), width)]
    padded: list[tuple[Cell, ...]] = [r + (None,) * (width - len(r)) for r in rows]
    table = LoggedTable(relative, tuple(header), tuple(padded), chunk.size)
    note = (
        ""
        if chunk.complete
        else translate("CompareArtifacts", "The first {0} rows").format(len(rows))
    )
    return TableFile(table, note)


def _number(text: str) -> Cell:
    """A CSV cell as a number when it reads as one (for alignment and sorting)."""
    if not text or len(text) > 40:
        return text
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text
