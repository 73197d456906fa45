from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from socialrx_desk.ui import qt_fixes


class Emitter(QObject):
    ping = Signal(object)


def test_singletons_survive_many_void_calls_and_emits(qapp: object) -> None:
    qt_fixes.apply()
    emitter = Emitter()
    emitter.ping.connect(lambda _value: None)
    label = QLabel()
    for _ in range(5000):
        label.setText("x")  # returns void
        emitter.ping.emit(True)
    # Either the binding is sound, or the singletons were made immortal; either way the counts are healthy.
    assert sys.getrefcount(None) > 1000
    assert sys.getrefcount(True) > 1000


def test_a_long_session_does_not_abort_the_interpreter() -> None:
    # The defect shows when None's count reaches zero: at the latest at exit, as a "Fatal Python error".
    script = (
        "import socialrx_desk.ui\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for _ in range(200_000): label.setText('x')\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Fatal Python error" not in result.stderr
