"""The app icon: rendered from the SVG into PNG sizes, .ico and .icns, and used."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage, QImageReader

from tests.scripts import load_packaging_script

REPO = Path(__file__).resolve().parents[2]
_make_icons = load_packaging_script("make_icons")
ICNS_TYPES = _make_icons.ICNS_TYPES
ICO_SIZES = _make_icons.ICO_SIZES
PNG_SIZES = _make_icons.PNG_SIZES
make_icons = _make_icons.make_icons

ICONS = REPO / "resources" / "icons"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("icons")
    make_icons(ICONS / "mlflow-desktop.svg", out)
    return out


def test_png_sizes_are_square_and_transparent_at_the_corners(rendered):
    for size in PNG_SIZES:
        image = QImage(str(rendered / f"mlflow-desktop-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255


def test_ico_directory_lists_every_size_and_qt_reads_it(rendered):
    data = (rendered / "mlflow-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(ICO_SIZES):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert (width or 256, height or 256, planes, bits) == (size, size, 1, 32)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
    reader = QImageReader(str(rendered / "mlflow-desktop.ico"))
    assert reader.imageCount() == len(ICO_SIZES)


def test_icns_chunks_hold_pngs_of_the_declared_sizes(rendered):
    data = (rendered / "mlflow-desktop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind = data[offset : offset + 4].decode()
        length = struct.unpack_from(">I", data, offset + 4)[0]
        image = QImage.fromData(data[offset + 8 : offset + length], "PNG")
        assert image.width() == dict(ICNS_TYPES)[kind]
        kinds.append(kind)
        offset += length
    assert kinds == [kind for kind, _ in ICNS_TYPES]


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].astype(np.int16)


def test_the_committed_icons_match_the_svg(rendered):
    """Each committed PNG is what the SVG renders to. Qt's rasteriser rounds
    differently on CPUs with other vector units (one level in a few edge pixels),
    so pixels are compared within that, not bytes."""
    for size in PNG_SIZES:
        name = f"mlflow-desktop-{size}.png"
        committed, fresh = QImage(str(ICONS / name)), QImage(str(rendered / name))
        assert committed.size() == fresh.size(), name
        diff = np.abs(_pixels(committed) - _pixels(fresh))
        stale = f"{name} is stale: run uv run python packaging/make_icons.py"
        assert diff.max() <= 2, stale
        assert np.count_nonzero(diff) <= diff.size // 100, stale


def test_the_application_uses_the_icon(qapp):
    from desktop.ui.app_icon import app_icon

    icon = app_icon()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}
    assert not icon.pixmap(32, 32).isNull()


def test_the_committed_ico_and_icns_hold_the_committed_pngs():
    """The .ico is built from the committed PNGs; the .icns holds them too (and a
    1024 px image of its own)."""
    pngs = {s: (ICONS / f"mlflow-desktop-{s}.png").read_bytes() for s in PNG_SIZES}
    ico = (ICONS / "mlflow-desktop.ico").read_bytes()
    assert ico == _make_icons.ico_bytes({s: pngs[s] for s in ICO_SIZES})
    icns = (ICONS / "mlflow-desktop.icns").read_bytes()
    for _kind, size in ICNS_TYPES:
        if size in pngs:
            assert pngs[size] in icns, size

