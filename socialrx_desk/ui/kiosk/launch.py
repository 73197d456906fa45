"""Starting the kiosk: ``socialrx-desk --kiosk`` (with ``--demo``, ``--screenshot PNG``, ``--language CODE``).

The kiosk refuses to start for real without a staff PIN (``socialrx-desk kiosk set-pin``): a full-screen window
that nobody can leave is worse than one that does not open. ``--demo`` and ``--screenshot`` need none.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import Profile
from socialrx_desk.settings import Settings, load_settings
from socialrx_desk.ui.app_support import ScreenshotBase, quit_on_signals

log = logging.getLogger(__name__)
APP_NAME = "socialrx-desk"
SCREENSHOT_SIZE = QSize(*(int(v) for v in os.environ.get("SOCIALRX_KIOSK_SHOT_SIZE", "1280x800").split("x")))
SETTLE_MS = 250
IM_MODULE = "qtvirtualkeyboard"


def launch_kiosk(args: argparse.Namespace, profile: Profile) -> int:
    demo = bool(getattr(args, "demo", False))
    screenshot: str | None = getattr(args, "screenshot", None)
    demo_dir: Path | None = None
    if demo:
        # A throwaway profile: the demo never touches a real kiosk's directory or outbox.
        demo_dir = Path(tempfile.mkdtemp(prefix="socialrx-kiosk-demo-"))
        profile = Profile(demo_dir)
    try:
        return _run(profile, args, demo=demo, screenshot=screenshot)
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _staff_pin(profile: Profile, *, required: bool) -> tuple[str | None, str | None]:
    """(stored hash, problem). The problem is a sentence for stderr when the kiosk cannot start."""
    from socialrx_desk.core.pin import PIN_SECRET
    from socialrx_desk.secrets import SecretStoreError, get_secret

    try:
        stored = get_secret(profile.name, PIN_SECRET)
    except SecretStoreError as error:
        return None, f"the staff PIN cannot be read: {error}" if required else None
    if stored is None and required:
        return None, (
            "no staff PIN is set for this kiosk, so staff could not leave it: "
            "run 'socialrx-desk kiosk set-pin' first (or try it with --demo)"
        )
    return stored, None


def _use_virtual_keyboard() -> None:
    """Ask Qt for its on-screen keyboard, unless someone chose an input method or nothing can be shown."""
    if os.environ.get("QT_IM_MODULE") or os.environ.get("QT_QPA_PLATFORM", "") == "offscreen":
        return
    if QApplication.instance() is None:
        os.environ["QT_IM_MODULE"] = IM_MODULE


def _run(profile: Profile, args: argparse.Namespace, *, demo: bool, screenshot: str | None) -> int:
    profile.ensure()
    settings = load_settings(profile.settings_file) if not demo else Settings(mode="kiosk")
    pin_hash, problem = _staff_pin(profile, required=not demo and not screenshot)
    if problem:
        print(f"socialrx-desk: {problem}", file=sys.stderr)
        return 2
    _use_virtual_keyboard()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Social prescribing kiosk")
    app.setQuitOnLastWindowClosed(False)  # only an unlocked kiosk quits

    from socialrx_desk.ui.kiosk.backend import KioskBackend
    from socialrx_desk.ui.kiosk.i18n import Translations
    from socialrx_desk.ui.kiosk.window import KioskWindow
    from socialrx_desk.ui.tasks import TaskRunner

    runner = TaskRunner()
    backend = KioskBackend(profile)
    translations = Translations(app, build_dir=profile.root / "translations")
    window = KioskWindow(
        backend,
        runner,
        settings,
        translations,
        language=getattr(args, "language", None),
        pin_hash=pin_hash,
        demo=demo,
        full_screen=not screenshot,
    )
    window.unlocked_signal.connect(app.quit)
    driver: ScreenshotDriver | None = None
    if screenshot:
        driver = ScreenshotDriver(window, Path(screenshot), getattr(args, "kiosk_screen", None) or "home")

    def before_quit() -> None:
        # SIGTERM is an administrator's exit. Wipe first: nothing typed may outlive the kiosk, and the on-screen
        # keyboard must let go of the focused field while the event loop still runs (closing it afterwards
        # crashes Qt's virtual keyboard). Qt 6's quit() first asks every window to close; a locked kiosk refuses.
        window.wipe()
        window.unlocked = True

    quit_on_signals(app, before_quit)
    if demo:
        runner.run_db(backend.import_demo, on_success=lambda _none: window.start(), on_error=window._open_failed)
    else:
        window.start()
    if screenshot:
        window.resize(SCREENSHOT_SIZE)
        window.show()
    else:
        # Without a window manager (a bare X session, the usual kiosk set-up) "full screen" is only a wish that
        # nobody grants: cover the screen ourselves as well.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    if app.platformName() != "offscreen":
        window.raise_()
        window.activateWindow()
    try:
        code = app.exec()
    finally:
        window.unlocked = True
        window.close()
        if not runner.shutdown(last=backend.close):
            log.warning("the database lane did not stop in time; closing anyway")
    if driver is not None:
        code = driver.exit_code
    return code


class ScreenshotDriver(ScreenshotBase):
    """``--screenshot PATH``: wait for the kiosk to be ready, go to ``screen``, save a PNG, quit.

    ``screen`` (``args.kiosk_screen``, for the documentation's pictures) is one of: home, services, service,
    name, birth, phone, help, consent, result, idle, pin, languages.
    """

    def __init__(self, window: object, path: Path, screen: str) -> None:
        from socialrx_desk.ui.kiosk.window import KioskWindow

        assert isinstance(window, KioskWindow)
        super().__init__(window, path)
        self.kiosk = window
        self.screen = screen
        window.ready.connect(lambda _start: self._go())
        window.failed.connect(lambda _message: self._settle(failed=True))

    def _go(self) -> None:
        from datetime import date

        from socialrx_desk.ui.kiosk.referral import ResultScreen

        window = self.kiosk
        screen = self.screen
        window.idle.stop()  # a slow machine must not wipe the screen being photographed
        if screen == "home":
            self._settle()
            return
        if screen in ("idle", "pin", "languages"):
            window.open_tile("help_at_home")
            window.services_shown.connect(lambda _tile, _n: self._overlay(screen))
            return
        window.services_shown.connect(lambda _tile, _n: self._services_done())
        window.service_shown.connect(lambda _id: self._service_done())
        window.open_tile("help_at_home")
        self._form_steps = {
            "name": lambda: window.form.name.setText("Mary Jones"),
            "birth": lambda: window.form.birth.set_value(date(1948, 3, 9)),
            "phone": lambda: window.form.phone.set_value("07700900123"),
            "help": lambda: window.form.options["call"].setChecked(True),
        }
        self._result_state = ResultScreen.QUEUED

    def _overlay(self, screen: str) -> None:
        window = self.kiosk
        if screen == "idle":
            window.idle_overlay.set_seconds(12)
            window.idle_overlay.open()
        elif screen == "pin":
            window.open_pin_pad()
            window.pin_pad.field.setText("12")
        else:
            window._open_languages()
        self._settle()

    def _services_done(self) -> None:
        if self.screen == "services":
            self._settle()
            return
        cards = self.kiosk.services.cards
        if not cards:
            self._settle(failed=True)
            return
        chosen = next((c for c in cards if c.card.can_self_refer), cards[0])
        self.kiosk.open_service(chosen.card.id, from_tile=True)

    def _service_done(self) -> None:
        window = self.kiosk
        if self.screen == "service":
            self._settle()
            return
        window.start_form(ask_desk=not (window.current_service and window.current_service.can_self_refer))
        order = ["name", "birth", "phone", "help", "consent"]
        target = self.screen if self.screen in order else "consent"
        for step in order[: order.index(target)]:
            self._form_steps[step]()
            window.form._next(step)
        if target in self._form_steps:
            self._form_steps[target]()
        if self.screen == "result":
            window.result_changed.connect(lambda _state: self._settle())
            window.form._send()
            return
        self._settle()

    def _settle(self, failed: bool = False) -> None:
        QTimer.singleShot(SETTLE_MS, lambda: self._take(failed))
