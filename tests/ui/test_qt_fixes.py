from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import socialrx_desk.ui  # noqa: F401  (applies the fixes)


class Emitter(QObject):
    ping = Signal(object)


def test_emitting_signals_does_not_eat_references_to_true() -> None:
    emitter = Emitter()
    received: list[object] = []
    emitter.ping.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.ping.emit(True)
    del received[:]
    assert sys.getrefcount(True) >= before
