"""Privacy: the idle wipe leaves nothing typed anywhere; only the staff PIN lets anyone leave the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from socialrx_desk.core.pin import hash_pin
from socialrx_desk.paths import Profile
from socialrx_desk.ui.kiosk.window import KioskWindow
from tests.ui.kiosk.conftest import WAIT_MS, KioskFactory, fill_form, open_service, visible_texts

SECRETS = ("Zebedee", "Quux", "07700900461", "14", "1951", "stairs are getting hard", "March")
PIN = "482916"


def _assert_nothing_survives(window: KioskWindow) -> None:
    texts = visible_texts(window)
    for secret in SECRETS:
        leaked = [text for text in texts if secret in text and not (secret == "14" and secret not in text.split())]
        assert not leaked, f"{secret!r} survived the wipe in {leaked}"
    for field in window.findChildren(QLineEdit):
        assert field.text() == "", field.objectName()
        assert not field.isUndoAvailable(), field.objectName()
    assert not window.form.birth.value()
    assert all(not option.isChecked() for option in window.form.options.values())
    clipboard = QGuiApplication.clipboard()
    assert clipboard is None or clipboard.text() == ""


def test_idle_warning_then_wipe_leaves_no_entered_text(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, idle_ms=1500, warning_ms=700)
    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window)
    window.set_language("pl")  # the next person must get the kiosk's own language back
    qtbot.mouseClick(window.text_button, Qt.MouseButton.LeftButton)
    assert window.mode.large_text
    qtbot.waitSignal(window.idle.warn, timeout=WAIT_MS).wait()
    assert window.idle_overlay.isVisible()
    assert window.idle_overlay.button.accessibleName()
    qtbot.waitSignal(window.wiped, timeout=WAIT_MS).wait()
    assert window.current_screen() == "home"
    assert not window.idle_overlay.isVisible()
    assert window.translations.current.code == "en"
    assert not window.mode.large_text and not window.text_button.isChecked()
    _assert_nothing_survives(window)


def test_idle_wipe_clears_the_reference_number(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, idle_ms=1500, warning_ms=500)
    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, window)
    with qtbot.waitSignal(window.result_changed, timeout=WAIT_MS):
        qtbot.mouseClick(window.form.yes, Qt.MouseButton.LeftButton)
    reference = window.result.reference
    assert reference.startswith("SRX-") and reference in visible_texts(window)
    qtbot.waitSignal(window.wiped, timeout=WAIT_MS).wait()
    assert not [text for text in visible_texts(window) if reference in text or reference[4:8] in text]
    _assert_nothing_survives(window)


def test_more_time_keeps_the_answers(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, idle_ms=1200, warning_ms=800)
    open_service(qtbot, window)
    qtbot.mouseClick(window.service.refer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.form.name, "Zebedee Quux")
    qtbot.waitSignal(window.idle.warn, timeout=WAIT_MS).wait()
    with qtbot.waitSignal(window.idle.resumed, timeout=WAIT_MS):
        qtbot.mouseClick(window.idle_overlay.button, Qt.MouseButton.LeftButton)
    assert not window.idle_overlay.isVisible()
    assert window.form.name.text() == "Zebedee Quux"
    assert window.current_screen() == "form"


def test_an_untouched_home_screen_shows_no_warning(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, idle_ms=600, warning_ms=300)
    qtbot.waitSignal(window.idle.warn, timeout=WAIT_MS).wait()
    assert not window.idle_overlay.isVisible()
    assert window.idle.active


def test_finish_clears_everything_at_once(qtbot: QtBot, kiosk: KioskWindow):
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.result_changed, timeout=WAIT_MS):
        qtbot.mouseClick(kiosk.form.yes, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(kiosk.wiped, timeout=WAIT_MS):
        qtbot.mouseClick(kiosk.result.finish_button, Qt.MouseButton.LeftButton)
    _assert_nothing_survives(kiosk)


def test_saying_no_sends_nothing_and_clears_the_form(qtbot: QtBot, kiosk: KioskWindow):
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, kiosk)
    qtbot.mouseClick(kiosk.form.no, Qt.MouseButton.LeftButton)  # handled at once: no signal to wait for
    assert kiosk.current_screen() == "service"
    assert "Nothing was sent" in kiosk.service.notice.text()
    _assert_nothing_survives(kiosk)
    from socialrx_desk.services.referrals import Referrals

    runner_result: list[int] = []
    kiosk.runner.run_db(
        lambda _c: len(
            Referrals(kiosk.backend.workspace.engine, kiosk.backend.workspace.vocabulary, "t").list_referrals()
        ),
        on_success=runner_result.append,
    )
    qtbot.waitUntil(lambda: bool(runner_result), timeout=WAIT_MS)
    assert runner_result == [0]


# --- leaving the kiosk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_shortcuts_do_not_close_the_kiosk(
    qtbot: QtBot, kiosk: KioskWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
):
    open_service(qtbot, kiosk)
    qtbot.mouseClick(kiosk.service.refer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(kiosk.form.name, "Ann")
    for target in (kiosk, kiosk.form.name):
        qtbot.keyClick(target, key, modifiers)
    assert kiosk.isVisible() and not kiosk.unlocked
    assert kiosk.form.name.text() == "Ann"  # nor did they act on the field (Escape, Ctrl+W)


def test_close_requests_are_refused(qtbot: QtBot, kiosk: KioskWindow):
    assert kiosk.close() is False
    assert kiosk.isVisible()
    kiosk.showMinimized()
    qtbot.wait(0)
    assert kiosk.isVisible()


def _open_pin_pad(qtbot: QtBot, window: KioskWindow) -> None:
    window.staff_corner.hold_ms = 300
    qtbot.mousePress(window.staff_corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.pin_pad.isVisible, timeout=WAIT_MS)
    qtbot.mouseRelease(window.staff_corner, Qt.MouseButton.LeftButton)


def _type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(window.pin_pad.keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_pad.unlock, Qt.MouseButton.LeftButton)


def test_a_short_tap_on_the_corner_does_nothing(qtbot: QtBot, kiosk: KioskWindow):
    kiosk.staff_corner.hold_ms = 300
    qtbot.mouseClick(kiosk.staff_corner, Qt.MouseButton.LeftButton)
    qtbot.wait(400)
    assert not kiosk.pin_pad.isVisible()


def test_wrong_pin_keeps_the_kiosk_and_right_pin_leaves(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, pin_hash=hash_pin(PIN, n=2**10))
    _open_pin_pad(qtbot, window)
    _type_pin(qtbot, window, "111222")
    qtbot.waitUntil(lambda: "not right" in window.pin_pad.problem.text(), timeout=WAIT_MS)
    assert window.isVisible() and not window.unlocked
    assert window.pin_pad.field.text() == ""
    with qtbot.waitSignal(window.unlocked_signal, timeout=WAIT_MS):
        _type_pin(qtbot, window, PIN)
    assert window.unlocked and not window.isVisible()


def test_cancel_closes_the_pin_pad(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, pin_hash=hash_pin(PIN, n=2**10))
    _open_pin_pad(qtbot, window)
    qtbot.mouseClick(window.pin_pad.keypad.keys["4"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_pad.cancel, Qt.MouseButton.LeftButton)
    assert not window.pin_pad.isVisible() and window.pin_pad.field.text() == ""


def test_too_many_wrong_pins_lock_the_pad(qtbot: QtBot, make_kiosk: KioskFactory, demo_profile: Profile):
    window = make_kiosk(demo_profile, pin_hash=hash_pin(PIN, n=2**10))
    _open_pin_pad(qtbot, window)
    for attempt in range(5):
        _type_pin(qtbot, window, f"90000{attempt}")
        qtbot.waitUntil(lambda: not window.pin_pad.busy, timeout=WAIT_MS)
    assert "Too many" in window.pin_pad.problem.text()
    _type_pin(qtbot, window, PIN)  # even the right PIN waits out the lockout
    qtbot.waitUntil(lambda: not window.pin_pad.busy, timeout=WAIT_MS)
    assert not window.unlocked and "Too many" in window.pin_pad.problem.text()


def test_without_a_pin_the_pad_says_how_to_set_one(qtbot: QtBot, kiosk: KioskWindow):
    _open_pin_pad(qtbot, kiosk)
    assert "kiosk set-pin" in kiosk.pin_pad.problem.text()
    _type_pin(qtbot, kiosk, "1234")
    assert not kiosk.unlocked
