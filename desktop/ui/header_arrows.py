"""One sort-arrow convention for every header: ▲ ascending, ▼ descending.

Qt's header asks the style for a "down" arrow when sorting ascending, and styles
differ in how they draw it. The app's style draws ▲ when the smallest value (or A)
is on top and ▼ when the largest (or the newest, or Z) is, as MLflow's web UI does.
A metric sorted best-first therefore shows ▼ when higher is better.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionHeader

_ARROW = QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
_UP, _DOWN = (
    QStyleOptionHeader.SortIndicator.SortUp,
    QStyleOptionHeader.SortIndicator.SortDown,
)


class HeaderArrowStyle(QProxyStyle):
    """The platform's style, with header arrows pointing up for ascending."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == _ARROW and isinstance(option, QStyleOptionHeader):
            option = ascending_up(option)
        super().drawPrimitive(element, option, painter, widget)


def ascending_up(option: QStyleOptionHeader) -> QStyleOptionHeader:
    """A copy of ``option`` whose arrow points up when the header sorts ascending."""
    flipped = QStyleOptionHeader(option)
    if option.sortIndicator == _DOWN:  # what QHeaderView asks for ascending
        flipped.sortIndicator = _UP
    elif option.sortIndicator == _UP:
        flipped.sortIndicator = _DOWN
    return flipped
