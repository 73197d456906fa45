"""The desk window's search: as you type, stale answers, chips, filters, keyboard, details."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from socialrx_desk.ui.desk.backend import SearchAnswer, SearchRequest
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.models.rows import ResultRow
from socialrx_desk.ui.tasks import TaskContext

from .conftest import WAIT_MS


def shown_rows(window: DeskWindow) -> list[ResultRow]:
    model = window.results_model
    return [row for n in range(model.rowCount()) if (row := model.row_at(n)) is not None]


def type_query(qtbot: QtBot, window: DeskWindow, text: str) -> None:
    """Type like a person into the search box and wait for the answer to be painted."""
    window.search_box.setFocus()
    with qtbot.waitSignal(window.results_painted, timeout=WAIT_MS):
        qtbot.keyClicks(window.search_box, text)


def test_results_appear_as_you_type_after_one_debounced_search(qtbot: QtBot, desk: DeskWindow) -> None:
    started: list[int] = []
    desk.search_started.connect(started.append)
    type_query(qtbot, desk, "keeps falling on the stairs")
    # Every keystroke came within the debounce interval: one query went to the database, not 27.
    assert len(started) == 1
    names = [row.name for row in shown_rows(desk)]
    assert any("Grab rails" in name or "falls" in name.lower() for name in names[:3])
    assert desk.results_stack.currentWidget() is desk.results
    assert desk.count_label.text().endswith("services")
    chips = [chip.need_id for chip in desk.chips_model.chips()]
    assert "falls" in chips
    assert all(button.isVisible() for button in desk.chip_bar.buttons)


def test_first_result_is_selected_and_its_details_shown(qtbot: QtBot, desk: DeskWindow) -> None:
    with qtbot.waitSignal(desk.detail_shown, timeout=WAIT_MS) as shown:
        type_query(qtbot, desk, "grab rails")
    first = shown_rows(desk)[0]
    assert shown.args == [first.id]
    assert desk.selected_service_id() == first.id
    text = desk.detail.text
    assert first.name in text
    for heading in ("Who it is for", "How to get in", "Opening times", "Next openings", "Where", "Contact"):
        assert heading in text
    assert "L25 6WP" in text  # address
    assert "01215 242802" in text  # phone
    assert "mersey-community-trust.example.org" in text  # website
    assert "aged 60 or over" in text.lower()
    assert "Mon-Fri 09:00-16:30" in text


def test_a_stale_answer_never_replaces_a_newer_one(qtbot: QtBot, desk: DeskWindow) -> None:
    original = desk.backend.search
    release = threading.Event()
    slow_started = threading.Event()

    def search(request: SearchRequest, context: TaskContext | None = None) -> SearchAnswer:
        answer = original(request, None)  # the query runs even if superseded: it is already under way
        if request.text == "lonely":
            slow_started.set()
            release.wait(10)
        return answer

    desk.backend.search = search  # type: ignore[method-assign]
    shown: list[int] = []
    desk.results_shown.connect(lambda request_id, _rows: shown.append(request_id))
    desk.search_for("lonely")
    first = desk._latest_request
    assert slow_started.wait(5)
    desk.search_for("boiler")
    second = desk._latest_request
    release.set()
    qtbot.waitUntil(lambda: second in shown, timeout=WAIT_MS)
    qtbot.wait(50)  # the old answer is in the event queue by now if it was ever going to be shown
    assert first not in shown
    assert desk.results_model.request_id == second
    assert any("boiler" in row.name.lower() for row in shown_rows(desk))


def test_typing_past_a_running_search_discards_its_answer(qtbot: QtBot, runner: object, desk: DeskWindow) -> None:
    gate = threading.Event()
    holding = threading.Event()

    def hold(_context: TaskContext) -> None:
        holding.set()
        gate.wait(10)

    desk.runner.run_db(hold)
    assert holding.wait(5)
    desk.search_box.setFocus()
    qtbot.keyClicks(desk.search_box, "lonely")
    qtbot.waitUntil(lambda: desk._latest_request > 0 and not desk._debounce.isActive(), timeout=WAIT_MS)
    stale = desk._latest_request
    qtbot.keyClicks(desk.search_box, " and skint")
    qtbot.waitUntil(lambda: desk._latest_request > stale, timeout=WAIT_MS)
    fresh = desk._latest_request
    with qtbot.waitSignal(desk.results_shown, timeout=WAIT_MS) as blocker:
        gate.set()
    assert blocker.args[0] == fresh
    assert desk.search_box.text() == "lonely and skint"


def test_clearing_the_box_shows_the_hint_at_once(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "lonely")
    desk.search_box.selectAll()
    qtbot.keyClick(desk.search_box, Qt.Key.Key_Backspace)
    assert desk.results_stack.currentWidget() is desk.message
    assert desk.message.kind == "hint"
    assert desk.results_model.rowCount() == 0
    assert desk.chips_model.rowCount() == 0


def test_no_results_says_what_to_try(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "xylophone zebra")
    assert desk.message.kind == "none"
    assert "No services match" in desk.message.title.text()
    assert desk.detail.view is None


def test_misspelling_is_corrected_and_said(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "bioler broken ")
    assert "boiler" in desk.corrections.text()
    assert any("boiler" in row.name.lower() for row in shown_rows(desk))


def test_clicking_a_chip_filters_by_that_need_and_again_unfilters(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "keeps falling on the stairs")
    falls = next(b for b in desk.chip_bar.buttons if b.accessibleName().endswith("Falls and home safety"))
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        qtbot.mouseClick(falls, Qt.MouseButton.LeftButton)
    assert desk.filters.need_id == "falls"
    assert desk.chips_model.chips()[0].active
    rows = shown_rows(desk)
    assert rows and all("Falls and home safety" in row.need_labels for row in rows)
    active = desk.chip_bar.buttons[0]
    assert active.isChecked()
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        qtbot.mouseClick(active, Qt.MouseButton.LeftButton)
    assert desk.filters.need_id is None


def test_need_filter_alone_lists_that_need(qtbot: QtBot, desk: DeskWindow) -> None:
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        desk.filters.set_need("loneliness")
    rows = shown_rows(desk)
    assert rows and all("Loneliness and social contact" in row.need_labels for row in rows)


def test_age_filter_leaves_out_services_the_patient_is_too_young_for(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "keeps falling on the stairs")
    assert any(row.min_age is not None and row.min_age >= 60 for row in shown_rows(desk))
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        qtbot.keyClicks(desk.filters.age, "10")
    assert desk.filters.age_value == 10
    rows = shown_rows(desk)
    assert all(row.min_age is None or row.min_age <= 10 for row in rows)
    assert all(row.max_age is None or row.max_age >= 10 for row in rows)


def test_open_day_and_access_filters(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "lonely")
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        desk.filters.day.setCurrentIndex(desk.filters.day.findData(5))  # Saturday
    assert all(row.open_days & (1 << 5) for row in shown_rows(desk))
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        desk.filters.clear()
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        desk.filters.access.setCurrentIndex(desk.filters.access.findData("drop-in"))
    rows = shown_rows(desk)
    assert rows and all("drop-in" in row.access for row in rows)
    assert desk.filters.clear_button.isEnabled()
    with qtbot.waitSignal(desk.results_painted, timeout=WAIT_MS):
        qtbot.mouseClick(desk.filters.clear_button, Qt.MouseButton.LeftButton)
    assert desk.filters.access_code is None
    assert not desk.filters.clear_button.isEnabled()


def test_keyboard_ctrl_f_arrows_enter_and_escape(qtbot: QtBot, desk: DeskWindow) -> None:
    desk.activateWindow()
    desk.detail.body.setFocus()
    assert QApplication.focusWidget() is desk.detail.body
    qtbot.keyClick(desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is desk.search_box
    type_query(qtbot, desk, "lonely")
    rows = shown_rows(desk)
    assert len(rows) >= 3
    assert desk.selected_service_id() == rows[0].id
    qtbot.keyClick(desk.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(desk.search_box, Qt.Key.Key_Down)
    assert desk.selected_service_id() == rows[2].id
    qtbot.keyClick(desk.search_box, Qt.Key.Key_Up)
    assert desk.selected_service_id() == rows[1].id
    assert QApplication.focusWidget() is desk.search_box  # still typing
    qtbot.waitSignal(desk.detail_shown, timeout=WAIT_MS).wait()
    with qtbot.waitSignal(desk.service_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(desk.search_box, Qt.Key.Key_Return)
    assert opened.args[0].id == rows[1].id
    assert QApplication.focusWidget() is desk.detail.body
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is desk.search_box
    assert desk.search_box.text() == "lonely"
    qtbot.keyClick(desk.search_box, Qt.Key.Key_Escape)  # in the box: Esc clears it
    assert desk.search_box.text() == ""
    assert desk.message.kind == "hint"


def test_enter_in_the_results_list_opens_the_service(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "lonely")
    desk.results.setFocus()
    qtbot.keyClick(desk.results, Qt.Key.Key_Down)
    second = shown_rows(desk)[1]
    assert desk.selected_service_id() == second.id
    qtbot.waitSignal(desk.detail_shown, timeout=WAIT_MS).wait()
    with qtbot.waitSignal(desk.service_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(desk.results, Qt.Key.Key_Return)
    assert opened.args[0].id == second.id


def test_tab_order_runs_from_search_through_filters_to_results(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "keeps falling on the stairs")
    order = []
    widget = desk.search_box
    for _ in range(6 + len(desk.chip_bar.buttons)):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[: len(desk.chip_bar.buttons)] == desk.chip_bar.buttons
    rest = order[len(desk.chip_bar.buttons) :]
    assert rest[:5] == [
        desk.filters.need,
        desk.filters.age,
        desk.filters.day,
        desk.filters.access,
        desk.filters.inactive,
    ]


def test_shortcuts_are_visible(desk: DeskWindow) -> None:
    assert "Ctrl+F" in desk.shortcut_hint.text()
    assert desk.find_action.shortcut().toString() == "Ctrl+F"
    assert desk.import_action.shortcut().toString() == "Ctrl+I"
    assert "Ctrl+F" in desk.search_box.placeholderText() or "Ctrl+F" in desk.shortcut_hint.text()


def test_sync_status_says_not_connected(desk: DeskWindow) -> None:
    assert desk.sync_status.text == "Not connected to a hub"
    assert desk.sync_status.isVisible()
    assert "80 services" in desk.directory_label.text()


def test_enter_before_the_details_arrive_opens_the_service_when_they_do(qtbot: QtBot, desk: DeskWindow) -> None:
    type_query(qtbot, desk, "lonely")
    qtbot.waitSignal(desk.detail_shown, timeout=WAIT_MS).wait()
    desk.search_box.setFocus()
    with qtbot.waitSignal(desk.service_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(desk.search_box, Qt.Key.Key_Down)
        qtbot.keyClick(desk.search_box, Qt.Key.Key_Return)  # at once, before the detail query has run
    assert opened.args[0].id == shown_rows(desk)[1].id


def test_every_action_has_a_visible_shortcut(desk: DeskWindow) -> None:
    expected = {
        desk.book_action: "Ctrl+B",
        desk.refer_action: "Ctrl+R",
        desk.print_action: "Ctrl+P",
        desk.summary_action: "Ctrl+Shift+P",
        desk.sync_action: "F5",
        desk.referrals_action: "Ctrl+2",
        desk.import_action: "Ctrl+I",
    }
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys, action.text()
    for button, keys in (
        (desk.detail.book_button, "Ctrl+B"),
        (desk.detail.refer_button, "Ctrl+R"),
        (desk.detail.print_button, "Ctrl+P"),
    ):
        assert keys in button.text()
    assert "F5" in desk.sync_status.button.text()
    assert "Ctrl+2" in desk.tabs.tabText(1)


def test_ctrl_2_opens_the_referrals_and_esc_comes_back(qtbot: QtBot, desk: DeskWindow) -> None:
    desk.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk, timeout=WAIT_MS)
    with qtbot.waitSignal(desk.referrals_shown, timeout=WAIT_MS):
        qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.referrals_tab
    page = desk.referrals_page()
    assert page.empty.text() == "No referrals yet."
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert desk.tabs.currentWidget() is desk.central
    assert QApplication.focusWidget() is desk.search_box


def test_booking_needs_a_service_and_slots(qtbot: QtBot, desk: DeskWindow) -> None:
    assert desk.book() is None  # nothing chosen yet
    assert "Choose a service first" in desk.notice.text
    type_query(qtbot, desk, "grab rails")
    qtbot.waitUntil(lambda: desk.detail.view is not None, timeout=WAIT_MS)
    assert desk.book() is None  # no hub, so no free times on this desk
    assert "Refer instead (Ctrl+R)" in desk.notice.text
    assert not desk.detail.book_button.isVisible() and desk.detail.refer_button.isVisible()
