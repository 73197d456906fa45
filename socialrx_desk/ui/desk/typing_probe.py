"""Typing into the real desk window, keystroke by keystroke, timing each search from debounce to paint.

The Qt half of ``python -m socialrx_desk.bench desk-typing`` (only ``ui`` imports Qt).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import Profile
from socialrx_desk.ui.desk.backend import DeskBackend
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.style import apply_desk_style
from socialrx_desk.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class Typing:
    debounce_ms: int
    key_gap_ms: tuple[int, int]
    pause_gap_ms: tuple[int, int]
    pause_chance: float
    settle_timeout_ms: int
    seed: int


@dataclass(slots=True)
class TypingResult:
    searches: int = 0
    latencies_ms: list[float] = field(default_factory=list)


def _wait(ms: int) -> None:
    # Not QTest.qWait: it keeps the GIL while it sleeps, which starves the database thread.
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def type_into_desk(
    profile_root: Path, queries: Sequence[str], typing: Typing, on_ready: Callable[[float], None] | None = None
) -> TypingResult:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    apply_desk_style(app)
    runner = TaskRunner()
    window = DeskWindow(DeskBackend(Profile(profile_root)), runner, debounce_ms=typing.debounce_ms)
    window.show()
    QTest.qWaitForWindowExposed(window)
    ready: list[object] = []
    window.directory_ready.connect(ready.append)
    window.start()
    opened = time.perf_counter()
    while not ready and time.perf_counter() - opened < 120:
        _wait(20)
    if not ready:
        raise RuntimeError("the desk did not open its directory")
    if on_ready is not None:
        on_ready(time.perf_counter() - opened)

    fired: dict[int, float] = {}
    result = TypingResult()
    painted: set[int] = set()
    window.search_started.connect(lambda request_id: fired.__setitem__(request_id, time.perf_counter()))

    def on_painted(request_id: int) -> None:
        if request_id in fired and request_id not in painted:
            painted.add(request_id)
            result.latencies_ms.append((time.perf_counter() - fired[request_id]) * 1000)

    window.results_painted.connect(on_painted)
    rng = random.Random(typing.seed)
    window.search_box.setFocus()
    for query in queries:
        QTest.keyClick(window.search_box, Qt.Key.Key_Escape)  # clear, as between two patients
        for character in query:
            QTest.keyClicks(window.search_box, character)
            gap = typing.pause_gap_ms if rng.random() < typing.pause_chance else typing.key_gap_ms
            _wait(rng.randint(*gap))
        # Wait for the last search of this query to reach the screen.
        deadline = time.perf_counter() + typing.settle_timeout_ms / 1000
        _wait(typing.debounce_ms + 10)
        while window._latest_request not in painted and time.perf_counter() < deadline:
            _wait(5)
    result.searches = len(fired)
    window.close()
    runner.shutdown(last=window.backend.close)
    return result
