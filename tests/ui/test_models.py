from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from socialrx_desk.ui.models.chips import ChipRole, NeedChipsModel, chips_for
from socialrx_desk.ui.models.results import ResultRole, SearchResultsModel
from socialrx_desk.ui.models.rows import NeedChip, ResultRow, days_text


def row(number: int, **changes: object) -> ResultRow:
    values: dict[str, object] = {
        "id": f"svc-{number}",
        "name": f"Service {number}",
        "organization": "Mersey Community Trust",
        "need_labels": ("Falls and home safety",),
        "access": ("appointment",),
        "min_age": 60,
        "max_age": None,
        "open_days": 0b0011111,
        "status": "active",
        "score": 1.0 / (number + 1),
    }
    values.update(changes)
    return ResultRow(**values)  # type: ignore[arg-type]


def test_results_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SearchResultsModel(page=7)
    model.set_rows([row(n) for n in range(30)], request_id=3)
    qtmodeltester.check(model, force_py=True)
    model.set_rows([], request_id=4)
    qtmodeltester.check(model, force_py=True)


def test_results_model_hands_rows_to_the_view_in_pages() -> None:
    model = SearchResultsModel(page=40)
    model.set_rows([row(n) for n in range(100)], request_id=1)
    assert model.rowCount() == 40
    assert model.total() == 100
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 100
    assert not model.canFetchMore(QModelIndex())
    assert model.request_id == 1


def test_results_model_roles() -> None:
    model = SearchResultsModel()
    model.set_rows([row(1, status="inactive")])
    index = model.index(0)
    assert model.data(index) == "Service 1"
    assert model.data(index, ResultRole.ID) == "svc-1"
    assert isinstance(model.data(index, ResultRole.ROW), ResultRow)
    assert model.data(index, ResultRole.INACTIVE) is True
    facts = model.data(index, ResultRole.FACTS)
    assert facts == "Inactive  ·  Mersey Community Trust  ·  Appointment  ·  Ages 60+  ·  Mon-Fri"
    assert "Service 1" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert model.row_of("svc-1") == 0
    assert model.row_of("missing") == -1


def test_days_text() -> None:
    assert days_text(0) == ""
    assert days_text(0b1111111) == "Every day"
    assert days_text(0b0011111) == "Mon-Fri"
    assert days_text(0b0001010) == "Tue, Thu"
    assert days_text(0b1100111) == "Mon-Wed, Sat, Sun"


def test_chips_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = NeedChipsModel()
    model.set_chips([NeedChip("falls", "Falls", 1.0, True), NeedChip("money", "Money", 0.5, False)])
    qtmodeltester.check(model, force_py=True)
    index = model.index(0)
    assert model.data(index) == "Falls"
    assert model.data(index, ChipRole.NEED_ID) == "falls"
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_chips([])
    qtmodeltester.check(model, force_py=True)


def test_chips_for_orders_and_thins_the_needs() -> None:
    labels = {"falls": "Falls", "adapt": "Adaptations", "money": "Money", "lonely": "Loneliness"}
    understood = {"adapt": 0.6, "falls": 1.0, "money": 0.1, "unknown": 0.9}
    chips = chips_for(understood, labels, active_need=None)
    assert [c.need_id for c in chips] == ["falls", "adapt"]  # weak and unknown needs get no chip
    chips = chips_for(understood, labels, active_need="lonely")
    assert chips[0] == NeedChip("lonely", "Loneliness", 0.0, True)
    assert [c.need_id for c in chips[1:]] == ["falls", "adapt"]
    chips = chips_for(understood, labels, active_need="falls")
    assert [(c.need_id, c.active) for c in chips] == [("falls", True), ("adapt", False)]
