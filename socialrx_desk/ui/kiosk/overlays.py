"""In-window layers over the current screen: the idle warning, the staff PIN pad, the language chooser.

They are child widgets, never dialogs: nothing can open a separate window that a patient could get stuck in, and
the idle wipe can always clear them.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from socialrx_desk.ui.kiosk.i18n import LANGUAGES
from socialrx_desk.ui.kiosk.keypad import DigitField, Keypad
from socialrx_desk.ui.kiosk.widgets import BigButton, IconLabel, Label, Panel, repolish, wipe_text


class Overlay(QWidget):
    """Covers its parent; the content sits in a centred panel."""

    def __init__(self, parent: QWidget, max_width: int = 900) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.panel = Panel("dialog")
        self.panel.setMaximumWidth(max_width)
        row.addWidget(self.panel, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.column = QVBoxLayout(self.panel)
        self.column.setContentsMargins(36, 32, 36, 32)
        self.column.setSpacing(20)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # touches on the backdrop must not reach the screen underneath


class IdleWarning(Overlay):
    more_time = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle-warning")
        top = QHBoxLayout()
        self.mark = IconLabel("clock", 80)
        self.title = Label("", role="title")
        top.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        self.column.addLayout(top)
        self.message = Label("", role="lead")
        self.column.addWidget(self.message)
        self.button = BigButton("", role="primary", icon="hand", icon_size=48)
        self.button.setObjectName("more-time")
        self.button.setMinimumHeight(120)
        self.button.clicked.connect(self.more_time.emit)
        self.column.addWidget(self.button)
        self.seconds = 0
        self.retranslate()

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.retranslate()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Any touch means someone is there: the same as pressing the button.
        event.accept()
        self.more_time.emit()

    def retranslate(self) -> None:
        self.title.set_text(self.tr("Are you still there?"))
        self.message.set_text(
            self.tr("To keep your details private, this screen will clear in %1 seconds.").replace(
                "%1", QLocale().toString(self.seconds)
            )
        )
        self.button.set_text(self.tr("I need more time"))


class PinPad(Overlay):
    entered = Signal(str)
    cancelled = Signal()

    MAX_DIGITS = 12

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, max_width=1100)
        self.setObjectName("pin-pad")
        self.title = Label("", role="title")
        self.message = Label("", role="lead")
        self.problem = Label("", role="problem")
        self.field = DigitField(self.MAX_DIGITS)
        self.field.setEchoMode(DigitField.EchoMode.Password)
        self.keypad = Keypad()
        self.unlock = BigButton("", role="primary", icon="tick", icon_size=40)
        self.cancel = BigButton("", role="secondary", icon="cross", icon_size=40)
        self.unlock.setObjectName("pin-unlock")
        self.cancel.setObjectName("pin-cancel")
        # Side by side, so the pad fits a landscape screen even with large text.
        row = QHBoxLayout()
        row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(16)
        for widget in (self.title, self.message, self.problem, self.field):
            left.addWidget(widget)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock, 1)
        buttons.addWidget(self.cancel, 1)
        left.addLayout(buttons)
        row.addLayout(left, 1)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(row)
        self.keypad.digit.connect(lambda digit: self.field.add(digit))
        self.keypad.backspace.connect(lambda: self.field.remove())
        self.unlock.clicked.connect(self._submit)
        self.cancel.clicked.connect(self._cancel)
        self.problem_text = ""
        self.busy = False
        self.retranslate()

    def open(self) -> None:
        self.reset()
        super().open()

    def reset(self) -> None:
        wipe_text(self.field)
        self.problem_text = ""
        self.busy = False
        self.retranslate()

    def say(self, problem: str) -> None:
        self.problem_text = problem
        self.busy = False
        wipe_text(self.field)
        self.problem.set_text(problem)

    def _submit(self) -> None:
        if self.busy or not self.field.digits():
            return
        self.busy = True
        pin = self.field.digits()
        wipe_text(self.field)
        self.entered.emit(pin)

    def _cancel(self) -> None:
        self.reset()
        self.hide()
        self.cancelled.emit()

    def retranslate(self) -> None:
        self.title.set_text(self.tr("Staff only"))
        self.message.set_text(self.tr("Type the staff PIN to leave the kiosk."))
        self.problem.set_text(self.problem_text)
        self.field.setAccessibleName(self.tr("Staff PIN"))
        self.unlock.set_text(self.tr("Unlock"))
        self.cancel.set_text(self.tr("Cancel"))
        self.keypad.retranslate()


class LanguagePicker(Overlay):
    chosen = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, max_width=900)
        self.setObjectName("language-picker")
        self.title = Label("", role="title")
        self.column.addWidget(self.title)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.buttons: dict[str, BigButton] = {}
        for index, language in enumerate(LANGUAGES):
            button = BigButton(language.native, role="language")
            button.setObjectName(f"language-{language.code}")
            button.setMinimumHeight(96)
            button.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # Each name in its own direction, whatever the screen's current direction.
            button.label.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if language.rtl else Qt.LayoutDirection.LeftToRight
            )
            button.setAccessibleDescription(language.english)
            button.clicked.connect(lambda _checked=False, code=language.code: self.chosen.emit(code))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[language.code] = button
        self.column.addLayout(grid)
        self.close_button = BigButton("", role="secondary", icon="cross", icon_size=40)
        self.close_button.setObjectName("language-close")
        self.close_button.clicked.connect(self._close)
        self.column.addWidget(self.close_button)
        self.retranslate()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def mark_current(self, code: str) -> None:
        for language_code, button in self.buttons.items():
            button.setProperty("current", language_code == code)
            repolish(button)

    def retranslate(self) -> None:
        self.title.set_text(self.tr("Choose your language"))
        self.close_button.set_text(self.tr("Close"))
