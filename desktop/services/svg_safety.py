"""SVG without external references: what may be handed to an SVG renderer.

An SVG can name other files (``<image xlink:href="../../x.png">``, ``<use
href="other.svg#a">``, CSS ``url(...)``/``@import``) that a renderer would load from
disk. :func:`neutralize_svg` keeps only ``data:`` URIs and in-document ``#``
fragments and refuses documents with a DOCTYPE (entities could expand without end
or smuggle references past the checks).
"""

from __future__ import annotations

import re

from desktop.core.i18n import QT_TRANSLATE_NOOP

MAX_SVG_BYTES = 4 * 1024 * 1024
"""SVGs larger than this are not rendered (rendering cost grows with the size)."""

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

    def href(match: re.Match[bytes]) -> bytes:
        if _allowed(match["v"]):
            return match[0]
        return match["name"] + b"=" + match["q"] * 2

    def css_url(match: re.Match[bytes]) -> bytes:
        return match[0] if _allowed(match["v"].strip()) else b"none"

    data = _HREF.sub(href, data)
    data = _CSS_URL.sub(css_url, data)
    return _CSS_IMPORT.sub(b"@ignored", data)
