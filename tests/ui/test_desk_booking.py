"""Booking and referring from the desk window against a real hub: offline then online, conflicts resolved in the
referrals view, kiosk requests completed, sync status, connecting to a hub, validation as you type."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from socialrx_desk.core.patients import PatientDetails
from socialrx_desk.paths import Profile
from socialrx_desk.server.embedded import start_hub
from socialrx_desk.services.workspace import Workspace
from socialrx_desk.sync.enroll import enrol
from socialrx_desk.ui.desk.booking import BookingDialog
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.tasks import TaskRunner
from tests.conftest import MemoryKeyring
from tests.sync.conftest import OTHER_SERVICE, SERVICE, DeskFactory, Hub
from tests.sync.fault_proxy import Fault, FaultProxy

from .conftest import WAIT_MS, open_window
from .test_desk_search import type_query

SYNC_MS = 30_000
BOB = PatientDetails("Bob Jones", date(1960, 2, 1), None, "0151 496 0000", None)


def enrol_profile(profile: Profile, url: str, token: str, site: str = "Window desk") -> None:
    with Workspace.open(profile) as workspace:
        workspace.settings.site_name = site
        enrol(workspace.profile, workspace.engine, workspace.settings, url, token)


def wait_for_sync(qtbot: QtBot, window: DeskWindow, *, reached: bool | None = True) -> None:
    """Run a sync now (or wait for the one under way) and wait for its outcome."""
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS) as finished:
        window.sync.sync_now()
    if reached is not None:
        assert finished.args[0].reached is reached, finished.args[0]


@pytest.fixture
def hub_desk(
    qtbot: QtBot, runner: TaskRunner, demo_profile: Profile, hub: Hub, memory_keyring: MemoryKeyring
) -> Iterator[DeskWindow]:
    enrol_profile(demo_profile, hub.url, hub.token("window desk"))
    window = open_window(qtbot, runner, demo_profile)
    qtbot.waitUntil(lambda: window.sync.last is not None and window.sync.last.reached, timeout=SYNC_MS)
    yield window
    window.shut_down()
    runner.shutdown(timeout=10, last=window.backend.close)


def open_service(qtbot: QtBot, window: DeskWindow, query: str, service_id: str) -> None:
    type_query(qtbot, window, query)
    row = window.results_model.row_of(service_id)
    assert row >= 0, f"{service_id} not found for {query!r}"
    with qtbot.waitSignal(window.detail_shown, timeout=WAIT_MS):
        window._select_row(row)
    qtbot.waitUntil(lambda: window.detail.view is not None and window.detail.view.id == service_id, timeout=WAIT_MS)


def start_booking(qtbot: QtBot, window: DeskWindow, *, key: Qt.Key = Qt.Key.Key_B) -> BookingDialog:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)  # after a previous dialog
    with qtbot.waitSignal(window.booking_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    dialog = ready(qtbot, opened.args[0])
    if dialog.book_mode:
        qtbot.waitUntil(lambda: dialog.chosen_slot is not None, timeout=WAIT_MS)
    return dialog


def ready(qtbot: QtBot, dialog: BookingDialog) -> BookingDialog:
    """Wait until the dialog is the active window: activation is asynchronous, keys go nowhere before it."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    return dialog


def fill_patient(qtbot: QtBot, dialog: BookingDialog, *, consent: bool = True) -> None:
    for edit, text in (
        (dialog.name, "Ann Smith"),
        (dialog.birth_date, "17/05/1948"),
        (dialog.nhs_number, "943 476 5919"),
        (dialog.postcode, "l1 1aa"),
        (dialog.phone, "07700 900123"),
    ):
        edit.setFocus()
        qtbot.keyClicks(edit, text)
    if consent:
        dialog.consent.setChecked(True)
    qtbot.keyClicks(dialog.reason, "keeps falling on the stairs")


def confirm(qtbot: QtBot, dialog: BookingDialog) -> None:
    with qtbot.waitSignal(dialog.booked, timeout=WAIT_MS):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


# --- booking offline, then online -----------------------------------------------------------------------------


