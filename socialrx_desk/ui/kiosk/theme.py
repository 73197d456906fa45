"""The kiosk's look: palettes and stylesheets for the normal, large-text and high-contrast modes, and icons
recoloured to the mode's text colour (so a pictogram is as legible as the words beside it).

Colours live in two places that must agree: ``resources/qss/kiosk*.qss`` (what Qt paints) and the palettes here
(what Qt uses where no rule applies, such as placeholder text). The accessibility test measures both on screen.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import resources_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Colours:
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    on_accent: str
    placeholder: str
    icon: str


NORMAL = Colours(
    window="#f0f4f5",
    surface="#ffffff",
    text="#212b32",
    muted="#425563",
    accent="#005eb8",
    on_accent="#ffffff",
    placeholder="#4c6272",
    icon="#005eb8",
)
HIGH_CONTRAST = Colours(
    window="#000000",
    surface="#000000",
    text="#ffffff",
    muted="#ffffff",
    accent="#ffff00",
    on_accent="#000000",
    placeholder="#ffff00",
    icon="#ffff00",
)
# Scripts whose letters need a font made for them; the system fallback would mix fonts within one word.
SCRIPT_FONTS = {
    "arabic": ("Noto Sans Arabic UI", "Noto Naskh Arabic UI", "Noto Sans Arabic", "DejaVu Sans"),
}
LATIN_FONTS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")


@dataclass(frozen=True, slots=True)
class Mode:
    large_text: bool = False
    high_contrast: bool = False

    @property
    def colours(self) -> Colours:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @property
    def minimum_contrast(self) -> float:
        return 7.0 if self.high_contrast else 4.5


def stylesheet(mode: Mode) -> str:
    parts = ["kiosk"]
    if mode.large_text:
        parts.append("kiosk-large")
    if mode.high_contrast:
        parts.append("kiosk-high-contrast")
    return "\n".join(_read_qss(name) for name in parts)


@functools.cache
def _read_qss(name: str) -> str:
    path = resources_dir() / "qss" / f"{name}.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        log.warning("stylesheet %s not loaded: %s", path, error)
        return ""


def palette(mode: Mode) -> QPalette:
    colours = mode.colours
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: colours.surface,
        QPalette.ColorRole.AlternateBase: colours.window,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.Button: colours.surface,
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.Highlight: colours.accent,
        QPalette.ColorRole.HighlightedText: colours.on_accent,
        QPalette.ColorRole.PlaceholderText: colours.placeholder,
        QPalette.ColorRole.ToolTipBase: colours.surface,
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.Link: colours.accent,
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role, colour in roles.items():
            result.setColor(group, role, QColor(colour))
    return result


def apply(app: QApplication, mode: Mode, language: str, rtl: bool) -> None:
    app.setStyle("Fusion")  # the same widgets everywhere, so stylesheet, measurements and screenshots hold
    app.setPalette(palette(mode))
    font = font_for(language, rtl)
    app.setFont(font)
    # A stylesheet font rule replaces the family with the default one, so the script's fonts are named here too.
    families = ", ".join(f'"{family}"' for family in font.families())
    app.setStyleSheet(f"QWidget {{ font-family: {families}; }}\n" + stylesheet(mode))


def font_for(language: str, rtl: bool) -> QFont:
    families = SCRIPT_FONTS["arabic"] if rtl else LATIN_FONTS
    installed = set(QFontDatabase.families())
    chosen = [family for family in families if family in installed] or list(families)
    font = QFont()
    font.setFamilies(chosen)
    font.setPixelSize(24)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@functools.cache
def _svg(name: str) -> bytes | None:
    path = resources_dir() / "icons" / "kiosk" / f"{name}.svg"
    try:
        return path.read_bytes()
    except OSError:
        log.warning("kiosk icon %s not found", path)
        return None


def pixmap(name: str, size: int, colour: str, device_ratio: float = 1.0) -> QPixmap:
    """The icon ``name`` drawn at ``size`` px with ``currentColor`` as ``colour``."""
    data = _svg(name)
    side = max(1, round(size * device_ratio))
    image = QPixmap(side, side)
    image.fill(Qt.GlobalColor.transparent)
    if data is not None:
        renderer = QSvgRenderer(QByteArray(data.replace(b"currentColor", colour.encode("ascii"))))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
    image.setDevicePixelRatio(device_ratio)
    return image


def icon(name: str, size: int, colour: str) -> QIcon:
    result = QIcon()
    result.addPixmap(pixmap(name, size, colour))
    return result


def icon_size(size: int) -> QSize:
    return QSize(size, size)
