"""Noticing that nobody is using the kiosk: any touch, click or key anywhere in the application counts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,  # the on-screen keyboard typing
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """``warn`` after ``idle_ms - warning_ms`` without activity, then ``expired`` at ``idle_ms``.

    Install with ``app.installEventFilter(watcher)``. Activity while warning emits ``resumed``. ``paused``
    stops the clock (nothing on screen to protect).
    """

    warn = Signal(int)  # seconds left
    tick = Signal(int)  # seconds left, every second while warning
    expired = Signal()
    resumed = Signal()

    def __init__(self, idle_ms: int, warning_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = idle_ms
        self.warning_ms = min(warning_ms, idle_ms)
        self.warning = False
        self.active = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._start_warning)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._expire)
        self._left = 0

    def start(self) -> None:
        self.active = True
        self.poke()

    def stop(self) -> None:
        self.active = False
        self.warning = False
        self._quiet.stop()
        self._countdown.stop()
        self._deadline.stop()

    def poke(self) -> None:
        if not self.active:
            return
        was_warning = self.warning
        self.warning = False
        self._countdown.stop()
        self._deadline.stop()
        self._quiet.start(max(0, self.idle_ms - self.warning_ms))
        if was_warning:
            self.resumed.emit()

    def seconds_left(self) -> int:
        return self._left

    def _start_warning(self) -> None:
        self.warning = True
        self._left = max(1, round(self.warning_ms / 1000))
        self._deadline.start(self.warning_ms)
        self._countdown.start()
        self.warn.emit(self._left)

    def _tick(self) -> None:
        self._left = max(0, self._left - 1)
        self.tick.emit(self._left)

    def _expire(self) -> None:
        self.warning = False
        self._countdown.stop()
        self.active = False
        self.expired.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in ACTIVITY:
            self.poke()
        return False
