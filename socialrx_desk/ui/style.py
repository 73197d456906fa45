"""Look and feel: the palette, the stylesheet from ``resources/qss`` and the icons from ``resources/icons``."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import resources_dir

log = logging.getLogger(__name__)

# Colours from the NHS identity guidelines, chosen for contrast: text on white is at least 4.5:1 everywhere.
TEXT = "#212b32"
TEXT_MUTED = "#4c6272"
ACCENT = "#005eb8"
ACCENT_DARK = "#003087"
ACCENT_PALE = "#e8f1fa"
BACKGROUND = "#f0f4f5"
SURFACE = "#ffffff"
BORDER = "#aeb7bd"
FOCUS = "#ffeb3b"
WARNING = "#ffb81c"
ERROR = "#d5281b"
SUCCESS = "#007f3b"


def palette() -> QPalette:
    colours = QPalette()
    roles = {
        QPalette.ColorRole.Window: BACKGROUND,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: BACKGROUND,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: SURFACE,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: SURFACE,
        QPalette.ColorRole.ToolTipBase: SURFACE,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: TEXT_MUTED,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.LinkVisited: ACCENT_DARK,
    }
    for role, colour in roles.items():
        colours.setColor(role, QColor(colour))
    # Selection stays blue when the list loses focus to the detail pane, so the receptionist keeps their place.
    colours.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor(ACCENT_PALE))
    colours.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor(TEXT))
    return colours


def stylesheet(name: str) -> str:
    """``resources/qss/NAME.qss`` with ``@icons/`` expanded to the icons folder (QSS has no relative urls)."""
    path = resources_dir() / "qss" / f"{name}.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        # A missing stylesheet makes the window plainer, not unusable.
        log.warning("stylesheet %s not loaded: %s", path, error)
        return ""
    return text.replace("@icons/", (resources_dir() / "icons").as_posix() + "/")


@functools.cache
def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/NAME.svg`` (an empty icon if the file is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        log.warning("icon %s not found", path)
        return QIcon()
    return QIcon(str(path))


def apply_desk_style(app: QApplication) -> None:
    """Style, palette and stylesheet: what the first paint needs. The window icon (SVG) comes later."""
    # The same widgets on every platform, so the stylesheet and screenshots hold. Where Fusion is already the
    # default (Linux), making a second instance would cost the first window a few milliseconds for nothing.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(stylesheet("desk"))
