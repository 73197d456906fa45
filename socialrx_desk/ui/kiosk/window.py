"""The kiosk window: header (Home, Back, language, text size, contrast, speech), the screens, the overlays,
the idle wipe, staff exit with a PIN, and the background sync.

Privacy rules enforced here:
* after ``idle_ms`` without a touch (a warning first), everything typed is wiped and the kiosk goes home in its
  default language and look (:meth:`KioskWindow.wipe`);
* there is no screen that lists or searches patients; the only personal data ever on screen is the current
  person's own answers and reference number, cleared when they finish;
* the window cannot be closed, minimised away or quit from the keyboard unless staff unlocked it with the PIN;
* nothing opens a dialog: problems are said in the screen itself.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollBar, QStackedWidget, QVBoxLayout, QWidget

from socialrx_desk.core.pin import PinFormatError, hash_pin, verify_pin
from socialrx_desk.settings import Settings
from socialrx_desk.ui.errors import plain_message
from socialrx_desk.ui.kiosk import theme
from socialrx_desk.ui.kiosk.backend import KioskBackend, KioskStart, ServiceCard, ServicePage, Submitted, SyncOutcome
from socialrx_desk.ui.kiosk.i18n import Translations
from socialrx_desk.ui.kiosk.idle import IdleWatcher
from socialrx_desk.ui.kiosk.overlays import IdleWarning, LanguagePicker, PinPad
from socialrx_desk.ui.kiosk.printing import PrinterFactory, Slip, can_print, print_slip, system_printer
from socialrx_desk.ui.kiosk.referral import FormAnswers, ReferralFlow, ResultScreen
from socialrx_desk.ui.kiosk.screens import HomeScreen, Screen, ServiceScreen, ServicesScreen, tile_label
from socialrx_desk.ui.kiosk.speech import Speaker
from socialrx_desk.ui.kiosk.widgets import BigButton, IconLabel, Label, Panel, ScrollPage, repolish, scroll_page
from socialrx_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DEMO_PIN = "1234"
STAFF_HOLD_MS = 3000
STAFF_CORNER = 96
MAX_PIN_TRIES = 5
PIN_LOCKOUT_S = 60.0
# How long "sending now" may show before the screen says honestly that it will be sent later.
SEND_WAIT_MS = 8000
BLOCKED_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_F4,
        Qt.Key.Key_F11,
        Qt.Key.Key_Close,
        Qt.Key.Key_Exit,
        Qt.Key.Key_Cancel,
        Qt.Key.Key_Menu,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Meta,
    }
)
BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Cancel,
    QKeySequence.StandardKey.FullScreen,
    QKeySequence.StandardKey.Print,
    QKeySequence.StandardKey.Open,
    QKeySequence.StandardKey.Save,
    QKeySequence.StandardKey.New,
)
CTRL_LETTERS = frozenset({Qt.Key.Key_W, Qt.Key.Key_Q, Qt.Key.Key_N, Qt.Key.Key_T, Qt.Key.Key_P, Qt.Key.Key_O})


def is_blocked_key(event: QKeyEvent) -> bool:
    """Keys that close, hide or leave the kiosk in any desktop: swallowed before any widget sees them."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in BLOCKED_KEYS:
        return True
    if modifiers & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Space):
        return True
    if modifiers & Qt.KeyboardModifier.ControlModifier and key in CTRL_LETTERS:
        return True
    return any(event.matches(sequence) for sequence in BLOCKED_SEQUENCES)


