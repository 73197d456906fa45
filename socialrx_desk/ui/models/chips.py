"""Need chips: the needs a query was understood as, and the active need filter, as a list model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from socialrx_desk.ui.models.rows import NeedChip

Index = QModelIndex | QPersistentModelIndex
# Needs understood this weakly are noise next to the main one (a passing word), so they get no chip.
MIN_CHIP_WEIGHT = 0.34
MAX_CHIPS = 5


class ChipRole(IntEnum):
    CHIP = Qt.ItemDataRole.UserRole + 1
    NEED_ID = Qt.ItemDataRole.UserRole + 2
    ACTIVE = Qt.ItemDataRole.UserRole + 3


def chips_for(understood: Mapping[str, float], labels: Mapping[str, str], active_need: str | None) -> list[NeedChip]:
    """Chips strongest first; the active filter always has a chip, first, even when the words did not say it."""
    chips: list[NeedChip] = []
    if active_need is not None:
        chips.append(
            NeedChip(active_need, labels.get(active_need, active_need), understood.get(active_need, 0.0), True)
        )
    ranked = sorted(understood.items(), key=lambda item: -item[1])
    for need, weight in ranked:
        if len(chips) >= MAX_CHIPS:
            break
        if need == active_need or weight < MIN_CHIP_WEIGHT or need not in labels:
            continue
        chips.append(NeedChip(need, labels[need], weight, False))
    return chips


class NeedChipsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chips: list[NeedChip] = []

    def set_chips(self, chips: Sequence[NeedChip]) -> None:
        if list(chips) == self._chips:
            return  # typing a word more usually keeps the same chips: no reset, no flicker
        self.beginResetModel()
        self._chips = list(chips)
        self.endResetModel()

    def chip_at(self, row: int) -> NeedChip | None:
        return self._chips[row] if 0 <= row < len(self._chips) else None

    def chips(self) -> list[NeedChip]:
        return list(self._chips)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._chips)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._chips):
            return None
        chip = self._chips[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return chip.label
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if chip.active:
                return f"Showing only {chip.label}. Click or press Space to show all needs again."
            return f"Understood as {chip.label}. Click or press Space to show only this need."
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if chip.active else Qt.CheckState.Unchecked
        if role == ChipRole.CHIP:
            return chip
        if role == ChipRole.NEED_ID:
            return chip.need_id
        if role == ChipRole.ACTIVE:
            return chip.active
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
