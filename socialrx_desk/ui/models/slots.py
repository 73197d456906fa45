"""Free slots as a week grid (one column per day, one row per start time) and as a plain list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from socialrx_desk.ui.when import clock, day_text, local, slot_text

if TYPE_CHECKING:
    from socialrx_desk.services.referrals import SlotView

Index = QModelIndex | QPersistentModelIndex
DAYS = 7
DISPLAY = Qt.ItemDataRole.DisplayRole


class SlotRole(IntEnum):
    SLOT = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2


class SlotWeekModel(QAbstractTableModel):
    """A week of free slots laid out like a paper diary: the same time of day on the same row.

    Cells without a free slot are empty and cannot be selected, so arrowing across the grid only lands on
    times the patient can have.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self._times: list[time] = []
        self._cells: dict[tuple[int, int], SlotView] = {}
        self._per_day = [0] * DAYS
        self._today: date | None = None

    def set_week(self, monday: date, slots: Sequence[SlotView], today: date | None = None) -> None:
        self.beginResetModel()
        self.monday = monday
        self._today = today
        self._cells = {}
        self._per_day = [0] * DAYS
        starts: dict[time, None] = {}
        placed: list[tuple[int, time, SlotView]] = []
        for slot in slots:
            moment = local(slot.start)
            column = (moment.date() - monday).days
            if not 0 <= column < DAYS:
                continue
            starts[moment.time()] = None
            placed.append((column, moment.time(), slot))
        self._times = sorted(starts)
        row_of = {start: number for number, start in enumerate(self._times)}
        for column, start, slot in placed:
            key = (row_of[start], column)
            if key not in self._cells:  # two slots at the same time (two rooms): the first is enough to offer
                self._cells[key] = slot
                self._per_day[column] += 1
        self.endResetModel()

    def clear(self) -> None:
        self.set_week(self.monday, [])

    def day(self, column: int) -> date:
        return self.monday + timedelta(days=column)

    def slot_at(self, row: int, column: int) -> SlotView | None:
        return self._cells.get((row, column))

    def total(self) -> int:
        return len(self._cells)

    def free_on(self, column: int) -> int:
        return self._per_day[column] if 0 <= column < DAYS else 0

    def first_free(self) -> tuple[int, int] | None:
        """The earliest free slot of the week, as (row, column)."""
        if not self._cells:
            return None
        return min(self._cells, key=lambda key: (key[1], key[0]))

    def position_of(self, slot_id: str) -> tuple[int, int] | None:
        for key, slot in self._cells.items():
            if slot.id == slot_id:
                return key
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._times)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DAYS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < DAYS:
            day = self.day(section)
            free = self._per_day[section]
            if role == Qt.ItemDataRole.DisplayRole:
                label = day_text(day, self._today)
                if label in ("Today", "Tomorrow"):
                    label += f"\n{day:%a} {day.day} {day:%b}"
                else:
                    label = f"{day:%a}\n{day.day} {day:%b}"
                return f"{label}\n{free} free" if free else f"{label}\n—"
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{day:%A} {day.day} {day:%B}: {free} free slot{'s' if free != 1 else ''}"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._times) and role == DISPLAY:
            return self._times[section].strftime("%H:%M")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.row() < len(self._times) and 0 <= index.column() < DAYS):
            return None
        slot = self._cells.get((index.row(), index.column()))
        if slot is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return clock(local(slot.start))
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return slot_text(slot.start, slot.end, self._today)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SlotRole.SLOT:
            return slot
        if role == SlotRole.ID:
            return slot.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if (index.row(), index.column()) not in self._cells:
            return Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class SlotListModel(QAbstractListModel):
    """Slots one per line ('Tue 8 Dec, 10:30 to 11:00'): the alternatives offered after a conflict."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slots: list[SlotView] = []
        self._now: datetime | None = None

    def set_slots(self, slots: Sequence[SlotView]) -> None:
        self.beginResetModel()
        self._slots = sorted(slots, key=lambda slot: slot.start)
        self.endResetModel()

    def slot_at(self, row: int) -> SlotView | None:
        return self._slots[row] if 0 <= row < len(self._slots) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slots)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._slots):
            return None
        slot = self._slots[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return slot_text(slot.start, slot.end)
        if role == SlotRole.SLOT:
            return slot
        if role == SlotRole.ID:
            return slot.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