class KeyGuard(QObject):
    """Application-wide filter: a blocked key never reaches a widget or a shortcut."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.window.unlocked:
            return False
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if is_blocked_key(event):
                event.accept()
                return True
        return False


class StaffCorner(QWidget):
    """The hidden way out for staff: hold a finger on the top corner for three seconds."""

    held = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff-corner")
        self.setFixedSize(STAFF_CORNER, STAFF_CORNER)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.held.emit)
        self.hold_ms = STAFF_HOLD_MS

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start(self.hold_ms)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.rect().contains(event.position().toPoint()):
            self._timer.stop()
        event.accept()


class UnavailableScreen(Screen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page, _outer = scroll_page(self)
        self.title = Label("", role="title")
        self.message = Label("", role="lead")
        page.column.addWidget(self.title)
        page.column.addWidget(self.message)
        page.column.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.set_text(self.tr("Sorry, this screen is not working right now."))
        self.message.set_text(self.tr("Please ask at the desk. They can help you in the same way."))

    def heading(self) -> str:
        return self.title.text()


class KioskWindow(QWidget):
    ready = Signal(object)  # KioskStart
    failed = Signal(str)
    screen_changed = Signal(str)
    services_shown = Signal(str, int)  # tile, how many cards
    service_shown = Signal(str)
    result_changed = Signal(str)  # ResultScreen state
    synced = Signal(object)  # SyncOutcome
    unlocked_signal = Signal()
    wiped = Signal()

    def __init__(
        self,
        backend: KioskBackend,
        runner: TaskRunner,
        settings: Settings,
        translations: Translations,
        *,
        language: str | None = None,
        pin_hash: str | None = None,
        demo: bool = False,
        idle_ms: int | None = None,
        warning_ms: int | None = None,
        printer_factory: PrinterFactory | None = system_printer,
        full_screen: bool = True,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.runner = runner
        self.settings = settings
        self.translations = translations
        self.demo = demo
        self.full_screen = full_screen
        self.default_language = language or settings.language or "en"
        self.default_mode = theme.Mode(settings.large_text, settings.high_contrast)
        self.mode = self.default_mode
        self.unlocked = False
        self.started: KioskStart | None = None
        self.tiles: dict[str, tuple[str, ...]] = {}
        self.current_tile = ""
        self.current_service: ServicePage | None = None
        self.came_from_tile = False
        self.pending: Submitted | None = None
        self.printer_factory = printer_factory
        self._pin_hash = pin_hash
        if pin_hash is None and demo:
            self._pin_hash = hash_pin(DEMO_PIN, n=2**10)
        self._pin_failures = 0
        self._pin_locked_until = 0.0
        self._submitting = False
        self.setObjectName("kiosk")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("role", "kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Social prescribing kiosk")
        flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
        if full_screen:
            flags |= Qt.WindowType.WindowStaysOnTopHint
        self.setWindowFlags(flags)

        self.speaker = speaker or Speaker(self)
        self._build()
        self.idle = IdleWatcher(
            idle_ms if idle_ms is not None else settings.kiosk_idle_seconds * 1000,
            warning_ms if warning_ms is not None else settings.kiosk_warning_seconds * 1000,
            self,
        )
        self.idle.warn.connect(self._idle_warn)
        self.idle.tick.connect(self.idle_overlay.set_seconds)
        self.idle.resumed.connect(self.idle_overlay.hide)
        self.idle.expired.connect(self.wipe)
        self.key_guard = KeyGuard(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.key_guard)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(max(5, settings.sync_interval_seconds) * 1000)
        self.sync_timer.timeout.connect(self.sync_now)
        self._send_wait = QTimer(self)
        self._send_wait.setSingleShot(True)
        self._send_wait.timeout.connect(self._send_wait_over)
        QGuiApplication.inputMethod().keyboardRectangleChanged.connect(self._keyboard_moved)
        QGuiApplication.inputMethod().visibleChanged.connect(self._keyboard_moved)
        self.set_language(self.default_language, speak=False)
        self._sync_toggles()  # a kiosk set up for large text or high contrast shows those toggles pressed
        self._recolour_icons()

    # --- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = Panel("header")
        bar = QHBoxLayout(self.header)
        bar.setContentsMargins(STAFF_CORNER // 2, 10, 20, 10)
        bar.setSpacing(12)
        self.home_button = BigButton("", role="header", icon="home", icon_size=36)
        self.back_button = BigButton("", role="header", icon="back", icon_size=36)
        self.language_button = BigButton("", role="header", icon="language", icon_size=36)
        self.text_button = BigButton("", role="header", icon="text-size", icon_size=36)
        self.contrast_button = BigButton("", role="header", icon="contrast", icon_size=36)
        self.speech_button = BigButton("", role="header", icon="speaker", icon_size=36)
        for name, button in (
            ("home", self.home_button),
            ("back", self.back_button),
            ("language", self.language_button),
            ("large-text", self.text_button),
            ("high-contrast", self.contrast_button),
            ("speech", self.speech_button),
        ):
            button.setObjectName(name)
        for toggle in (self.text_button, self.contrast_button, self.speech_button):
            toggle.setCheckable(True)
        bar.addWidget(self.home_button)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.language_button)
        bar.addWidget(self.text_button)
        bar.addWidget(self.contrast_button)
        bar.addWidget(self.speech_button)
        self.speech_button.setVisible(self.speaker.available)
        outer.addWidget(self.header)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.body_layout.addWidget(self.stack)
        outer.addWidget(self.body, 1)

        self.home = HomeScreen()
        self.services = ServicesScreen()
        self.service = ServiceScreen()
        self.form = ReferralFlow()
        self.result = ResultScreen()
        self.unavailable = UnavailableScreen()
        self.screens: dict[str, Screen] = {
            "home": self.home,
            "services": self.services,
            "service": self.service,
            "form": self.form,
            "result": self.result,
            "unavailable": self.unavailable,
        }
        for name, screen in self.screens.items():
            screen.setObjectName(f"screen-{name}")
            self.stack.addWidget(screen)

        self.idle_overlay = IdleWarning(self)
        self.pin_pad = PinPad(self)
        self.language_picker = LanguagePicker(self)
        self.staff_corner = StaffCorner(self)
        self.staff_corner.move(0, 0)
        self.staff_corner.raise_()

        self.home_button.clicked.connect(self.go_home)
        self.back_button.clicked.connect(self.go_back)
        self.language_button.clicked.connect(self._open_languages)
        self.text_button.toggled.connect(lambda on: self.set_mode(theme.Mode(on, self.mode.high_contrast)))
        self.contrast_button.toggled.connect(lambda on: self.set_mode(theme.Mode(self.mode.large_text, on)))
        self.speech_button.toggled.connect(self._speech_toggled)
        self.home.tile_chosen.connect(self.open_tile)
        self.services.service_chosen.connect(lambda service_id: self.open_service(service_id, from_tile=True))
        self.service.self_refer.connect(lambda service_id: self.start_form(ask_desk=False))
        self.service.ask_desk.connect(lambda service_id: self.start_form(ask_desk=True))
        self.form.submit.connect(self._submit)
        self.form.declined.connect(self._declined)
        self.result.finish.connect(self.wipe)
        self.result.retry.connect(self._retry)
        self.result.print_slip.connect(self._print)
        self.idle_overlay.more_time.connect(self._more_time)
        self.pin_pad.entered.connect(self._check_pin)
        self.language_picker.chosen.connect(self._language_chosen)
        self.staff_corner.held.connect(self.open_pin_pad)

    # --- start and stop ---------------------------------------------------------------------------------------

    def start(self) -> None:
        self.runner.run_db(self.backend.open, on_success=self._opened, on_error=self._open_failed, description="open")

    def _opened(self, start: KioskStart) -> None:
        self.started = start
        self.tiles = dict(start.tiles)
        self.home.set_tiles(list(self.tiles))
        self._recolour_icons()
        self.show_screen("home")
        self.idle.start()
        if self.settings.hub_url:
            self.sync_timer.start()
            self.sync_now()
        self.ready.emit(start)

    def _open_failed(self, error: BaseException) -> None:
        message = plain_message(error)
        log.error("the kiosk could not open its directory: %s", message)
        self.show_screen("unavailable")
        self.idle.start()
        self.failed.emit(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.unlocked:
            event.ignore()
            return
        self.idle.stop()
        self.sync_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.key_guard)
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.full_screen
            and not self.unlocked
            and self.windowState() & Qt.WindowState.WindowMinimized
        ):
            QTimer.singleShot(0, self.showFullScreen)  # a window manager minimised it: bring it straight back

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        for overlay in (self.idle_overlay, self.pin_pad, self.language_picker):
            overlay.setGeometry(self.rect())
        self._place_staff_corner()

    def _place_staff_corner(self) -> None:
        self.staff_corner.move(0, 0)
        self.staff_corner.raise_()

    # --- navigation -------------------------------------------------------------------------------------------

    def current_screen(self) -> str:
        widget = self.stack.currentWidget()
        return next((name for name, screen in self.screens.items() if screen is widget), "home")

    def show_screen(self, name: str) -> None:
        self.stack.setCurrentWidget(self.screens[name])
        if name != "form":
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # no focus ring left on a button just touched
        at_home = name in ("home", "unavailable")
        self.home_button.setVisible(not at_home)
        self.back_button.setVisible(not at_home)
        self.screen_changed.emit(name)
        self.speaker.say(self.screens[name].heading())

    def go_home(self) -> None:
        if self.current_screen() in ("form", "result"):
            # Leaving the form or the result by Home is the same as finishing: nothing typed survives.
            self.wipe(keep_look=True)
            return
        self.services.clear()
        self.service.clear()
        self.show_screen("home")

    def go_back(self) -> None:
        screen = self.current_screen()
        if screen == "form":
            if not self.form.back():
                self.form.clear()
                self.show_screen("service")
        elif screen == "result":
            self.wipe(keep_look=True)
        elif screen == "service" and self.came_from_tile and self.current_tile:
            self.show_screen("services")
        else:
            self.go_home()
        self.speaker.say(self.screens[self.current_screen()].heading())

    def open_tile(self, tile: str) -> None:
        needs = self.tiles.get(tile, ())
        self.current_tile = tile
        self.services.show_loading(tile)
        self.show_screen("services")
        self.runner.run_db(
            lambda context: self.backend.services_for(needs, context),
            key="browse",
            on_success=lambda cards: self._cards(tile, cards),
            on_error=lambda error: self._browse_failed(error),
            description="services for tile",
        )

    def _cards(self, tile: str, cards: tuple[ServiceCard, ...]) -> None:
        self.services.show_cards(tile, cards)
        self._recolour_icons()
        self.services_shown.emit(tile, len(cards))

    def _browse_failed(self, error: BaseException) -> None:
        log.warning("browsing failed: %s", plain_message(error))
        self.services.clear()
        self.services.lead.set_text(self.tr("Sorry, this did not load. Please try again, or ask at the desk."))

    def open_service(self, service_id: str, *, from_tile: bool, notice: str = "") -> None:
        self.came_from_tile = from_tile
        self.runner.run_db(
            lambda context: self.backend.service_page(service_id, context),
            key="service",
            on_success=lambda page: self._service(page, notice),
            on_error=lambda error: self._browse_failed(error),
            description="service page",
        )

    def _service(self, page: ServicePage | None, notice: str = "") -> None:
        self.current_service = page
        self.service.show_service(page, notice)
        self._recolour_icons()
        self.show_screen("service")
        self.service_shown.emit(page.id if page else "")

    def start_form(self, *, ask_desk: bool) -> None:
        page = self.current_service
        if page is None or (not ask_desk and not page.can_self_refer):
            return
        self.form.start(page.id, page.name, ask_desk=ask_desk)
        self._recolour_icons()
        self.show_screen("form")

    # --- sending ----------------------------------------------------------------------------------------------

    def _submit(self, answers: FormAnswers) -> None:
        if self._submitting:
            return  # a second tap while the first is being saved must not send the request twice
        self._submitting = True
        self.runner.run_db(
            lambda context: self.backend.submit(
                answers.service_id, answers.entry, answers.reason, ask_desk=answers.ask_desk, context=context
            ),
            on_success=self._submitted,
            on_error=self._submit_failed,
            description="self-referral",
        )

    def _submitted(self, done: Submitted) -> None:
        self._submitting = False
        self.form.clear()  # saved: the answers are in the store now, not on screen
        self.pending = done
        self.result.can_print = can_print(self.printer_factory)
        if done.synced:
            state = ResultScreen.SENT
        elif self.settings.hub_url:
            state = ResultScreen.SENDING
        else:
            state = ResultScreen.QUEUED
        self.result.show_outcome(
            state,
            reference=done.reference,
            service_name=done.service_name,
            ask_desk=done.ask_desk,
            referral_id=done.referral_id,
        )
        self._recolour_icons()
        self.show_screen("result")
        self.result_changed.emit(state)
        if state == ResultScreen.SENDING:
            self._send_wait.start(SEND_WAIT_MS)
            self.sync_now()

    def _submit_failed(self, error: BaseException) -> None:
        from socialrx_desk.core.patients import PatientValidationError

        self._submitting = False
        if isinstance(error, PatientValidationError):
            self.form.show_problems(error.problems)
            return
        log.warning("a self-referral could not be saved: %s", error)
        # The answers stay in the form, so "Try again" needs no retyping; the wipe still clears them.
        self.result.show_outcome(ResultScreen.FAILED)
        self._recolour_icons()
        self.show_screen("result")
        self.result_changed.emit(ResultScreen.FAILED)

    def _retry(self) -> None:
        self.form.show_step("consent")
        self.show_screen("form")

    def _declined(self) -> None:
        page = self.current_service
        self.service.show_service(page, self.tr("Nothing was sent. What you typed has been cleared."))
        self.show_screen("service")

    def _send_wait_over(self) -> None:
        if self.result.state == ResultScreen.SENDING:
            self.result.set_state(ResultScreen.QUEUED)
            self.result_changed.emit(ResultScreen.QUEUED)

    def sync_now(self) -> None:
        if not self.settings.hub_url or self.runner.pending("sync"):
            return
        self.runner.run_network(
            self.backend.sync, key="sync", on_success=self._synced, on_error=self._sync_failed, description="sync"
        )

    def _synced(self, outcome: SyncOutcome) -> None:
        if outcome.directory_changed:
            self.runner.run_db(self.backend.directory_changed, description="directory changed")
        pending = self.pending
        if pending is not None and self.result.referral_id == pending.referral_id:
            self.runner.run_db(
                lambda context: self.backend.is_synced(pending.referral_id, context),
                on_success=lambda sent: self._sent_check(pending.referral_id, bool(sent), outcome.reached),
                description="sent?",
            )
        self.synced.emit(outcome)

    def _sync_failed(self, error: BaseException) -> None:
        log.info("kiosk sync failed: %s", error)
        self._sent_check(self.pending.referral_id if self.pending else "", False, False)
        self.synced.emit(SyncOutcome(reached=False, enrolled=True, directory_changed=False, error=str(error)))

    def _sent_check(self, referral_id: str, sent: bool, reached: bool) -> None:
        if not referral_id or self.result.referral_id != referral_id:
            return  # the person has finished; nothing to update on screen
        if sent and self.result.state in (ResultScreen.SENDING, ResultScreen.QUEUED):
            self._send_wait.stop()
            self.result.set_state(ResultScreen.SENT)
            self.result_changed.emit(ResultScreen.SENT)
        elif not sent and self.result.state == ResultScreen.SENDING:
            self._send_wait.stop()
            self.result.set_state(ResultScreen.QUEUED)
            self.result_changed.emit(ResultScreen.QUEUED)

    def _print(self) -> None:
        pending = self.pending
        if pending is None or self.printer_factory is None:
            return
        printer = self.printer_factory()
        if printer is None:
            self.result.set_print_state("failed")
            return
        slip = Slip(
            reference=pending.reference,
            service_name=pending.service_name,
            ask_desk=pending.ask_desk,
            sent=self.result.state == ResultScreen.SENT,
            rtl=self.translations.current.rtl,
            moment=datetime.now(),
        )
        self.result.set_print_state("printed" if print_slip(printer, slip) else "failed")

    # --- privacy ----------------------------------------------------------------------------------------------

    def pristine(self) -> bool:
        """Nothing on screen that belongs to anyone: the home screen in the default language and look."""
        return (
            self.current_screen() in ("home", "unavailable")
            and self.translations.current.code == self.default_language
            and self.mode == self.default_mode
            and not any(o.isVisible() for o in (self.pin_pad, self.language_picker))
        )

    def _idle_warn(self, seconds: int) -> None:
        if self.pristine():
            self.idle.poke()
            return
        self.idle_overlay.set_seconds(seconds)
        self.idle_overlay.open()
        self.speaker.say(self.idle_overlay.title.text() + " " + self.idle_overlay.button.text_shown())

    def _more_time(self) -> None:
        self.idle_overlay.hide()
        self.idle.poke()

    def wipe(self, keep_look: bool = False) -> None:
        """Forget everything the last person entered or saw, and go home. ``keep_look``: the same person
        finished, so their language and text size stay; the idle timeout resets those too."""
        self._send_wait.stop()
        self.pending = None
        self.form.clear()
        self.result.clear()
        self.service.clear()
        self.services.clear()
        self.current_service = None
        self.current_tile = ""
        self.pin_pad.reset()
        for overlay in (self.idle_overlay, self.pin_pad, self.language_picker):
            overlay.hide()
        method = QGuiApplication.inputMethod()
        method.reset()
        method.hide()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.speaker.stop()
        if not keep_look:
            self.set_mode(self.default_mode)
            self.set_language(self.default_language, speak=False)
        self.show_screen("home" if self.started is not None else "unavailable")
        self.home.page.to_top()
        self.idle.start()
        self.wiped.emit()

    # --- staff exit -------------------------------------------------------------------------------------------

    def open_pin_pad(self) -> None:
        self.language_picker.hide()
        self.pin_pad.open()
        if self.demo:
            self.pin_pad.message.set_text(
                self.pin_pad.message.text() + " " + self.tr("Demo: the PIN is %1.").replace("%1", DEMO_PIN)
            )
        if self._pin_hash is None:
            self.pin_pad.say(self.tr("No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin"))

    def _check_pin(self, pin: str) -> None:
        stored = self._pin_hash
        if stored is None:
            self.pin_pad.say(self.tr("No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin"))
            return
        if time.monotonic() < self._pin_locked_until:
            self.pin_pad.say(self.tr("Too many wrong tries. Please wait a minute and try again."))
            return

        def check(_context: object) -> bool:
            try:
                return verify_pin(pin, stored)
            except PinFormatError:
                log.error("the stored staff PIN is damaged: set it again with 'socialrx-desk kiosk set-pin'")
                return False

        self.runner.run_network(check, key="pin", on_success=self._pin_checked, description="PIN check")

    def _pin_checked(self, ok: bool) -> None:
        if ok:
            self._pin_failures = 0
            self.unlock()
            return
        self._pin_failures += 1
        if self._pin_failures >= MAX_PIN_TRIES:
            self._pin_failures = 0
            self._pin_locked_until = time.monotonic() + PIN_LOCKOUT_S
            self.pin_pad.say(self.tr("Too many wrong tries. Please wait a minute and try again."))
        else:
            self.pin_pad.say(self.tr("That PIN is not right. Please try again."))

    def unlock(self) -> None:
        """Staff proved the PIN: wipe, then let the window close and the application quit."""
        self.wipe()
        self.unlocked = True
        self.unlocked_signal.emit()
        self.close()

    # --- language and look ------------------------------------------------------------------------------------

    def _open_languages(self) -> None:
        self.language_picker.mark_current(self.translations.current.code)
        self.language_picker.open()
        self._recolour_icons()

    def _language_chosen(self, code: str) -> None:
        self.language_picker.hide()
        self.set_language(code)

    def set_language(self, code: str, speak: bool = True) -> None:
        chosen = self.translations.switch(code)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, self.mode, chosen.code, chosen.rtl)
        self.retranslate()
        self.home.relayout()
        self._recolour_icons()
        for label in self.findChildren(IconLabel):
            label.repaint_icon()  # arrows turn round with the reading direction
        if speak:
            self.speaker.say(self.screens[self.current_screen()].heading())

    def set_mode(self, mode: theme.Mode) -> None:
        changed = mode != self.mode
        self.mode = mode
        if changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.apply(app, mode, self.translations.current.code, self.translations.current.rtl)
            self.home.relayout()
        self._sync_toggles()
        self._recolour_icons()

    def _sync_toggles(self) -> None:
        for button, on in ((self.text_button, self.mode.large_text), (self.contrast_button, self.mode.high_contrast)):
            if button.isChecked() != on:
                button.blockSignals(True)
                button.setChecked(on)
                button.blockSignals(False)
                repolish(button)  # the blocked signal would have re-polished it
        self._describe_toggles()

    def _speech_toggled(self, on: bool) -> None:
        self.speaker.enabled = on
        self._describe_toggles()
        if on:
            self.speaker.say(self.screens[self.current_screen()].heading())

    def _describe_toggles(self) -> None:
        for button in (self.text_button, self.contrast_button, self.speech_button):
            button.setAccessibleDescription(self.tr("On") if button.isChecked() else self.tr("Off"))

    def _recolour_icons(self) -> None:
        colours = self.mode.colours
        for label in self.findChildren(IconLabel):
            owner = label.parentWidget()
            role = owner.property("role") if owner is not None else None
            on_accent = role in ("primary",) or (
                isinstance(owner, BigButton) and owner.isCheckable() and owner.isChecked() and role != "option"
            )
            label.set_colour(colours.on_accent if on_accent else colours.icon)

    def retranslate(self) -> None:
        self.home_button.set_text(self.tr("Home"))
        self.back_button.set_text(self.tr("Back"))
        self.language_button.set_text(self.tr("Language"), self.translations.current.native)
        self.text_button.set_text(self.tr("Bigger text"))
        self.contrast_button.set_text(self.tr("High contrast"))
        self.speech_button.set_text(self.tr("Read aloud"))
        self._describe_toggles()
        self.staff_corner.setAccessibleName(self.tr("Staff only: hold for three seconds"))
        for screen in self.screens.values():
            screen.retranslate()
        for overlay in (self.idle_overlay, self.pin_pad, self.language_picker):
            overlay.retranslate()
        for bar in self.findChildren(QScrollBar):
            bar.setAccessibleName(self.tr("Scroll up or down"))
        self.services.title.set_text(tile_label(self.current_tile) if self.current_tile else "")

    # --- the on-screen keyboard -------------------------------------------------------------------------------

    def _keyboard_moved(self, *_args: object) -> None:
        method = QGuiApplication.inputMethod()
        rect: QRectF = method.keyboardRectangle()
        height = int(rect.height()) if method.isVisible() else 0
        self.body_layout.setContentsMargins(0, 0, 0, height)
        if height:
            QTimer.singleShot(0, self._reveal_focus)

    def _reveal_focus(self) -> None:
        """Scroll the field being typed into above the keyboard panel."""
        focused = QApplication.focusWidget()
        parent = focused.parentWidget() if focused is not None else None
        while parent is not None and not isinstance(parent, ScrollPage):
            parent = parent.parentWidget()
        if isinstance(parent, ScrollPage) and focused is not None:
            parent.ensureWidgetVisible(focused, 0, 24)
