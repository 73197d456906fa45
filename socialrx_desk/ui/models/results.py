"""The search results list model.

The search already caps its answer (at most a few hundred hits), but the view is populated in pages through
``canFetchMore``/``fetchMore`` so that putting a new answer on screen costs the same whether it holds 10 or 500
rows: the view lays out only what it has been given, and asks for more as the user scrolls.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from socialrx_desk.ui.models.rows import ResultRow

Index = QModelIndex | QPersistentModelIndex
PAGE = 40


class ResultRole(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the whole ResultRow
    ID = Qt.ItemDataRole.UserRole + 2
    FACTS = Qt.ItemDataRole.UserRole + 3
    NEEDS = Qt.ItemDataRole.UserRole + 4
    INACTIVE = Qt.ItemDataRole.UserRole + 5


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self._all: list[ResultRow] = []
        self._shown = 0
        self._page = page
        self.request_id = 0  # the search these rows answer; the window uses it to discard stale answers

    # --- the answer ----------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ResultRow], request_id: int = 0) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._shown = min(len(self._all), self._page)
        self.request_id = request_id
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], 0)

    def row_at(self, row: int) -> ResultRow | None:
        return self._all[row] if 0 <= row < self._shown else None

    def total(self) -> int:
        """Rows in the answer, including those not yet fetched into the view."""
        return len(self._all)

    def row_of(self, service_id: str) -> int:
        for number in range(self._shown):
            if self._all[number].id == service_id:
                return number
        return -1

    # --- Qt model ------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(self._page, len(self._all) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._all[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.facts}" if row.facts else row.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}. {row.facts}"
        if role == ResultRole.ROW:
            return row
        if role == ResultRole.ID:
            return row.id
        if role == ResultRole.FACTS:
            return row.facts
        if role == ResultRole.NEEDS:
            return ", ".join(row.need_labels)
        if role == ResultRole.INACTIVE:
            return row.inactive
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
