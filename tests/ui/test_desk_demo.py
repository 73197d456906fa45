"""``--demo``: the sample directory and a local hub with free slots, started after the window is up."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.ui.desk.backend import DeskBackend
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.tasks import TaskRunner

from .conftest import WAIT_MS

HUB_MS = 120_000


def test_demo_starts_a_hub_with_slots_and_stops_it(qtbot: QtBot, runner: TaskRunner, empty_profile: Profile) -> None:
    window = DeskWindow(DeskBackend(empty_profile), runner, demo=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.directory_ready, timeout=WAIT_MS):
        window.start()
    ready = qtbot.waitSignal(window.demo_hub_ready, timeout=HUB_MS)
    ready.wait()
    assert ready.args[0].slots > 0
    qtbot.waitUntil(lambda: window.sync.last is not None and window.sync.last.reached, timeout=HUB_MS)
    assert window.sync_status.text.startswith("Online")
    assert window.search_box.text() == "keeps falling on the stairs"
    qtbot.waitUntil(lambda: window.detail.view is not None and window.detail.view.bookable, timeout=HUB_MS)
    assert "Next free slots" in window.detail.text
    assert "Demo" in window.notice.text
    # The demo's waiting-room kiosk asked the desk to book for a patient: the inbox has work.
    qtbot.waitUntil(lambda: "attention" in window.tabs.tabText(1), timeout=HUB_MS)
    window.show_referrals(attention=True)
    page = window.referrals_page()
    qtbot.waitUntil(lambda: page.panel.view is not None, timeout=WAIT_MS)
    assert page.panel.view is not None and page.panel.view.kind == "ask-desk"
    assert "Maria Kowalska" in page.panel.details.text()
    hub = window.demo_hub
    assert hub is not None
    process = hub._process
    assert process is not None and process.poll() is None
    window.close()
    assert process.poll() is not None  # the hub went with the window
    runner.shutdown(timeout=10, last=window.backend.close)
