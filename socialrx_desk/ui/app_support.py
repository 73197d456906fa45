"""What the desk and the kiosk launchers share: quitting on SIGTERM/Ctrl+C and ``--screenshot``."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

SCREENSHOT_TIMEOUT_MS = 60_000
SIGNAL_POLL_MS = 300


def quit_on_signals(app: QApplication, before_quit: Callable[[], None] | None = None) -> None:
    """SIGTERM from a service manager, or Ctrl+C in a terminal, ends the application through Qt (so windows
    close properly), after ``before_quit``."""

    def quit_app(_number: int, _frame: object) -> None:
        if before_quit is not None:
            before_quit()
        app.quit()

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, quit_app)
    # Python runs signal handlers only between bytecodes; a periodic no-op lets it do so while Qt waits.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(SIGNAL_POLL_MS)


class ScreenshotBase(QObject):
    """Saves ``window`` as a PNG once a subclass calls :meth:`_take` (or the time runs out), then ends the event
    loop with exit code 0 (saved) or 1."""

    def __init__(self, window: QWidget, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.exit_code = 1
        self._done = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._on_timeout)
        self._timeout.start(SCREENSHOT_TIMEOUT_MS)

    def _on_timeout(self) -> None:
        self._take(failed=True)

    def _take(self, failed: bool = False) -> None:
        if self._done:
            return
        self._done = True
        self._timeout.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.path), "PNG")
        if not saved:
            print(f"socialrx-desk: could not write the screenshot to {self.path}", file=sys.stderr)
        self.exit_code = 0 if saved and not failed else 1
        QApplication.exit(self.exit_code)
