"""Recent patients (to pick instead of typing them again) and the needs to tick for a referral."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from socialrx_desk.services.referrals import PatientView

Index = QModelIndex | QPersistentModelIndex


def nhs_number_text(number: str | None) -> str:
    """'943 476 5919', the way it is printed on NHS letters and read out."""
    if not number or len(number) != 10:
        return number or ""
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def patient_line(patient: PatientView) -> str:
    parts = [patient.name or "(no name)"]
    if patient.birth_date is not None:
        parts.append(f"born {patient.birth_date:%d/%m/%Y}")
    if patient.nhs_number:
        parts.append(f"NHS {nhs_number_text(patient.nhs_number)}")
    if patient.postcode:
        parts.append(patient.postcode)
    return "  ·  ".join(parts)


class PatientRole(IntEnum):
    PATIENT = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2


class RecentPatientsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._patients: list[PatientView] = []

    def set_patients(self, patients: Sequence[PatientView]) -> None:
        self.beginResetModel()
        self._patients = list(patients)
        self.endResetModel()

    def patient_at(self, row: int) -> PatientView | None:
        return self._patients[row] if 0 <= row < len(self._patients) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._patients)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._patients):
            return None
        patient = self._patients[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return patient_line(patient)
        if role == PatientRole.PATIENT:
            return patient
        if role == PatientRole.ID:
            return patient.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class NeedRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1


class NeedChoiceModel(QAbstractListModel):
    """Needs with a tick box each; Space ticks the current one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needs: list[tuple[str, str]] = []
        self._ticked: set[str] = set()

    def set_needs(self, needs: Sequence[tuple[str, str]], ticked: Iterable[str] = ()) -> None:
        """``needs`` as (id, label); ticked ones first, in the order given, then the rest by name."""
        chosen = [n for n in ticked if any(n == need_id for need_id, _ in needs)]
        labels = dict(needs)
        rest = sorted((item for item in needs if item[0] not in chosen), key=lambda item: item[1].lower())
        self.beginResetModel()
        self._needs = [(n, labels[n]) for n in dict.fromkeys(chosen)] + rest
        self._ticked = set(chosen)
        self.endResetModel()

    def ticked(self) -> tuple[str, ...]:
        return tuple(need_id for need_id, _ in self._needs if need_id in self._ticked)

    def ticked_labels(self) -> tuple[str, ...]:
        return tuple(label for need_id, label in self._needs if need_id in self._ticked)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._needs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._needs):
            return None
        need_id, label = self._needs[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if need_id in self._ticked else Qt.CheckState.Unchecked
        if role == NeedRole.ID:
            return need_id
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not 0 <= index.row() < len(self._needs):
            return False
        need_id = self._needs[index.row()][0]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked:
            self._ticked.add(need_id)
        else:
            self._ticked.discard(need_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
