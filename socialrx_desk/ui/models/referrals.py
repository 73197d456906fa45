"""The referrals table: every referral of this desk with its live state, in words a receptionist uses."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from socialrx_desk.ui import style
from socialrx_desk.ui.when import ago_text, slot_text

if TYPE_CHECKING:
    from socialrx_desk.services.referrals import ReferralView

Index = QModelIndex | QPersistentModelIndex

# What each state means for the person at the counter, and what (if anything) they should do.
STATE_WORDS = {
    "queued": "Saved here, not sent yet",
    "provisional": "Provisional: waiting for the hub to confirm",
    "booked": "Booked: confirmed by the hub",
    "sent": "Sent: waiting for the service to answer",
    "accepted": "Accepted by the service",
    "declined": "Declined by the service",
    "completed": "Completed",
    "conflict": "Slot taken by someone else: choose another",
    "rejected": "Refused by the hub",
    "cancelled": "Cancelled",
}
KIND_WORDS = {
    "booking": "Booking",
    "referral": "Referral",
    "self-referral": "Self-referral (kiosk)",
    "ask-desk": "Kiosk request",
}
ASK_DESK_WORDS = "Kiosk request: please book this for the patient"
# The same, short enough for a table column.
SHORT_STATE_WORDS = {
    "queued": "Not sent yet",
    "provisional": "Provisional",
    "booked": "Booked",
    "sent": "Sent, awaiting reply",
    "accepted": "Accepted",
    "declined": "Declined",
    "completed": "Completed",
    "conflict": "Slot taken",
    "rejected": "Refused by hub",
    "cancelled": "Cancelled",
}


def state_words(view: ReferralView) -> str:
    if view.kind == "ask-desk" and view.state in ("queued", "sent"):
        return ASK_DESK_WORDS
    return STATE_WORDS.get(view.state, view.state.capitalize())


def short_state_words(view: ReferralView) -> str:
    if view.kind == "ask-desk" and view.state in ("queued", "sent"):
        return "Kiosk: please book"
    return SHORT_STATE_WORDS.get(view.state, view.state.capitalize())


def reason_words(view: ReferralView) -> str:
    """The hub's or the sync's reason, as a sentence ("" when there is none)."""
    reason = (view.state_reason or "").strip()
    if not reason:
        return ""
    reason = reason[0].upper() + reason[1:]
    return reason if reason.endswith((".", "!", "?")) else reason + "."


def when_words(view: ReferralView) -> str:
    if view.slot_start is not None:
        return slot_text(view.slot_start, view.slot_end)
    return "No slot: the service contacts the patient"


def patient_words(view: ReferralView) -> str:
    return view.patient.name if view.patient is not None and view.patient.name else "(details removed)"


class Column(IntEnum):
    """What a receptionist scans a queue for first comes first: what is wrong, who, when."""

    STATE = 0
    PATIENT = 1
    WHEN = 2
    SERVICE = 3
    UPDATED = 4
    REFERENCE = 5


HEADERS = {
    Column.REFERENCE: "Reference",
    Column.PATIENT: "Patient",
    Column.SERVICE: "Service",
    Column.WHEN: "When",
    Column.STATE: "Status",
    Column.UPDATED: "Updated",
}


class ReferralRole(IntEnum):
    VIEW = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2
    ATTENTION = Qt.ItemDataRole.UserRole + 3


class ReferralsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReferralView] = []

    def set_referrals(self, rows: Sequence[ReferralView]) -> None:
        if list(rows) == self._rows:
            return  # a sync that changed nothing keeps the selection and scroll position as they are
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def referral_at(self, row: int) -> ReferralView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, referral_id: str) -> int:
        for number, view in enumerate(self._rows):
            if view.id == referral_id:
                return number
        return -1

    def referrals(self) -> list[ReferralView]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        view = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = reason_words(view)
            if column == Column.STATE:
                return f"{state_words(view)}. {reason}".strip()
            return self._text(view, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATE:
            if view.needs_attention:
                return QColor(style.ERROR)
            if view.state in ("booked", "accepted", "completed"):
                return QColor(style.SUCCESS)
            return None
        if role == ReferralRole.VIEW:
            return view
        if role == ReferralRole.ID:
            return view.id
        if role == ReferralRole.ATTENTION:
            return view.needs_attention
        return None

    def _text(self, view: ReferralView, column: Column) -> str:
        if column == Column.REFERENCE:
            return view.reference
        if column == Column.PATIENT:
            return patient_words(view)
        if column == Column.SERVICE:
            return view.service_name
        if column == Column.WHEN:
            return slot_text(view.slot_start) if view.slot_start is not None else "No slot"
        if column == Column.STATE:
            return short_state_words(view)
        return ago_text(view.updated_at)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
