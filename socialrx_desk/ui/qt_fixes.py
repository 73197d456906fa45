"""Work-arounds for defects in the Qt bindings, applied once when ``socialrx_desk.ui`` is imported.

PySide6 6.12.0 on CPython 3.11 drops references to the interpreter's singletons:

* every call of a Qt method that returns ``void`` (``widget.update()``, ``painter.drawText()``,
  ``label.setText()``, ...) returns ``None`` without taking a reference to it;
* every ``SignalInstance.emit()`` returns ``True`` without taking a reference to it.

Each call lowers the singleton's reference count by one. After some minutes of painting and typing the count
reaches zero and the interpreter aborts ("Fatal Python error: none_dealloc" or "bool_dealloc"), often at exit.
CPython 3.12 made these singletons immortal, which hides the defect there.

The fix does what 3.12 does: it gives ``None``, ``True`` and ``False`` a reference count so large that no run can
exhaust it. It is applied only when a probe shows the installed binding really loses references, so a fixed
PySide6 (or Python 3.12+) is left alone.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBE_CALLS = 16
# Far more than any process can lose (one per call), far below overflow of a 64-bit count.
_IMMORTAL = 1 << 60
_applied = False


class _Probe(QObject):
    ping = Signal()


def _lost(singleton: object, call: object) -> int:
    before = sys.getrefcount(singleton)
    for _ in range(_PROBE_CALLS):
        call()  # type: ignore[operator]
    return before - sys.getrefcount(singleton)


def leaky_singletons() -> list[str]:
    """Which of None/True the installed binding loses references to (empty when it is sound)."""
    if sys.version_info >= (3, 12):
        return []  # immortal singletons: a missing reference can do no harm
    probe = _Probe()
    found = []
    if _lost(None, lambda: probe.setObjectName("probe")) >= _PROBE_CALLS:
        found.append("None")
    if _lost(True, probe.ping.emit) >= _PROBE_CALLS:
        found.append("True")
    return found


def _can_patch_refcounts() -> bool:
    # ob_refcnt is the first field of every object in a release build of CPython; debug builds differ.
    return sys.implementation.name == "cpython" and not hasattr(sys, "gettotalrefcount")


def _make_immortal(singleton: object) -> None:
    import ctypes  # only on a binding that needs the fix: the first window should not wait for it

    refcount = ctypes.c_ssize_t.from_address(id(singleton))
    if refcount.value < _IMMORTAL:
        refcount.value += _IMMORTAL


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    leaky = leaky_singletons()
    if not leaky:
        return
    if not _can_patch_refcounts():
        log.warning("this Qt binding loses references to %s; expect a crash in long sessions", ", ".join(leaky))
        return
    for singleton in (None, True, False):
        _make_immortal(singleton)
    log.debug("made None/True/False immortal: the Qt binding loses references to %s", ", ".join(leaky))
