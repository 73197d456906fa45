"""Run in a child process under Xvfb: open the kiosk's name question, touch the name field and report whether
Qt's virtual keyboard came up (and, optionally, save a picture of the whole screen)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import Profile
from socialrx_desk.settings import Settings
from socialrx_desk.ui.kiosk.backend import KioskBackend
from socialrx_desk.ui.kiosk.i18n import Translations
from socialrx_desk.ui.kiosk.window import KioskWindow
from socialrx_desk.ui.tasks import TaskRunner

TIMEOUT_MS = 20_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshot")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    runner = TaskRunner()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-vkb-"))
    backend = KioskBackend(Profile(folder))
    window = KioskWindow(
        backend, runner, Settings(mode="kiosk"), Translations(app), language=args.language, full_screen=False
    )
    screen = QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    result: dict[str, object] = {"platform": app.platformName()}
    clock = QElapsedTimer()

    def finish(code: int) -> None:
        print(json.dumps(result), flush=True)
        window.wipe()  # as the kiosk does before it quits: focus and the keyboard panel let go first
        app.exit(code)

    def poll() -> None:
        method = QGuiApplication.inputMethod()
        if method.isVisible() and method.keyboardRectangle().height() > 0:
            QTimer.singleShot(500, report)  # the panel slides in: let it settle before the picture
        elif clock.elapsed() > TIMEOUT_MS:
            result["visible"] = False
            finish(1)
        else:
            QTimer.singleShot(100, poll)

    def report() -> None:
        method = QGuiApplication.inputMethod()
        rect = method.keyboardRectangle()
        result.update(
            visible=method.isVisible(),
            keyboard=[rect.x(), rect.y(), rect.width(), rect.height()],
            screen=[screen.geometry().width(), screen.geometry().height()],
            focus=QApplication.focusWidget().objectName() if QApplication.focusWidget() else None,
            bottom_margin=window.body_layout.contentsMargins().bottom(),
        )
        if args.screenshot:
            result["saved"] = screen.grabWindow(0).save(args.screenshot, "PNG")
        QTest.keyClicks(window.form.name, "Ann")  # typing still reaches the field while the panel is up
        result["typed"] = window.form.name.text()
        finish(0)

    def opened(_start: object) -> None:
        window.open_tile("help_at_home")

    def cards(_tile: str, _count: int) -> None:
        chosen = next(c for c in window.services.cards if c.card.can_self_refer)
        window.open_service(chosen.card.id, from_tile=True)

    def service(_service_id: str) -> None:
        window.start_form(ask_desk=False)
        window.activateWindow()
        QTimer.singleShot(300, touch)

    def touch() -> None:
        QTest.mouseClick(window.form.name, Qt.MouseButton.LeftButton)
        clock.start()
        poll()

    window.ready.connect(opened)
    window.services_shown.connect(cards)
    window.service_shown.connect(service)
    window.show()
    runner.run_db(backend.import_demo, on_success=lambda _none: window.start())
    QTimer.singleShot(TIMEOUT_MS * 2, lambda: finish(2))
    code = app.exec()
    window.unlocked = True
    window.close()
    runner.shutdown(last=backend.close)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
