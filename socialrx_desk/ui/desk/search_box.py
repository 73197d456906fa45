"""The search box: the first thing on screen, so it touches as little of Qt as it can before the first paint.

Qt's ``Qt`` namespace costs about 15 ms to load in PySide6 (it builds Python enums for every Qt enum), so this
module reaches it only through ``QtCore.Qt`` inside methods, which run after the window is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

PLACEHOLDER = "What does the patient say?  e.g. “keeps falling on the stairs”"


class SearchBox(QLineEdit):
    """The patient's words. Up/Down/Page keys move through the results without leaving the box; Enter opens."""

    navigate = Signal(object)  # the QKeyEvent
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(PLACEHOLDER)
        self.setAccessibleName("Search services")
        self.setAccessibleDescription("Type the patient's own words; results appear as you type.")
        self.setMaxLength(500)

    def add_decorations(self) -> None:
        """The clear button and the magnifier, after the first paint (the icon needs the SVG renderer)."""
        from PySide6.QtGui import QAction

        from socialrx_desk.ui.style import icon

        self.setClearButtonEnabled(True)
        search_icon = QAction(icon("search"), "", self)
        self.addAction(search_icon, QLineEdit.ActionPosition.LeadingPosition)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        qt = QtCore.Qt
        key = event.key()
        if key in (qt.Key.Key_Up, qt.Key.Key_Down, qt.Key.Key_PageUp, qt.Key.Key_PageDown) and not (
            event.modifiers() & ~qt.KeyboardModifier.KeypadModifier
        ):
            self.navigate.emit(event)
            return
        if key in (qt.Key.Key_Return, qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)
