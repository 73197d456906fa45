"""Accessibility of every kiosk screen, in every language and look (normal, large text, high contrast):

* every control has an accessible name;
* every touch target is at least 44 x 44 px;
* text contrast, from the colours Qt really paints with (the polished palette the stylesheet produced) against the
  background really on screen under the text (read from a grab of the window): at least 4.5:1, 7:1 in high
  contrast, and the palette colour must actually appear in the grab, so the measurement is of what is painted;
* right-to-left layout for Arabic and Urdu (and left-to-right for the others);
* no clipped text: a label gets the height its wrapped text needs, and no word is wider than its label; text that
  does not wrap fits its widget.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QScrollArea, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.ui.kiosk import theme
from socialrx_desk.ui.kiosk.i18n import LANGUAGES
from socialrx_desk.ui.kiosk.printing import pdf_printer
from socialrx_desk.ui.kiosk.window import KioskWindow, StaffCorner
from tests.ui.kiosk.conftest import WAIT_MS, KioskFactory, open_service

MIN_TARGET = 44
MODES = {
    "normal": theme.Mode(),
    "large-text": theme.Mode(large_text=True),
    "high-contrast": theme.Mode(high_contrast=True),
}
# How far (per channel) a painted pixel may be from the palette colour and still count as that colour.
COLOUR_TOLERANCE = 24


def relative_luminance(colour: QColor) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _walk(roots: list[QWidget]) -> Iterator[QWidget]:
    for root in roots:
        if not _shown(root):
            continue
        yield root
        for child in root.findChildren(QWidget):
            if _shown(child):
                yield child


@dataclass
class Screen:
    name: str
    roots: list[QWidget]


class Checker:
    def __init__(self, window: KioskWindow, language: str, mode_name: str) -> None:
        self.window = window
        self.language = language
        self.mode_name = mode_name
        self.mode = MODES[mode_name]
        self.problems: list[str] = []
        self._grab: QImage | None = None

    def fail(self, screen: Screen, widget: QWidget, message: str) -> None:
        label = widget.objectName() or type(widget).__name__
        text = getattr(widget, "text", lambda: "")()
        self.problems.append(f"[{self.language}/{self.mode_name}/{screen.name}] {label} {text[:40]!r}: {message}")

    def check(self, screen: Screen) -> None:
        self._grab = None
        widgets = list(_walk(screen.roots))
        for widget in widgets:
            if isinstance(widget, QAbstractButton | QLineEdit | QScrollBar | StaffCorner):
                self._control(screen, widget)
            if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
                self._label_fits(screen, widget)
                self._contrast(screen, widget, widget.palette().color(QPalette.ColorRole.WindowText))
            if isinstance(widget, QLineEdit):
                self._line_edit(screen, widget)

    def _control(self, screen: Screen, widget: QWidget) -> None:
        if not widget.accessibleName().strip():
            self.fail(screen, widget, "no accessible name")
        if widget.width() < MIN_TARGET or widget.height() < MIN_TARGET:
            self.fail(screen, widget, f"touch target {widget.width()}x{widget.height()} < {MIN_TARGET}")

    def _label_fits(self, screen: Screen, label: QLabel) -> None:
        metrics = label.fontMetrics()
        room = label.contentsRect().width()
        if label.wordWrap():
            longest = max(label.text().split(), key=metrics.horizontalAdvance, default="")
            if metrics.horizontalAdvance(longest) > room + 1:
                self.fail(screen, label, f"the word {longest!r} is wider than its label ({room}px)")
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                self.fail(screen, label, f"wrapped text needs {needed}px height, has {label.height()}px")
        else:
            width = max(metrics.horizontalAdvance(line) for line in label.text().splitlines())
            if width > room + 1:
                self.fail(screen, label, f"text {width}px wide in {room}px")

    def _line_edit(self, screen: Screen, field: QLineEdit) -> None:
        shown = field.displayText() or field.placeholderText()
        if shown and field.fontMetrics().horizontalAdvance(shown) > field.contentsRect().width():
            self.fail(screen, field, "text wider than the field")
        role = QPalette.ColorRole.Text if field.text() else QPalette.ColorRole.PlaceholderText
        if shown:
            self._contrast(screen, field, field.palette().color(role))

    def _image(self) -> QImage:
        if self._grab is None:
            self._grab = self.window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        return self._grab

    def _contrast(self, screen: Screen, widget: QWidget, foreground: QColor) -> None:
        area = self._scroll_into_view(widget)
        if area is None:
            return
        crop = self._image().copy(area)
        pixels = Counter(memoryview(crop.constBits()).cast("I"))  # type: ignore[arg-type]
        background = QColor.fromRgb(pixels.most_common(1)[0][0])
        painted = sum(count for value, count in pixels.items() if _close(QColor.fromRgb(value), foreground))
        if painted == 0:
            self.fail(screen, widget, f"text colour {foreground.name()} (from the palette) is not what is painted")
            return
        ratio = contrast_ratio(foreground, background)
        if ratio < self.mode.minimum_contrast:
            self.fail(
                screen,
                widget,
                f"contrast {ratio:.2f}:1 ({foreground.name()} on {background.name()}) < {self.mode.minimum_contrast}",
            )

    def _scroll_into_view(self, widget: QWidget) -> QRect | None:
        visible = widget.visibleRegion().boundingRect()
        if visible.height() < widget.height() or visible.width() < widget.width():  # partly scrolled away
            scroller = _scroll_area(widget)
            if scroller is None:
                return None
            scroller.ensureWidgetVisible(widget, 0, 0)
            self._grab = None
            visible = widget.visibleRegion().boundingRect()
            if visible.isEmpty():
                return None
        return QRect(widget.mapTo(self.window, visible.topLeft()), visible.size())


def _close(a: QColor, b: QColor) -> bool:
    return (
        abs(a.red() - b.red()) <= COLOUR_TOLERANCE
        and abs(a.green() - b.green()) <= COLOUR_TOLERANCE
        and abs(a.blue() - b.blue()) <= COLOUR_TOLERANCE
    )


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def settle() -> None:
    """Let every layout catch up with the fonts a new stylesheet gave its widgets (posted layout requests)."""
    for _ in range(5):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def _screens(qtbot: QtBot, window: KioskWindow) -> Iterator[Screen]:
    """Walk to every screen from home, yielding each once it is showing."""
    window.wipe(keep_look=True)
    yield Screen("home", [window.header, window.home, window.staff_corner])
    open_service(qtbot, window)
    yield Screen("services-then-service", [window.header, window.service])
    window.go_back()
    yield Screen("services", [window.header, window.services])
    window.open_service(window.current_service.id, from_tile=True)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.current_screen() == "service", timeout=WAIT_MS)
    window.start_form(ask_desk=False)
    form = window.form
    form.name.setText("Zebedee Quux")
    form.birth.set_value(date(1951, 3, 14))
    form.phone.set_value("07700900461")
    form.options["call"].setChecked(True)
    for step in ("name", "birth", "phone", "help", "consent"):
        # The phone question is shown with a hint, so hint boxes are measured too.
        hint = form.tr("Please check this answer.") if step == "phone" else ""
        form.show_step(step, form.problem_for(step) or hint)
        yield Screen(f"form-{step}", [window.header, window.form])
    with qtbot.waitSignal(window.result_changed, timeout=WAIT_MS):
        form.yes.click()
    yield Screen("result", [window.header, window.result])
    window.idle_overlay.set_seconds(12)
    window.idle_overlay.open()
    yield Screen("idle-warning", [window.idle_overlay])
    window.idle_overlay.hide()
    window.open_pin_pad()
    window.pin_pad.say(window.tr("That PIN is not right. Please try again."))
    yield Screen("pin-pad", [window.pin_pad])
    window.pin_pad.hide()
    window._open_languages()
    yield Screen("languages", [window.language_picker])
    window.language_picker.hide()
    window.show_screen("unavailable")
    yield Screen("unavailable", [window.header, window.unavailable])


@pytest.mark.parametrize("language", [language.code for language in LANGUAGES])
def test_every_screen_in_every_mode(
    qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile, tmp_path: object, language: str
) -> None:
    window = make_kiosk(demo_profile, language=language, printer_factory=pdf_printer(str(tmp_path) + "/slip.pdf"))
    window.idle.stop()
    rtl = language in ("ar", "ur")
    problems: list[str] = []
    seen = 0
    for mode_name, mode in MODES.items():
        window.set_mode(mode)
        for screen in _screens(qtbot, window):
            settle()
            checker = Checker(window, language, mode_name)
            checker.check(screen)
            problems.extend(checker.problems)
            seen += 1
            expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
            assert window.layoutDirection() == expected
            if window.home_button.isVisible() and window.header.isVisible():
                home_x = window.home_button.mapTo(window, QPoint(0, 0)).x()
                language_x = window.language_button.mapTo(window, QPoint(0, 0)).x()
                assert (home_x > language_x) == rtl, f"{screen.name}: header not mirrored for {language}"
    assert seen == 13 * len(MODES)
    assert not window.translations.missing, "a translation was not compiled"
    assert not problems, "\n".join(problems[:60]) + f"\n({len(problems)} problems)"


def test_contrast_formula() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