def test_booking_offline_then_confirmed_when_the_hub_is_back(qtbot: QtBot, hub_desk: DeskWindow, hub: Hub) -> None:
    window = hub_desk
    assert window.sync_status.text.startswith("Online")
    open_service(qtbot, window, "keeps falling on the stairs", SERVICE)
    assert window.detail.view is not None and window.detail.view.bookable
    assert "Next free slots" in window.detail.text
    assert window.detail.book_button.isVisible() and window.detail.book_button.property("primary")

    port = hub.running.port
    hub.running.stop()  # the surgery's connection drops
    dialog = start_booking(qtbot, window)
    assert {"falls", "home_adaptations"} <= set(dialog.needs_model.ticked())  # what the search understood
    fill_patient(qtbot, dialog)
    chosen = dialog.chosen_slot
    assert chosen is not None
    assert dialog.confirm_button.text().startswith("Book ")
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS) as synced:
        confirm(qtbot, dialog)
    assert not synced.args[0].reached
    qtbot.waitUntil(lambda: "offline" in dialog.message_text, timeout=WAIT_MS)
    assert "provisional" in dialog.message_text.lower()
    assert "not confirmed" in dialog.message_text
    assert dialog.made is not None and dialog.made.state == "provisional"
    qtbot.waitUntil(lambda: window.sync_status.text.startswith("Offline"), timeout=WAIT_MS)
    assert "1 waiting to send" in window.sync_status.text

    hub.running = start_hub(hub.database_url, port=port)  # back online
    with qtbot.waitSignal(window.outcome_updated, timeout=SYNC_MS):
        qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert "Booked and confirmed" in dialog.message_text
    assert dialog.made.state == "booked"
    qtbot.waitUntil(lambda: window.sync_status.text.startswith("Online"), timeout=WAIT_MS)
    assert "waiting to send" not in window.sync_status.text

    qtbot.keyClick(dialog.done_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box, timeout=WAIT_MS)  # the next patient
    assert "Booked and confirmed" in window.notice.text


def test_enter_twice_opens_the_referral_for_a_service_without_slots(qtbot: QtBot, hub_desk: DeskWindow) -> None:
    window = hub_desk
    type_query(qtbot, window, "lonely")
    qtbot.waitUntil(lambda: window.detail.view is not None, timeout=WAIT_MS)
    assert window.detail.view is not None and not window.detail.view.bookable
    assert window.detail.refer_button.isVisible() and not window.detail.book_button.isVisible()
    with qtbot.waitSignal(window.service_opened, timeout=WAIT_MS):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.booking_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window.detail.body, Qt.Key.Key_Return)
    dialog = ready(qtbot, opened.args[0])
    assert not dialog.book_mode and dialog.confirm_button.text().startswith("Send referral")
    fill_patient(qtbot, dialog)
    with qtbot.waitSignal(window.outcome_updated, timeout=SYNC_MS):
        confirm(qtbot, dialog)
    assert "Referral sent" in dialog.message_text
    assert dialog.made is not None and dialog.made.state == "sent" and dialog.made.slot_id is None


def test_problems_are_shown_next_to_their_fields_and_nothing_is_stored(qtbot: QtBot, hub_desk: DeskWindow) -> None:
    window = hub_desk
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    dialog.nhs_number.setFocus()
    qtbot.keyClicks(dialog.nhs_number, "12345")
    assert dialog.problems["nhs_number"].text() == "5 of 10 digits"  # typing: a count, not yet an error
    qtbot.keyClicks(dialog.nhs_number, "67890")
    assert "not a valid NHS number" in dialog.problem_text("nhs_number")  # ten digits: checked at once
    dialog.birth_date.setFocus()
    qtbot.keyClicks(dialog.birth_date, "01/01/2100")
    assert "future" in dialog.problem_text("birth_date")
    qtbot.keyClicks(dialog.phone, "12")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter moves on, and checks what was left
    assert "phone" in dialog.problem_text("phone")
    assert QApplication.focusWidget() is not dialog.phone
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "check" in dialog.banner_text().lower()
    assert dialog.problem_text("name")
    assert "consent" in dialog.problem_text("consent")
    assert dialog.made is None
    with qtbot.waitSignal(window.referrals_shown, timeout=WAIT_MS):
        window._refresh_referrals()
    assert window._referral_lists is not None and window._referral_lists.all == ()

    dialog.nhs_number.clear()
    dialog.birth_date.clear()
    dialog.phone.clear()
    fill_patient(qtbot, dialog)
    assert not dialog.problem_text("nhs_number") and dialog.problems["nhs_number"].text() == "Valid NHS number"
    assert dialog.problems["birth_date"].text().startswith("Age ")
    confirm(qtbot, dialog)
    dialog.reject()


