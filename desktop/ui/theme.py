"""Light and dark themes: a Fusion palette that follows the system or the user.

The choice (``system``, ``light`` or ``dark``) is kept in :class:`Settings`. With
``system`` the theme follows ``QStyleHints.colorScheme()`` and changes with it.
Widgets read colours from the palette; plots are restyled through
:func:`desktop.ui.plot_style.restyle_all` after each change.
"""

from __future__ import annotations

import sys
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

from desktop.ui.header_arrows import HeaderArrowStyle


class Theme(StrEnum):
    """The user's theme choice."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_light_palette: QPalette | None = None


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme (Qt ≥ 6.5)."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (default: the application's) has a dark window colour."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    palette = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    colors = {
        role.Window: "#2b2d31",
        role.WindowText: "#e6e7ea",
        role.Base: "#1e1f22",
        role.AlternateBase: "#26282c",
        role.ToolTipBase: "#3a3d42",
        role.ToolTipText: "#f0f1f3",
        role.PlaceholderText: "#8b8f97",
        role.Text: "#e6e7ea",
        role.Button: "#33363b",
        role.ButtonText: "#e6e7ea",
        role.BrightText: "#ff6b6b",
        role.Light: "#44474d",
        role.Midlight: "#3a3d42",
        role.Mid: "#2f3236",
        role.Dark: "#18191b",
        role.Shadow: "#0d0d0e",
        role.Highlight: "#3d7bd9",
        role.HighlightedText: "#ffffff",
        role.Link: "#6aa8ff",
        role.LinkVisited: "#b28cff",
    }
    for color_role, name in colors.items():
        palette.setColor(color_role, QColor(name))
    disabled = {
        role.WindowText: "#7c8088",
        role.Text: "#7c8088",
        role.ButtonText: "#7c8088",
        role.Highlight: "#4a4d53",
        role.HighlightedText: "#a0a3a9",
    }
    for color_role, name in disabled.items():
        palette.setColor(group.Disabled, color_role, QColor(name))
    return palette


def light_palette() -> QPalette:
    """The light palette: the platform's own when it is light, else Fusion's."""
    global _light_palette
    if _light_palette is None:
        current = QApplication.palette()
        _light_palette = (
            QPalette(current)
            if not is_dark(current)
            else QApplication.style().standardPalette()
        )
    return QPalette(_light_palette)


def resolve(theme: Theme) -> bool:
    """Whether ``theme`` means dark right now."""
    if theme is Theme.SYSTEM:
        return system_prefers_dark()
    return theme is Theme.DARK


class _DarkIndicatorStyle(HeaderArrowStyle):
    """Fusion with visible check box frames on a dark palette.

    Fusion outlines check boxes with a colour darker than the window, which
    vanishes on dark rows; this draws a light frame over them. Installed only
    while the dark theme is on.
    """

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self._INDICATORS:
            painter.save()
            color = QColor(option.palette.color(QPalette.ColorRole.Text))
            color.setAlpha(120)
            painter.setPen(color)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def _set_style(dark: bool) -> None:
    # Both themes keep the header arrow convention (see header_arrows).
    current = QApplication.style()
    wanted = _DarkIndicatorStyle if dark else HeaderArrowStyle
    if type(current) is not wanted:
        base = current.baseStyle() if isinstance(current, QProxyStyle) else current
        QApplication.setStyle(wanted(QStyleFactory.create(base.name())))


def apply_palette(dark: bool) -> None:
    """Install the light or dark palette and restyle every open plot."""
    light = light_palette()  # remember the platform's palette before changing it
    _set_style(dark)
    QApplication.setPalette(dark_palette() if dark else light)
    if "pyqtgraph" in sys.modules:  # no plot exists before pyqtgraph is loaded
        from desktop.ui import plot_style

        plot_style.restyle_all()


class ThemeController(QObject):
    """Applies the chosen theme and follows the system while the choice is System."""

    changed = Signal(bool)
    """The effective theme changed; payload: dark."""

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._dark: bool | None = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system)
        self._apply()

    @property
    def theme(self) -> Theme:
        """The user's choice."""
        return self._theme

    @property
    def dark(self) -> bool:
        """Whether the dark palette is in use."""
        return bool(self._dark)

    def set_theme(self, theme: Theme) -> None:
        """Switch to ``theme`` (System follows the desktop from now on)."""
        self._theme = theme
        self._apply()

    def _on_system(self, _scheme=None) -> None:
        if self._theme is Theme.SYSTEM:
            self._apply()

    def _apply(self) -> None:
        dark = resolve(self._theme)
        if dark == self._dark and is_dark() == dark:
            return
        self._dark = dark
        apply_palette(dark)
        self.changed.emit(dark)


def readable(color: QColor, palette: QPalette | None = None) -> QColor:
    """``color`` lightened on a dark palette, so dark text colours stay legible."""
    if not is_dark(palette):
        return QColor(color)
    hue, saturation, lightness, alpha = color.getHsl()
    if lightness >= 150:
        return QColor(color)
    return QColor.fromHsl(max(hue, 0), saturation, 150 + lightness // 4, alpha)


def install_theme(theme: Theme) -> ThemeController:
    """The application's one theme controller, set to ``theme``.

    The palette is application-wide, so every window shares this controller.
    """
    app = QApplication.instance()
    controller = app.findChild(ThemeController, "themeController")
    if controller is None:
        controller = ThemeController(theme, app)
        controller.setObjectName("themeController")
    else:
        controller.set_theme(theme)
    return controller
