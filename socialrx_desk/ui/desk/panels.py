"""Small building blocks of the desk window: the message panel, the notice bar and the sync status."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.style import icon


class MessagePanel(QFrame):
    """A centred title, a sentence or two, and at most one button: loading, hints, empty and error states."""

    painted = Signal()
    action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagePanel")
        self.title = QLabel(self)
        self.title.setObjectName("messageTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body = QLabel(self)
        self.body.setObjectName("messageBody")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton(self)
        self.button.setObjectName("messageButton")
        self.button.clicked.connect(self.action)
        self.button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 48, 32, 32)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.kind = ""

    def show_message(self, kind: str, title: str, body: str = "", button: str = "") -> None:
        """``body`` may hold simple rich text (bold, line breaks); callers escape anything from outside."""
        self.kind = kind
        self.setProperty("kind", kind)
        self.title.setText(title)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.setAccessibleName(title)
        self.style().unpolish(self)
        self.style().polish(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class NoticeBar(QFrame):
    """A one-line notice above the results (import finished, something failed). Never blocks the receptionist."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("noticeClose")
        self.close_button.setIcon(icon("close"))
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        self.hide()

    def show_notice(self, text: str, kind: str = "info") -> None:
        """kind: info, success or error (the stylesheet colours them)."""
        self.kind = kind
        self.setProperty("kind", kind)
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def dismiss(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class SyncStatusWidget(QWidget):
    """The status bar's sync corner: online/offline, queued operations, items needing attention, last sync.

    Until the desk has a hub it says "Not connected to a hub". The desk's sync drives it through
    :meth:`show_status` (on the GUI thread). The dot is drawn by the stylesheet, not an image, so the first
    window needs no SVG renderer.
    """

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.dot = QLabel(self)
        self.dot.setObjectName("syncDot")
        self.dot.setFixedSize(10, 10)
        self.label = QLabel(self)
        self.label.setObjectName("syncText")
        self.button = QToolButton(self)
        self.button.setObjectName("syncNow")
        self.button.setText("Sync now  F5")
        self.button.setAccessibleName("Sync now")
        self.button.setToolTip("Send and fetch changes with the hub now (F5)")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.sync_requested)
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.state = ""
        self.show_not_connected()

    def show_not_connected(self, detail: str = "") -> None:
        self.button.hide()
        self._set(
            "offline",
            "Not connected to a hub",
            detail or "This desk works on its own; no hub has been set up. File > Connect to hub… sets one up.",
        )

    def show_message(self, state: str, text: str, tip: str = "") -> None:
        """Any other state: 'syncing', 'offline', 'attention' (the stylesheet colours the dot)."""
        self._set(state, text, tip)

    def show_syncing(self) -> None:
        self.button.setEnabled(False)
        self._set("syncing", "Syncing…", "Sending and fetching changes with the hub")

    def show_status(
        self,
        online: bool,
        queued: int = 0,
        last_sync: datetime | None = None,
        attention: int = 0,
        detail: str = "",
    ) -> None:
        """``last_sync`` as stored (naive UTC); shown in local time."""
        from socialrx_desk.ui.when import ago_text

        parts = ["Online" if online else "Offline"]
        if queued:
            parts.append(f"{queued} waiting to send")
        if attention:
            parts.append(f"{attention} need{'s' if attention == 1 else ''} attention")
        parts.append(f"last sync {ago_text(last_sync)}" if last_sync else "not synced yet")
        state = "attention" if attention and online else ("online" if online else "offline")
        self.button.show()
        self.button.setEnabled(True)
        self._set(state, " · ".join(parts), detail)

    @property
    def text(self) -> str:
        return self.label.text()

    def _set(self, state: str, text: str, tip: str) -> None:
        self.state = state
        self.dot.setProperty("state", state)
        self.dot.style().unpolish(self.dot)
        self.dot.style().polish(self.dot)
        self.label.setText(text)
        self.setToolTip(tip or text)
        self.setAccessibleName(f"Sync status: {text}")
