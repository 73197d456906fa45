"""Work-arounds for defects in the Qt bindings, applied once when ``socialrx_desk.ui`` is imported.

PySide6 6.12.0 on Python < 3.12: ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every emit from Python drops one reference to the ``True`` singleton. A few hundred to a few thousand emits later
(a minute of typing and painting) the interpreter aborts with "Fatal Python error: bool_dealloc". Python 3.12 made
``True`` immortal, which hides the defect there.

The fix is detected, not assumed: a probe signal is emitted a few times and the reference count of ``True`` is
compared; only a binding that really drops the reference is patched, so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBE_EMITS = 16
_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_drops_true_reference() -> bool:
    if sys.version_info >= (3, 12):
        return False  # immortal True: a missing reference can do no harm
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        # Give back what the probe itself took.
        for _ in range(lost):
            _incref(True)
    return lost >= _PROBE_EMITS


def _incref(value: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    if not emit_drops_true_reference():
        return
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            _incref(result)  # the reference the binding forgot to take
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
