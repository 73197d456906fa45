"""Starting the desk window: ``socialrx-desk`` with no command.

Start-up order matters for how quickly the receptionist sees a window: Qt and the window first, painted, and only
then the store (SQLAlchemy, migrations check, needs vocabulary) on the database lane. Nothing here imports the
service layer at module level.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import Profile
from socialrx_desk.ui import startup_probe
from socialrx_desk.ui.app_support import SCREENSHOT_TIMEOUT_MS, ScreenshotBase, quit_on_signals
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.style import apply_desk_style

if TYPE_CHECKING:
    from socialrx_desk.ui.models.rows import DirectoryState

log = logging.getLogger(__name__)
APP_NAME = "socialrx-desk"


def launch(args: argparse.Namespace, profile: Profile) -> int:
    if getattr(args, "kiosk", False):
        from socialrx_desk.ui.kiosk.launch import launch_kiosk

        return launch_kiosk(args, profile)
    demo = bool(getattr(args, "demo", False))
    screenshot: str | None = getattr(args, "screenshot", None)
    demo_dir: Path | None = None
    if demo:
        import tempfile

        # A throwaway profile: the demo never touches the receptionist's real directory.
        demo_dir = Path(tempfile.mkdtemp(prefix="socialrx-demo-"))
        profile = Profile(demo_dir)
    try:
        return _run(profile, demo=demo, screenshot=screenshot)
    finally:
        if demo_dir is not None:
            import shutil

            shutil.rmtree(demo_dir, ignore_errors=True)


def _run(profile: Profile, *, demo: bool, screenshot: str | None) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Social prescribing desk")
    apply_desk_style(app)

    # The window makes its store backend and task runner after its first paint (see DeskWindow.build).
    window = DeskWindow(profile=profile, demo=demo)
    probe = startup_probe.probe_mode()
    driver: ScreenshotDriver | None = None
    if screenshot:
        driver = ScreenshotDriver(window, Path(screenshot), demo=demo)

    def first_paint() -> None:
        if probe == "window":
            startup_probe.report(startup_probe.FIRST_WINDOW)
            app.quit()
            return
        window.start()

    def ready(_state: DirectoryState) -> None:
        startup_probe.report(startup_probe.READY)
        app.quit()

    if probe == "ready":
        window.directory_ready.connect(ready)
        window.directory_failed.connect(lambda _message: app.exit(1))
    quit_on_signals(app)
    startup_probe.FirstPaint(window, first_paint)
    window.show()
    if app.platformName() != "offscreen":  # which has no window stacking, and says so on stderr
        window.raise_()
        window.activateWindow()  # the receptionist can type at once, without clicking into the window
    try:
        code = app.exec()
    finally:
        window.close()
        if window.has_runner and not window.runner.shutdown(last=window.backend.close):
            log.warning("the database lane did not stop in time; closing anyway")
    if driver is not None:
        code = driver.exit_code
    return code


class ScreenshotDriver(ScreenshotBase):
    """``--screenshot PATH``: wait until the window shows something real, save it as PNG, quit.

    "Real" means the directory is open and, in demo mode, the sample query has been answered and the first
    result's details are on screen.
    """

    def __init__(self, window: DeskWindow, path: Path, *, demo: bool) -> None:
        super().__init__(window, path)
        self.desk = window
        self.demo = demo
        window.directory_ready.connect(self._on_ready)
        window.directory_failed.connect(lambda _message: self._take(failed=True))
        window.results_shown.connect(self._on_results)
        window.detail_shown.connect(lambda _service_id: self._settle())

    def _on_ready(self, state: DirectoryState) -> None:
        if state.services == 0 or not self.demo:
            self._settle()

    def _on_results(self, _request_id: int, rows: int) -> None:
        if rows == 0 and self.desk.state == "ready":
            self._settle()  # nothing to select, so no details will come

    def _on_timeout(self) -> None:
        log.warning("the window was not ready for a screenshot within %d s", SCREENSHOT_TIMEOUT_MS // 1000)
        super()._on_timeout()

    def _settle(self) -> None:
        # A moment for layouts and the last paint to catch up with the answer that just arrived.
        QTimer.singleShot(150, self._take)
