"""SVG without external references: what may be handed to an SVG renderer.

An SVG can name other files (``<image xlink:href="../../x.png">``, ``<use
href="other.svg#a">``, CSS ``url(...)``/``@import``) that a renderer would load from
disk. :func:`neutralize_svg` keeps only ``data:`` URIs and in-document ``#``
fragments and refuses documents with a DOCTYPE (entities could expand without end
or smuggle references past the checks).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from desktop.core.i18n import QT_TRANSLATE_NOOP

MAX_SVG_BYTES = 4 * 1024 * 1024
"""SVGs larger than this are not rendered (rendering cost grows with the size)."""

MAX_SVG_ELEMENTS = 200_000
"""Elements an SVG may draw once every ``<use>`` is expanded (each may repeat a
group that repeats another: ten levels of ten make ten billion)."""

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_HREF = re.compile(
    rb"""(?P<name>[\s"'](?:[A-Za-z_][\w.-]*:)?href)\s*=\s*(?P<q>["'])(?P<v>.*?)(?P=q)""",
    re.DOTALL,
)
_CSS_URL = re.compile(rb"url\s*\(\s*(?P<q>[\"']?)(?P<v>.*?)(?P=q)\s*\)", re.I | re.S)
_CSS_IMPORT = re.compile(rb"@import", re.IGNORECASE)
_XINCLUDE = re.compile(rb"<[\w.-]*:?include\b", re.IGNORECASE)


class UnsafeSvg(ValueError):
    """An SVG that cannot be made safe to render."""


def _allowed(value: bytes) -> bool:
    return value.startswith(b"#") or value[:5].lower() == b"data:"


def neutralize_svg(data: bytes, limit: int = MAX_SVG_BYTES) -> bytes:
    """``data`` with every external reference emptied (raises :class:`UnsafeSvg`)."""
    if len(data) > limit:
        raise UnsafeSvg(
            QT_TRANSLATE_NOOP(
                "Previews", "The SVG is larger than {0} MB and is not rendered."
            ).format(-(-limit // (1 << 20)))
        )
    if data.startswith(b"\x1f\x8b") or b"\x00" in data:
        raise UnsafeSvg(  # compressed or UTF-16/32: the checks below cannot read it
            QT_TRANSLATE_NOOP(
                "Previews", "Compressed or UTF-16 SVG files are not rendered."
            )
        )
    if _DOCTYPE.search(data):
        raise UnsafeSvg(
            QT_TRANSLATE_NOOP(
                "Previews", "The SVG declares a DOCTYPE or entities; not rendered."
            )
        )
    if _XINCLUDE.search(data):
        raise UnsafeSvg(
            QT_TRANSLATE_NOOP("Previews", "The SVG includes other files; not rendered.")
        )

    if drawn_elements(data, MAX_SVG_ELEMENTS) > MAX_SVG_ELEMENTS:
        raise UnsafeSvg(
            QT_TRANSLATE_NOOP(
                "Previews",
                "The SVG would draw more than {0} shapes (repeated <use> "
                "references); not rendered.",
            ).format(f"{MAX_SVG_ELEMENTS:,}")
        )

    def href(match: re.Match[bytes]) -> bytes:
        if _allowed(match["v"]):
            return match[0]
        return match["name"] + b"=" + match["q"] * 2

    def css_url(match: re.Match[bytes]) -> bytes:
        return match[0] if _allowed(match["v"].strip()) else b"none"

    data = _HREF.sub(href, data)
    data = _CSS_URL.sub(css_url, data)
    return _CSS_IMPORT.sub(b"@ignored", data)


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def drawn_elements(data: bytes, limit: int) -> int:
    """How many elements rendering ``data`` visits with ``<use>`` expanded.

    Counting stops soon after ``limit``; a document that cannot be parsed (or
    whose references loop or nest too deep) counts as ``limit + 1``.
    """
    try:
        root = ET.fromstring(data)  # no DOCTYPE (checked): no entities to expand
    except (ET.ParseError, ValueError, RecursionError):
        return limit + 1
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    memo: dict[int, int] = {}
    active: set[int] = set()

    def cost(element: ET.Element) -> int:
        key = id(element)
        if key in memo:
            return memo[key]
        if key in active:
            return limit + 1  # a reference loop
        active.add(key)
        total = 1
        for child in element:
            total += cost(child)
            if total > limit:
                break
        if element.tag.rsplit("}", 1)[-1] == "use" and total <= limit:
            ref = element.get("href") or element.get(_XLINK_HREF) or ""
            target = by_id.get(ref[1:]) if ref.startswith("#") else None
            if target is not None:
                total += cost(target)
        active.discard(key)
        memo[key] = min(total, limit + 1)
        return memo[key]

    try:
        return cost(root)
    except RecursionError:
        return limit + 1
