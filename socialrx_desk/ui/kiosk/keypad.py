"""Our own large keypads for numbers: date of birth and phone number.

A phone-style keypad with big keys is what people already know, needs no keyboard layout for their language, and
cannot produce letters where only digits make sense. Digits always run left to right, also in Arabic and Urdu.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from socialrx_desk.ui.kiosk.widgets import BigButton, Label, repolish, set_role, wipe_text

KEY_SIZE = 88


class Keypad(QWidget):
    digit = Signal(str)
    backspace = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.keys: dict[str, BigButton] = {}
        for index, digit in enumerate("123456789"):
            self._add(grid, digit, index // 3, index % 3)
        self._add(grid, "0", 3, 1)
        delete = BigButton("", role="key-delete", icon="backspace", icon_size=48)
        delete.label.hide()  # the backspace symbol is understood without words; its name is for screen readers
        delete.setFixedSize(KEY_SIZE + 24, KEY_SIZE)
        delete.clicked.connect(self.backspace.emit)
        grid.addWidget(delete, 3, 2)
        self.delete = delete
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.retranslate()

    def _add(self, grid: QGridLayout, digit: str, row: int, column: int) -> None:
        key = BigButton(digit, role="key")
        key.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = key.layout()
        if layout is not None:
            layout.setContentsMargins(4, 2, 4, 2)  # the digit fills the key; Arabic fonts need a taller line
        key.setFixedSize(KEY_SIZE + 24, KEY_SIZE)
        key.clicked.connect(lambda: self.digit.emit(digit))
        grid.addWidget(key, row, column)
        self.keys[digit] = key

    def retranslate(self) -> None:
        self.delete.set_text(self.tr("Delete"))
        self.delete.label.hide()


class DigitField(QLineEdit):
    """Shows what the keypad typed. Read-only, so the on-screen keyboard never opens over the keypad."""

    tapped = Signal()

    def __init__(self, max_digits: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "digits")
        self.max_digits = max_digits
        self.setReadOnly(True)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self.setMinimumHeight(KEY_SIZE - 8)

    def digits(self) -> str:
        return self.text()

    def add(self, digit: str) -> bool:
        """Append a digit; False when the field is already full."""
        if len(self.text()) >= self.max_digits:
            return False
        self.setText(self.text() + digit)
        return True

    def remove(self) -> bool:
        if not self.text():
            return False
        self.setText(self.text()[:-1])
        return True

    def mousePressEvent(self, event: object) -> None:
        self.tapped.emit()

    def keyPressEvent(self, event: object) -> None:
        # A kiosk with a real keyboard attached: digits and Backspace work as on the keypad, nothing else does.
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.text().isdigit() and event.text().isascii():
            self.add(event.text())
        elif event.key() == Qt.Key.Key_Backspace:
            self.remove()


class PhoneEntry(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(40)
        self.field = DigitField(13)
        self.field.setMinimumWidth(420)
        self.field.setMaximumWidth(560)
        self.keypad = Keypad()
        row.addWidget(self.field, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.keypad.digit.connect(self._digit)
        self.keypad.backspace.connect(self._back)
        self.retranslate()

    def _digit(self, digit: str) -> None:
        if self.field.add(digit):
            self.changed.emit()

    def _back(self) -> None:
        if self.field.remove():
            self.changed.emit()

    def value(self) -> str:
        return self.field.digits()

    def set_value(self, value: str) -> None:
        self.field.setText("".join(ch for ch in value if ch.isdigit())[: self.field.max_digits])

    def clear(self) -> None:
        wipe_text(self.field)

    def retranslate(self) -> None:
        self.field.setAccessibleName(self.tr("Phone number"))


class BirthDateEntry(QWidget):
    """Day, month and year typed on one keypad; the cursor moves on by itself when a part is full."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(40)
        column = QVBoxLayout()
        column.setSpacing(14)
        outer.addLayout(column, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.day = DigitField(2)
        self.month = DigitField(2)
        self.year = DigitField(4)
        self.captions: list[Label] = []
        self.parts = (self.day, self.month, self.year)
        for part, width in zip(self.parts, (150, 150, 220), strict=True):
            box = QVBoxLayout()
            box.setSpacing(4)
            caption = Label("", role="caption")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.captions.append(caption)
            part.setFixedWidth(width)
            part.tapped.connect(lambda p=part: self.select(p))
            box.addWidget(caption)
            box.addWidget(part)
            row.addLayout(box)
        row.addStretch(1)
        column.addLayout(row)
        self.readback = Label("", role="readback")
        self.readback.setProperty("keep", True)
        column.addWidget(self.readback)
        column.addStretch(1)
        self.keypad = Keypad()
        outer.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.keypad.digit.connect(self._digit)
        self.keypad.backspace.connect(self._back)
        self.active = self.day
        self.select(self.day)
        self.retranslate()

    def select(self, part: DigitField) -> None:
        self.active = part
        for each in self.parts:
            each.setProperty("active", each is part)
            repolish(each)

    def _digit(self, digit: str) -> None:
        if not self.active.add(digit):
            following = self._next(self.active)
            if following is None or following.digits():
                return
            self.select(following)
            self.active.add(digit)
        if len(self.active.digits()) == self.active.max_digits:
            following = self._next(self.active)
            if following is not None and not following.digits():
                self.select(following)
        self._update()

    def _back(self) -> None:
        if not self.active.remove():
            previous = self._previous(self.active)
            if previous is not None:
                self.select(previous)
                previous.remove()
        self._update()

    def _next(self, part: DigitField) -> DigitField | None:
        index = self.parts.index(part)
        return self.parts[index + 1] if index + 1 < len(self.parts) else None

    def _previous(self, part: DigitField) -> DigitField | None:
        index = self.parts.index(part)
        return self.parts[index - 1] if index > 0 else None

    def _update(self) -> None:
        value = self.value()
        self.readback.set_text(
            QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)
            if value
            else ""
        )
        self.changed.emit()

    def complete(self) -> bool:
        return len(self.day.digits()) >= 1 and len(self.month.digits()) >= 1 and len(self.year.digits()) == 4

    def value(self) -> date | None:
        if not self.complete():
            return None
        try:
            return date(int(self.year.digits()), int(self.month.digits()), int(self.day.digits()))
        except ValueError:
            return None

    def set_value(self, value: date) -> None:
        self.day.setText(f"{value.day:02d}")
        self.month.setText(f"{value.month:02d}")
        self.year.setText(f"{value.year:04d}")
        self.select(self.year)
        self._update()

    def clear(self) -> None:
        for part in self.parts:
            wipe_text(part)
        self.readback.set_text("")
        self.select(self.day)

    def retranslate(self) -> None:
        for caption, part, text in zip(
            self.captions, self.parts, (self.tr("Day"), self.tr("Month"), self.tr("Year")), strict=True
        ):
            caption.set_text(text)
            part.setAccessibleName(text)
            part.setPlaceholderText(
                {self.day: self.tr("DD"), self.month: self.tr("MM"), self.year: self.tr("YYYY")}[part]
            )
        self._update_readback_only()

    def _update_readback_only(self) -> None:
        value = self.value()
        self.readback.set_text(
            QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)
            if value
            else ""
        )