def test_a_recent_patient_fills_the_form(qtbot: QtBot, hub_desk: DeskWindow) -> None:
    window = hub_desk
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    fill_patient(qtbot, dialog)
    confirm(qtbot, dialog)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)

    second = start_booking(qtbot, window)
    with qtbot.waitSignal(second.patients_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClicks(second.find_box, "ann")
    assert shown.args == [1]
    qtbot.keyClick(second.patients_view, Qt.Key.Key_Return)
    assert second.name.text() == "Ann Smith"
    assert second.nhs_number.text() == "943 476 5919"
    assert second.birth_date.text() == "17/05/1948"
    assert not second.consent.isChecked()  # asked again for each referral
    assert QApplication.focusWidget() is second.consent
    second.reject()


def test_week_view_shows_local_times_and_pages_by_week(qtbot: QtBot, hub_desk: DeskWindow) -> None:
    window = hub_desk
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    model = dialog.week_model
    assert model.total() > 0
    slot = dialog.chosen_slot
    assert slot is not None
    from socialrx_desk.ui.when import local

    position = model.position_of(slot.id)
    assert position is not None
    text = model.data(model.index(*position))
    assert text == f"{local(slot.start):%H:%M}"  # UK local time, not the stored UTC
    first_monday = model.monday
    dialog.slots_view.setFocus()
    with qtbot.waitSignal(dialog.slots_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.slots_view, Qt.Key.Key_PageDown)
    assert (model.monday - first_monday).days == 7
    assert dialog.chosen_slot == slot  # moving week keeps the choice until another is made
    with qtbot.waitSignal(dialog.slots_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.slots_view, Qt.Key.Key_PageUp)
    assert model.monday == first_monday
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box, timeout=WAIT_MS)


# --- conflicts and kiosk requests in the referrals view ---------------------------------------------------------


def test_conflict_resolved_with_another_slot_in_the_referrals_view(
    qtbot: QtBot, hub_desk: DeskWindow, hub: Hub, make_desk: DeskFactory
) -> None:
    window = hub_desk
    other = make_desk("other desk", hub.url, hub.token("other desk", practice="P2"))
    other.sync()
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    slot = dialog.chosen_slot
    assert slot is not None
    # Another surgery books the same time first; this desk has not heard yet.
    other.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=BOB, consent=True)
    assert other.sync().pushed.committed == 1
    fill_patient(qtbot, dialog)
    with qtbot.waitSignal(window.outcome_updated, timeout=SYNC_MS):
        confirm(qtbot, dialog)
    assert "Slot taken" in dialog.message_text
    assert dialog.resolve_button.isVisible()
    made = dialog.made
    assert made is not None and made.state == "conflict"
    qtbot.waitUntil(lambda: "need" in window.tabs.tabText(1), timeout=WAIT_MS)  # "Referrals (1 needs attention)"

    with qtbot.waitSignal(window.referrals_shown, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    page = window.referrals_page()
    assert window.tabs.currentWidget() is window.referrals_tab
    assert page.attention_only and page.model.rowCount() == 1
    assert page.panel.view is not None and page.panel.view.id == made.id
    assert "taken" in page.panel.reason.text().lower()
    assert page.panel.resolve_box.isVisible()
    qtbot.waitUntil(lambda: page.panel.slots_model.rowCount() > 0, timeout=WAIT_MS)
    alternative = page.panel.slots_model.slot_at(0)
    assert alternative is not None and alternative.id != slot.id
    page.panel.slots.setFocus()
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS):
        qtbot.keyClick(page.panel.slots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.lists.attention == (), timeout=SYNC_MS)
    qtbot.waitUntil(
        lambda: any(v.id == made.id and v.state == "booked" for v in page.lists.all), timeout=SYNC_MS
    )  # the hub confirmed the new time
    booked = next(v for v in page.lists.all if v.id == made.id)
    assert booked.slot_id == alternative.id
    assert window.tabs.tabText(1).startswith("Referrals  ")


