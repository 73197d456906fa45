"""Knowing when the first window is really on screen, for the start-up benchmark.

With ``SOCIALRX_STARTUP_PROBE=window`` the desk prints ``socialrx-first-window <unix time>`` on stdout as soon as
its main window has been painted for the first time, and quits. With ``=ready`` it waits until the directory is
open and searchable, prints ``socialrx-ready <unix time>`` and quits. The benchmark compares these times with
the time it started the process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PROBE_ENV = "SOCIALRX_STARTUP_PROBE"
FIRST_WINDOW = "socialrx-first-window"
READY = "socialrx-ready"


def probe_mode() -> str:
    """'window', 'ready' or '' (not probing)."""
    mode = os.environ.get(PROBE_ENV, "").strip().lower()
    return mode if mode in ("window", "ready") else ""


def report(marker: str) -> None:
    print(f"{marker} {time.time():.6f}", flush=True)


class FirstPaint(QObject):
    """Calls ``callback`` once, on the next turn of the event loop after ``widget``'s first paint."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._fired = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._fired and watched is self._widget and event.type() == QEvent.Type.Paint:
            self._fired = True
            self._widget.removeEventFilter(self)
            # After this paint has been handled and flushed, not before.
            QTimer.singleShot(0, self._callback)
        return False
