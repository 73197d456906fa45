"""The Qt user interface: the only package that imports PySide6."""

from socialrx_desk.ui import qt_fixes

qt_fixes.apply()
