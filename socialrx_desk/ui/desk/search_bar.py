"""The top of the desk under the search box: the need chips and the filters."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.core.weekdays import WEEKDAY_NAMES
from socialrx_desk.ui.desk.search_box import SearchBox
from socialrx_desk.ui.models.chips import ChipRole, NeedChipsModel
from socialrx_desk.ui.models.rows import ACCESS_LABELS, NeedChip

AGE_DELAY_MS = 300
NEED_CHARS = 10
TODAY = -2  # the "Open on" choice that means whatever day it is when the search runs


class ChipBar(QWidget):
    """One toggle button per chip of a :class:`NeedChipsModel`; clicking one filters by (or un-filters) that need."""

    toggled = Signal(NeedChip)

    def __init__(self, model: NeedChipsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chipBar")
        self.model = model
        self.caption = QLabel("Understood as:", self)
        self.caption.setObjectName("chipCaption")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.caption)
        self._layout.addStretch(1)
        self.buttons: list[QPushButton] = []
        self._before: QWidget | None = None
        self._after: QWidget | None = None
        model.modelReset.connect(self._rebuild)
        self._rebuild()

    def _rebuild(self) -> None:
        had_focus = any(button.hasFocus() for button in self.buttons)
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        chips = self.model.chips()
        for position, chip in enumerate(chips):
            button = QPushButton(("✓ " if chip.active else "") + chip.label, self)
            button.setObjectName("chip")
            button.setCheckable(True)
            button.setChecked(chip.active)
            button.setProperty("active", chip.active)
            button.setToolTip(str(self.model.data(self.model.index(position), Qt.ItemDataRole.ToolTipRole)))
            button.setAccessibleName(f"Need: {chip.label}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=chip: self.toggled.emit(c))
            self._layout.insertWidget(1 + position, button)
            self.buttons.append(button)
        self.caption.setText("Showing only:" if chips and chips[0].active and len(chips) == 1 else "Understood as:")
        # The bar keeps its height when empty so the results do not jump up and down while the receptionist types.
        self.caption.setVisible(bool(chips))
        self._chain_tab_order()
        if had_focus and self.buttons:
            self.buttons[0].setFocus()

    def set_tab_neighbours(self, before: QWidget, after: QWidget) -> None:
        """Chips are rebuilt as the query changes; keep them in the tab order between these two widgets."""
        self._before = before
        self._after = after
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        if self._before is None or self._after is None:
            return
        chain = [self._before, *self.buttons, self._after]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def need_ids(self) -> list[str]:
        return [str(self.model.data(self.model.index(r), ChipRole.NEED_ID)) for r in range(self.model.rowCount())]


class FilterBar(QWidget):
    """Need, age, open day, way in, include closed, clear. Every control has a mnemonic (Alt+letter)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.need = QComboBox(self)
        self.need.setObjectName("needFilter")
        self.need.setAccessibleName("Need")
        self.need.addItem("Any need", None)
        # Wide enough for most need names; the list that opens shows every name in full.
        # The need names are long; the box takes the room the row has to spare and the list shows them in full.
        self.need.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.need.setMaximumWidth(self.need.fontMetrics().horizontalAdvance("x" * 40))
        self.need.view().setMinimumWidth(self.need.fontMetrics().horizontalAdvance("x" * 46))
        self.need.setMaxVisibleItems(20)
        self.age = QLineEdit(self)
        self.age.setObjectName("ageFilter")
        self.age.setAccessibleName("Patient's age")
        self.age.setPlaceholderText("Any age")
        self.age.setValidator(QIntValidator(0, 120, self.age))
        self.age.setMaxLength(3)
        self.age.setFixedWidth(self.age.fontMetrics().horizontalAdvance("Any age") + 36)
        self.age.setClearButtonEnabled(False)
        # "67" is one search, not "6" then "67".
        self._age_timer = QTimer(self)
        self._age_timer.setSingleShot(True)
        self._age_timer.setInterval(AGE_DELAY_MS)
        self._age_timer.timeout.connect(self._changed)
        self.day = QComboBox(self)
        self.day.setObjectName("dayFilter")
        self.day.setAccessibleName("Open on")
        self.day.addItem("Any day", None)
        self.day.addItem("Today", TODAY)
        for number, name in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")):
            self.day.addItem(name, number)
        self.access = QComboBox(self)
        self.access.setObjectName("accessFilter")
        self.access.setAccessibleName("Way in")
        self.access.addItem("Any way in", None)
        for code in ("drop-in", "self-referral", "referral", "appointment", "membership"):
            self.access.addItem(ACCESS_LABELS[code], code)
        self.inactive = QCheckBox("Include &closed", self)
        self.inactive.setToolTip("Also list services the directory marks as closed or inactive")
        self.inactive.setObjectName("inactiveFilter")
        self.clear_button = QPushButton("Clea&r filters", self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAutoDefault(False)

        # On a narrow screen the row wraps in two; below that the lists give up width rather than overlap.
        for combo, chars in ((self.need, NEED_CHARS), (self.day, 7), (self.access, 8)):
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("x" * chars) + 40)
        self._cells: list[QWidget] = []
        for text, widget in (
            ("&Need", self.need),
            ("&Age", self.age),
            ("&Open on", self.day),
            ("&Way in", self.access),
        ):
            cell = QWidget(self)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 6, 0)
            cell_layout.setSpacing(8)
            label = QLabel(text, cell)
            label.setObjectName("filterLabel")
            label.setBuddy(widget)
            widget.setParent(cell)
            cell_layout.addWidget(label)
            cell_layout.addWidget(widget, 1)
            self._cells.append(cell)
        self._cells.extend([self.inactive, self.clear_button])
        self._rows = (QHBoxLayout(), QHBoxLayout())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for row in self._rows:
            row.setSpacing(8)
            layout.addLayout(row)
        self._wrapped: bool | None = None
        self._arrange(wrapped=False)

        self.need.currentIndexChanged.connect(self._changed)
        self.age.textEdited.connect(lambda _text: self._age_timer.start())
        self.age.editingFinished.connect(self._age_now)
        self.day.currentIndexChanged.connect(self._changed)
        self.access.currentIndexChanged.connect(self._changed)
        self.inactive.toggled.connect(self._changed)
        self.clear_button.clicked.connect(self.clear)
        self._quiet = False
        self.clear_button.setEnabled(False)
        self._update_today_label()
        self.day.installEventFilter(self)

    def _single_row_width(self) -> int:
        return sum(cell.sizeHint().width() for cell in self._cells) + 8 * (len(self._cells) - 1)

    def _arrange(self, wrapped: bool) -> None:
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        first, second = self._rows
        for row in self._rows:
            while row.count():
                row.takeAt(0)
        fields, clear = self._cells[:-1], self._cells[-1]
        split = 3 if wrapped else len(fields)  # need, age, open on | way in, closed
        for cell in fields[:split]:
            first.addWidget(cell)
        for cell in fields[split:]:
            second.addWidget(cell)
        last = second if wrapped else first
        last.addStretch(1)
        last.addWidget(clear)
        if wrapped:
            first.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wrapped=event.size().width() < self._single_row_width())
        super().resizeEvent(event)

    def set_needs(self, needs: Sequence[tuple[str, str]]) -> None:
        current = self.need_id
        self._quiet = True
        try:
            self.need.clear()
            self.need.addItem("Any need", None)
            for need_id, label in sorted(needs, key=lambda item: item[1].lower()):
                self.need.addItem(label, need_id)
            self._select(self.need, current)
        finally:
            self._quiet = False

    def set_need(self, need_id: str | None) -> None:
        self._select(self.need, need_id)

    @property
    def need_id(self) -> str | None:
        value = self.need.currentData()
        return str(value) if value is not None else None

    @property
    def age_value(self) -> int | None:
        text = self.age.text().strip()
        return int(text) if text.isdigit() else None

    def _age_now(self) -> None:
        if self._age_timer.isActive():
            self._age_timer.stop()
            self._changed()

    @property
    def weekday(self) -> int | None:
        value = self.day.currentData()
        if value is None:
            return None
        return date.today().weekday() if value == TODAY else int(value)

    @property
    def access_code(self) -> str | None:
        value = self.access.currentData()
        return str(value) if value is not None else None

    @property
    def include_inactive(self) -> bool:
        return self.inactive.isChecked()

    @property
    def active(self) -> bool:
        return any(
            (
                self.need_id,
                self.age_value is not None,
                self.day.currentData() is not None,
                self.access_code,
                self.include_inactive,
            )
        )

    def clear(self) -> None:
        if not self.active:
            return
        self._quiet = True
        try:
            self.need.setCurrentIndex(0)
            self.age.clear()
            self.day.setCurrentIndex(0)
            self.access.setCurrentIndex(0)
            self.inactive.setChecked(False)
        finally:
            self._quiet = False
        self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.day and event.type() == QEvent.Type.MouseButtonPress:
            self._update_today_label()  # the desk may stay open past midnight
        return False

    def _update_today_label(self) -> None:
        self.day.setItemText(1, f"Today ({WEEKDAY_NAMES[date.today().weekday()]})")

    def _select(self, combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _changed(self) -> None:
        self.clear_button.setEnabled(self.active)
        if not self._quiet:
            self.changed.emit()


__all__ = ["ChipBar", "FilterBar", "SearchBox"]