def test_conflict_sent_without_a_slot(qtbot: QtBot, hub_desk: DeskWindow, hub: Hub, make_desk: DeskFactory) -> None:
    window = hub_desk
    other = make_desk("other desk", hub.url, hub.token("other desk", practice="P2"))
    other.sync()
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    assert dialog.chosen_slot is not None
    other.referrals.book(service_id=SERVICE, slot_id=dialog.chosen_slot.id, patient=BOB, consent=True)
    other.sync()
    fill_patient(qtbot, dialog)
    with qtbot.waitSignal(window.outcome_updated, timeout=SYNC_MS):
        confirm(qtbot, dialog)
    made = dialog.made
    assert made is not None and made.state == "conflict"
    dialog.accept()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Needs attention
    assert window.tabs.currentWidget() is window.referrals_tab
    page = window.referrals_page()
    qtbot.waitUntil(lambda: page.panel.view is not None and page.panel.view.id == made.id, timeout=WAIT_MS)
    qtbot.mouseClick(page.panel.without_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(v.id == made.id and v.state == "sent" for v in page.lists.all), timeout=SYNC_MS)
    sent = next(v for v in page.lists.all if v.id == made.id)
    assert sent.slot_id is None and sent.kind == "referral"


def test_kiosk_request_completed_from_the_inbox(
    qtbot: QtBot, hub_desk: DeskWindow, hub: Hub, make_desk: DeskFactory
) -> None:
    window = hub_desk
    # The desk's practice is P1 (hub.token's default), like the kiosk in its waiting room.
    kiosk = make_desk("kiosk", hub.url, hub.token("kiosk", "kiosk", practice="P1"), kiosk=True)
    kiosk.sync()
    request = kiosk.referrals.self_refer(
        service_id=SERVICE, patient=BOB, consent=True, reason="please book me in", ask_desk=True
    )
    kiosk.sync()
    wait_for_sync(qtbot, window)
    qtbot.waitUntil(lambda: "attention" in window.tabs.tabText(1), timeout=WAIT_MS)
    window.show_referrals(attention=True)
    page = window.referrals_page()
    qtbot.waitUntil(lambda: page.panel.view is not None and page.panel.view.id == request.id, timeout=WAIT_MS)
    assert "Kiosk request" in page.panel.state.text()
    assert "Bob Jones" in page.panel.details.text()
    qtbot.waitUntil(lambda: page.panel.slots_model.rowCount() > 0, timeout=WAIT_MS)
    chosen = page.panel.slots_model.slot_at(0)
    assert chosen is not None
    qtbot.mouseClick(page.panel.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(v.id == request.id and v.state == "booked" for v in page.lists.all), timeout=SYNC_MS)
    assert not page.lists.attention
    assert any(v.id == request.id and v.slot_id == chosen.id for v in page.lists.all)


def test_cancel_from_the_referrals_view(qtbot: QtBot, hub_desk: DeskWindow) -> None:
    window = hub_desk
    open_service(qtbot, window, "grab rails", SERVICE)
    dialog = start_booking(qtbot, window)
    fill_patient(qtbot, dialog)
    with qtbot.waitSignal(window.outcome_updated, timeout=SYNC_MS):
        confirm(qtbot, dialog)
    made = dialog.made
    assert made is not None
    dialog.accept()
    window.show_referrals(attention=False, select=made.id)
    page = window.referrals_page()
    qtbot.waitUntil(lambda: page.panel.view is not None and page.panel.view.id == made.id, timeout=WAIT_MS)
    assert page.panel.cancel_button.isEnabled()
    page.cancel_now(made.id)
    qtbot.waitUntil(lambda: any(v.id == made.id and v.state == "cancelled" for v in page.lists.all), timeout=SYNC_MS)
    assert "cancelled" in page.notice_bar.text.lower()


