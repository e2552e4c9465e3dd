"""Hostile run content: a description or SVG never reads files outside the run.

A description (anyone who can set a tag writes it) may show images only from the
run's own artifact folder; an SVG artifact renders without external references;
long descriptions are cut and shown as plain text; a FIFO never blocks.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from desktop.core.views import RunDetail
from desktop.services.svg_safety import UnsafeSvg, neutralize_svg
from desktop.store.run_overview import RunOverview
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.overview_page import OverviewPage

SECRET_SIZE = (37, 23)  # an image size nothing else has


def _png(path: Path, size: tuple[int, int], color: str = "red") -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), "PNG")
    return path


def _overview(description: str, artifact_root: str | None) -> RunOverview:
    detail = RunDetail(
        pk=1,
        run_id="r1",
        experiment_pk=1,
        experiment_id="1",
        run_name="hostile",
        status="FINISHED",
        lifecycle_stage="active",
        start_time=None,
        end_time=None,
        deleted_time=None,
        user_id=None,
        artifact_uri=None,
        artifact_root=artifact_root,
        parent_run_id=None,
        params={},
        tags={"mlflow.note.content": description},
        metrics={},
    )
    return RunOverview(detail, "exp", "", None, [], [])


def _browser(page: OverviewPage):
    return getattr(page.description, "browser", page.description)


def _resource(page: OverviewPage, name: str) -> QImage:
    image = (
        _browser(page)
        .document()
        .resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
    )
    return image if isinstance(image, QImage) else QImage()


@pytest.mark.timeout(30)
def test_a_description_shows_images_only_from_the_runs_artifacts(qtbot, tmp_path):
    secret = _png(tmp_path / "outside" / "secret.png", SECRET_SIZE)
    artifacts = tmp_path / "run" / "artifacts"
    _png(artifacts / "plots" / "ok.png", (11, 7), "green")
    fifo = tmp_path / "outside" / "pipe.png"
    os.mkfifo(fifo)
    os.mkfifo(artifacts / "plots" / "inner.png")  # inside, but not a file
    os.symlink("/dev/zero", artifacts / "plots" / "zero.png")  # leads outside
    page = OverviewPage()
    qtbot.addWidget(page)
    hostile = [
        str(secret),
        secret.as_uri(),
        "../../outside/secret.png",
        str(fifo),
        "/dev/zero",
        "plots/inner.png",
        "plots/zero.png",
    ]
    text = "\n\n".join(
        [f"![x]({name})" for name in hostile]
        + [f'<img src="{secret}">', "![ok](plots/ok.png)"]
    )
    page.show_overview(_overview(text, str(artifacts)))
    page.resize(600, 800)
    page.show()
    qtbot.waitExposed(page)
    page.grab()  # lays out and paints: every image is asked for
    for name in hostile:
        assert _resource(page, name).size().toTuple() != SECRET_SIZE, name
    assert _resource(page, "plots/ok.png").size().toTuple() == (11, 7)
    assert _browser(page).searchPaths() == []


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["table", "unbroken", "small_table"])
def test_a_long_description_is_cut_and_shown_as_plain_text(qtbot, kind):
    page = OverviewPage()
    qtbot.addWidget(page)
    row = "| " + " | ".join(f"c{i}" for i in range(20)) + " |\n"
    table = row + "|" + "---|" * 20 + "\n" + row * 20_000  # ~2.3 MB of table
    if kind == "unbroken":
        table = "x" * 10_000_000
    elif kind == "small_table":  # 17 KB, but 3,000 cells: seconds of layout
        table = table[:17_000]
    started = time.monotonic()
    page.show_overview(_overview(table, None))
    page.resize(600, 800)
    page.show()
    qtbot.waitExposed(page)
    page.grab()
    assert time.monotonic() - started < 10
    view = page.description
    assert view.note.isVisibleTo(page)
    assert len(view.toPlainText()) <= 64 * 1024
    view.copy_button.click()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == table


SVG = """<svg xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">
 <rect width="64" height="64" fill="white"/>
 <image x="0" y="0" width="64" height="64" xlink:href="{href}"/>
