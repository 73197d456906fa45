"""Self-referral end to end: offline (saved, said so honestly), then synced to a real hub; "ask the desk" reaching
the desk's needs-attention queue; gentle hints; the printed slip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.services.referrals import Referrals
from socialrx_desk.ui.kiosk.printing import pdf_printer
from socialrx_desk.ui.kiosk.referral import ResultScreen
from socialrx_desk.ui.kiosk.window import KioskWindow
from tests.sync.conftest import DeskFactory, Hub
from tests.ui.kiosk.conftest import WAIT_MS, KioskFactory, fill_form, open_service, type_digits

DEAD_HUB = "http://127.0.0.1:9/fhir"  # the discard port: nothing listens, the connection is refused at once


def _db(qtbot: QtBot, window: KioskWindow, fn):  # type: ignore[no-untyped-def]
    """Run ``fn(workspace)`` on the kiosk's database lane and return its answer."""
    answers: list[object] = []
    window.runner.run_db(lambda _context: fn(window.backend.workspace), on_success=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    return answers[0]


def _send(qtbot: QtBot, window: KioskWindow) -> None:
    with qtbot.waitSignal(window.result_changed, timeout=WAIT_MS):
        qtbot.mouseClick(window.form.yes, Qt.MouseButton.LeftButton)


def test_offline_request_is_saved_and_said_so_then_sent_when_the_hub_is_back(
    qtbot: QtBot, make_kiosk: KioskFactory, make_desk: DeskFactory, hub: Hub
) -> None:
    kiosk_site = make_desk("kiosk1", hub.url, hub.token("kiosk1", "kiosk"), kiosk=True)
    assert kiosk_site.sync().reached  # the directory comes from the hub
    settings = kiosk_site.workspace.settings
    window = make_kiosk(kiosk_site.workspace.profile, settings.model_copy())
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS):
        pass  # the first background sync at start-up
    window.backend.workspace.settings.hub_url = DEAD_HUB  # the surgery's connection goes down

    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window)
    states: list[str] = []
    window.result_changed.connect(states.append)
    _send(qtbot, window)
    qtbot.waitUntil(lambda: window.result.state == ResultScreen.QUEUED, timeout=WAIT_MS)
    assert states[0] == ResultScreen.SENDING
    assert "not been sent yet" in window.result.message.text()
    assert "connection is back" in window.result.message.text()
    reference = window.result.reference_label.text()
    assert reference.startswith("SRX-")

    stored = _db(qtbot, window, lambda ws: Referrals(ws.engine, ws.vocabulary, "t").list_referrals())
    assert [r.reference for r in stored] == [reference]
    assert stored[0].kind == "self-referral" and not stored[0].synced
    assert stored[0].patient is not None and stored[0].patient.name == "Zebedee Quux"
    assert stored[0].patient.phone == "07700900461"
    assert "Please phone me" in (stored[0].reason or "") and "stairs are getting hard" in (stored[0].reason or "")

    window.backend.workspace.settings.hub_url = hub.url  # the connection is back
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS) as sync:
        window.sync_now()
    assert sync.args[0].reached
    qtbot.waitUntil(lambda: window.result.state == ResultScreen.SENT, timeout=WAIT_MS)
    assert "has been sent" in window.result.title.text()

    after = _db(qtbot, window, lambda ws: Referrals(ws.engine, ws.vocabulary, "t").list_referrals())
    assert after[0].synced and after[0].patient is None  # the kiosk keeps nothing once it is sent
    from socialrx_desk.sync.client import HubClient

    with HubClient(hub.url, hub.token("reader", "admin", practice=None)) as client:
        found = client.read("ServiceRequest", after[0].id)
    assert found.ok, found.reason


def test_online_request_says_sent(qtbot: QtBot, make_kiosk: KioskFactory, make_desk: DeskFactory, hub: Hub) -> None:
    kiosk_site = make_desk("kiosk2", hub.url, hub.token("kiosk2", "kiosk"), kiosk=True)
    kiosk_site.sync()
    window = make_kiosk(kiosk_site.workspace.profile, kiosk_site.workspace.settings.model_copy())
    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window)
    _send(qtbot, window)
    qtbot.waitUntil(lambda: window.result.state == ResultScreen.SENT, timeout=WAIT_MS)
    assert window.result.reference_label.text().startswith("SRX-")


def test_ask_the_desk_lands_in_the_desks_queue(
    qtbot: QtBot, make_kiosk: KioskFactory, make_desk: DeskFactory, hub: Hub
) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1", practice="P1"))
    kiosk_site = make_desk("kiosk3", hub.url, hub.token("kiosk3", "kiosk", practice="P1"), kiosk=True)
    kiosk_site.sync()
    window = make_kiosk(kiosk_site.workspace.profile, kiosk_site.workspace.settings.model_copy())
    open_service(qtbot, window, self_referral=False)
    assert not window.service.refer_button.isVisible()  # professional referral only: the desk books it
    service_id = window.current_service.id  # type: ignore[union-attr]
    qtbot.mouseClick(window.service.desk_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window, name="Bob Ask", other="")
    assert "desk team" in window.form.consent_what.text()
    _send(qtbot, window)
    qtbot.waitUntil(lambda: window.result.state == ResultScreen.SENT, timeout=WAIT_MS)
    assert "desk team will book" in window.result.next_steps.text()

    assert desk.sync().reached
    inbox = desk.referrals.list_referrals(attention_only=True)
    assert len(inbox) == 1
    request = inbox[0]
    assert request.kind == "ask-desk" and request.service_id == service_id
    assert request.reference == window.result.reference
    assert request.patient is not None and request.patient.name == "Bob Ask"