# --- sync status and connecting ----------------------------------------------------------------------------------


def test_sync_status_counts_queued_and_attention(qtbot: QtBot, hub_desk: DeskWindow, hub: Hub) -> None:
    window = hub_desk
    status = window.sync_status
    assert status.state == "online" and "last sync" in status.text
    assert status.button.isVisible() and "F5" in status.button.text()
    port = hub.running.port
    hub.running.stop()
    wait_for_sync(qtbot, window, reached=False)
    assert status.text.startswith("Offline") and status.state == "offline"
    open_service(qtbot, window, "handyperson", OTHER_SERVICE)
    dialog = start_booking(qtbot, window)
    fill_patient(qtbot, dialog)
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS):
        confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: "1 waiting to send" in status.text, timeout=WAIT_MS)
    dialog.accept()
    hub.running = start_hub(hub.database_url, port=port)
    wait_for_sync(qtbot, window)
    assert status.text.startswith("Online") and "waiting" not in status.text


def test_connect_to_a_hub_from_the_menu(
    qtbot: QtBot, runner: TaskRunner, demo_profile: Profile, hub: Hub, memory_keyring: MemoryKeyring
) -> None:
    from socialrx_desk.ui.desk.connect import ConnectDialog

    window = open_window(qtbot, runner, demo_profile)
    qtbot.waitUntil(lambda: window.sync.last is not None, timeout=SYNC_MS)
    assert window.sync_status.text == "Not connected to a hub"
    assert not window.sync_status.button.isVisible()
    window.connect_action.trigger()
    dialog = window.findChild(ConnectDialog)
    assert dialog is not None
    assert dialog.token.echoMode() == dialog.token.EchoMode.Password
    qtbot.keyClicks(dialog.url, hub.url)
    qtbot.keyClicks(dialog.token, "not-a-token")
    with qtbot.waitSignal(window.sync.enrol_failed, timeout=SYNC_MS) as failed:
        qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    assert "refused this token" in failed.args[0]
    assert "refused this token" in dialog.message.text()
    dialog.token.clear()
    qtbot.keyClicks(dialog.token, hub.token("menu desk"))
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS) as synced:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert synced.args[0].reached
    assert window.sync_status.text.startswith("Online")
    assert any(key[1].endswith(":site-token") for key in memory_keyring.entries)  # in the keyring, not on disk
    window.shut_down()
    runner.shutdown(timeout=10, last=window.backend.close)


def test_searching_stays_quick_while_a_slow_sync_runs(
    qtbot: QtBot,
    runner: TaskRunner,
    demo_profile: Profile,
    hub: Hub,
    proxy: FaultProxy,
    memory_keyring: MemoryKeyring,
) -> None:
    """Sync runs on the network pool, not the database lane: a hub that takes seconds never holds up a search."""
    enrol_profile(demo_profile, proxy.url(), hub.token("slow desk"))
    window = open_window(qtbot, runner, demo_profile)
    qtbot.waitUntil(lambda: window.sync.last is not None and window.sync.last.reached, timeout=SYNC_MS)
    proxy.add(Fault("delay", method="GET", path="/fhir/metadata", seconds=4))
    with qtbot.waitSignal(window.sync.started, timeout=WAIT_MS):
        window.sync.sync_now()
    assert window.sync_status.text == "Syncing…"
    type_query(qtbot, window, "boiler's packed in")
    assert window.sync.running  # the answer came while the hub was still thinking
    assert window.results_model.rowCount() > 0
    finished = qtbot.waitSignal(window.sync_finished, timeout=SYNC_MS)
    finished.wait()
    assert finished.args[0].reached
    window.shut_down()
    runner.shutdown(timeout=10, last=window.backend.close)
