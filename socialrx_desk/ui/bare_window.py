"""The start-up benchmark's baseline: the least a PySide6 program does to put a window on screen.

Run as a plain script (``python .../ui/bare_window.py``), never imported: it must not load the ``socialrx_desk``
package, so the comparison is with PySide6 alone. It prints the same "first window" marker as the desk's start-up
probe once the window has painted, then quits.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

FIRST_WINDOW = "socialrx-first-window"  # as in socialrx_desk.ui.startup_probe


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1280, 820)
    window.setWindowTitle("bare")

    def report() -> None:
        print(f"{FIRST_WINDOW} {time.time():.6f}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