</svg>"""


@pytest.mark.timeout(30)
@pytest.mark.parametrize("absolute", [False, True])
def test_an_svg_does_not_render_files_outside_the_artifacts(qtbot, tmp_path, absolute):
    outside = _png(tmp_path / "outside.png", (64, 64), "red")
    artifacts = tmp_path / "a" / "b" / "artifacts"
    artifacts.mkdir(parents=True)
    href = str(outside) if absolute else "../../../outside.png"
    svg = artifacts / "plot.svg"
    svg.write_text(SVG.format(href=href))
    result = loading.load_image(str(svg), "plot.svg", svg.stat().st_size)
    assert isinstance(result, loading.ImageResult)
    image = result.image
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert middle.red() > 200
    assert middle.green() > 200


@pytest.mark.timeout(30)
def test_an_svg_named_png_is_neutralised_too(qtbot, tmp_path):
    outside = _png(tmp_path / "outside.png", (64, 64), "red")
    fake = tmp_path / "art" / "plot.png"
    fake.parent.mkdir()
    fake.write_text(SVG.format(href=str(outside)))
    result = loading.load_image(str(fake), "plot.png", fake.stat().st_size)
    assert isinstance(result, loading.ImageResult)
    middle = result.image.pixelColor(result.image.width() // 2, 10)
    assert middle.green() > 200


@pytest.mark.timeout(30)
def test_svg_neutralising_keeps_fragments_and_data_and_refuses_entities():
    kept = b'<svg><use href="#a"/><image href="data:image/png;base64,AA"/></svg>'
    assert neutralize_svg(kept) == kept
    emptied = neutralize_svg(
        b"<svg xmlns:xlink='http://www.w3.org/1999/xlink'>"
        b"<image xlink:href='/etc/x.png'/><a\nhref = \"file:///x\"/>"
        b"<style>r{fill:url(/x.svg#p)}@import 'y.css';</style></svg>"
    )
    assert b"/etc" not in emptied
    assert b"file:" not in emptied
    assert b"/x.svg" not in emptied
    assert b"@import" not in emptied
    for bad in (
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
        "<svg/>".encode("utf-16"),
        b"<svg>" + b" " * 100 + b"</svg>",
    ):
        with pytest.raises(UnsafeSvg):
            neutralize_svg(bad, limit=100)


@pytest.mark.timeout(30)
def test_a_big_svg_is_not_rendered(tmp_path, monkeypatch):
    svg = tmp_path / "big.svg"
    svg.write_text(SVG.format(href="#x").replace("</svg>", " " * 5_000_000 + "</svg>"))
    result = loading.load_image(str(svg), "big.svg", svg.stat().st_size)
    assert isinstance(result, loading.Message)
    assert "larger than 4 MB" in result.detail


def test_an_image_file_over_the_cap_is_not_read(tmp_path, monkeypatch):
    image = tmp_path / "huge.png"
    image.write_bytes(b"\x89PNG" + b"\0" * 4096)
    monkeypatch.setattr(loading, "MAX_IMAGE_FILE_BYTES", 1024)
    result = loading.load_image(str(image), "huge.png", 4100)
    assert isinstance(result, loading.Message)
    assert result.title == "Image too large to preview"
    assert "huge.png" in result.detail


@pytest.mark.timeout(30)
def test_an_image_preview_of_a_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    result = loading.load_image(str(fifo), "pipe.png", 0)
    assert isinstance(result, loading.Message)


@pytest.mark.timeout(60)
def test_a_10_mb_param_shows_at_once_and_copies_whole(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.detail.searchable_table import Row, SearchableTable

    huge = "x" * 10_000_000
    table = SearchableTable("params", ["Name", "Value"], "filter", value_pane=True)
    qtbot.addWidget(table)
    table.resize(600, 400)
    table.show()
    qtbot.waitExposed(table)
    started = time.monotonic()
    table.set_rows([(None, [Row("big", ("big", huge)), Row("lr", ("lr", "0.1"))])])
    table.select_keys(["big"])
    table.grab()
    assert time.monotonic() - started < 3
    assert table.visible_rows()[0] == ("big", huge)
    assert len(table.value_view.toPlainText()) < 20_000
    table.copy_selection()
    assert QApplication.clipboard().text() == "big\t" + huge


@pytest.mark.timeout(30)
def test_an_svg_multiplying_use_references_is_not_rendered(tmp_path):
    """Seven levels of ten ``<use>`` each draw a million shapes (8: ten million)."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>']
    for level in range(1, 8):
        uses = f'<use href="#g{level - 1}"/>' * 10
        groups.append(f'<g id="g{level}">{uses}</g>')
    svg = tmp_path / "bomb.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50">'
        f'<defs>{"".join(groups)}</defs><use href="#g7"/></svg>'
    )
    started = time.monotonic()
    result = loading.load_image(str(svg), "bomb.svg", svg.stat().st_size)
    assert isinstance(result, loading.Message)
    assert "<use>" in result.detail
    assert time.monotonic() - started < 5
    loop = b'<svg><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>'
    with pytest.raises(UnsafeSvg):
        neutralize_svg(loop)


@pytest.mark.timeout(60)
def test_an_import_that_ignores_cancel_never_destroys_a_running_thread(
    qtbot, tmp_path, monkeypatch
):
    """Closing must not destroy a running QThread ("Destroyed while running")."""
    import gc
    import threading

    from desktop.store.database import open_store
    from desktop.ui import workers

    release = threading.Event()
    entered = threading.Event()

    def blocked_import(*_args, **_kwargs):
        entered.set()
        release.wait(30)  # stands for a read that ignores Cancel
        yield from ()

    monkeypatch.setattr(workers, "import_source", blocked_import)
    store = open_store(tmp_path / "store.db")
    runner = workers.ImportRunner(store)
    runner.enqueue(str(tmp_path))
    assert entered.wait(10)
    assert runner.shutdown(timeout_ms=100) is False
    assert workers.lingering_threads() == 1
    del runner  # destroys the runner (no parent) while the thread runs
    gc.collect()
    release.set()
    qtbot.waitUntil(lambda: workers.lingering_threads() == 0, timeout=10000)
    store.close()


@pytest.mark.timeout(30)
def test_a_stylesheet_link_to_a_fifo_is_not_read(qtbot, tmp_path):
    """Qt reads a local file itself when loadResource answers nothing."""
    from desktop.ui.detail.preview_widgets import MarkdownPreview

    fifo = tmp_path / "style.css"
    os.mkfifo(fifo)
    view = MarkdownPreview()
    qtbot.addWidget(view)
    view.setHtml(
        f'<html><head><link rel="stylesheet" type="text/css" href="{fifo}">'
        "</head><body>x</body></html>"
    )
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert str(fifo) in view.blocked