def test_gentle_hints_stop_bad_answers(qtbot: QtBot, kiosk: KioskWindow) -> None:
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    form = kiosk.form
    qtbot.mouseClick(form.steps["name"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "name" and "type your name" in form.steps["name"].problem.text()
    qtbot.keyClicks(form.name, "A")
    assert form.steps["name"].problem.text() == ""  # the hint goes as soon as they type
    qtbot.mouseClick(form.steps["name"].next_button, Qt.MouseButton.LeftButton)

    type_digits(qtbot, form.birth.keypad, "31022001")
    assert form.birth.readback.text() == ""
    qtbot.mouseClick(form.steps["birth"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "birth" and "does not exist" in form.steps["birth"].problem.text()
    for _ in range(8):
        qtbot.mouseClick(form.birth.keypad.delete, Qt.MouseButton.LeftButton)
    type_digits(qtbot, form.birth.keypad, "01022099")
    qtbot.mouseClick(form.steps["birth"].next_button, Qt.MouseButton.LeftButton)
    assert "future" in form.steps["birth"].problem.text()
    for _ in range(4):
        qtbot.mouseClick(form.birth.keypad.delete, Qt.MouseButton.LeftButton)
    type_digits(qtbot, form.birth.keypad, "1960")
    assert "1960" in form.birth.readback.text() and "February" in form.birth.readback.text()
    qtbot.mouseClick(form.steps["birth"].next_button, Qt.MouseButton.LeftButton)

    type_digits(qtbot, form.phone.keypad, "7")
    assert "starts with 0" in form.steps["phone"].problem.text()
    qtbot.mouseClick(form.phone.keypad.delete, Qt.MouseButton.LeftButton)
    type_digits(qtbot, form.phone.keypad, "01514")
    qtbot.mouseClick(form.steps["phone"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "phone" and "10 or 11 numbers" in form.steps["phone"].problem.text()
    type_digits(qtbot, form.phone.keypad, "960000")
    qtbot.mouseClick(form.steps["phone"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "help"


def test_back_walks_the_questions_and_leaves_the_form(qtbot: QtBot, kiosk: KioskWindow) -> None:
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, kiosk)
    for expected in ("help", "phone", "birth", "name"):
        qtbot.mouseClick(kiosk.back_button, Qt.MouseButton.LeftButton)
        assert kiosk.form.current() == expected
    assert kiosk.form.name.text() == "Zebedee Quux"  # going back keeps the answers
    qtbot.mouseClick(kiosk.back_button, Qt.MouseButton.LeftButton)
    assert kiosk.current_screen() == "service" and kiosk.form.name.text() == ""
    qtbot.mouseClick(kiosk.back_button, Qt.MouseButton.LeftButton)
    assert kiosk.current_screen() == "services"
    qtbot.mouseClick(kiosk.home_button, Qt.MouseButton.LeftButton)
    assert kiosk.current_screen() == "home" and not kiosk.home_button.isVisible()


def test_printed_slip_has_the_reference_and_no_personal_details(
    qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile, tmp_path: Path
) -> None:
    pdf = tmp_path / "slip.pdf"
    window = make_kiosk(demo_profile, printer_factory=pdf_printer(str(pdf)))
    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window)
    _send(qtbot, window)
    assert window.result.state == ResultScreen.QUEUED  # not enrolled: saved, and it says so
    assert window.result.print_button.isVisible()
    html_seen: list[str] = []
    from socialrx_desk.ui.kiosk import printing

    original = printing.slip_html
    printing.slip_html = lambda slip: html_seen.append(original(slip)) or html_seen[-1]  # type: ignore[assignment]
    try:
        qtbot.mouseClick(window.result.print_button, Qt.MouseButton.LeftButton)
    finally:
        printing.slip_html = original  # type: ignore[assignment]
    assert "printed" in window.result.print_status.text()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.result.reference in html_seen[0]
    for private in ("Zebedee", "Quux", "07700900461", "1951"):
        assert private not in html_seen[0]


def test_a_save_failure_is_said_on_screen_not_in_a_dialog(qtbot: QtBot, kiosk: KioskWindow) -> None:
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, kiosk)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    kiosk.backend.submit = broken  # type: ignore[method-assign]
    _send(qtbot, kiosk)
    assert kiosk.current_screen() == "result" and kiosk.result.state == ResultScreen.FAILED
    assert "nothing was sent" in kiosk.result.message.text()
    assert not kiosk.result.reference_panel.isVisible()
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog | QMessageBox) and w.isVisible()]
    qtbot.mouseClick(kiosk.result.retry_button, Qt.MouseButton.LeftButton)
    assert kiosk.form.current() == "consent" and kiosk.form.name.text() == "Zebedee Quux"
