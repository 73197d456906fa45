"""File > Connect to hub…: the hub's address and this site's token, checked against the hub before it is kept.

The token goes straight to the OS keyring (see ``socialrx_desk.secrets``); the field hides it as it is typed
or pasted, because receptionists' screens are seen by the queue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.desk.sync_controller import DeskSync


class ConnectDialog(QDialog):
    def __init__(self, parent: QWidget, sync: DeskSync, current_url: str = "") -> None:
        super().__init__(parent)
        self.sync = sync
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to hub")
        self.setModal(True)
        self.resize(560, 0)
        intro = QLabel(
            "Your area's hub shares the directory, free slots and referrals between desks and services. "
            "Ask whoever runs it for its address and a token for this desk.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.url = QLineEdit(current_url, self)
        self.url.setObjectName("hubUrl")
        self.url.setPlaceholderText("https://hub.example.nhs.uk/fhir")
        self.url.setAccessibleName("Hub address")
        self.token = QLineEdit(self)
        self.token.setObjectName("hubToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("Paste the token for this desk")
        self.token.setAccessibleName("Site token")
        form = QFormLayout()
        form.addRow("Hub &address", self.url)
        form.addRow("Site &token", self.token)
        self.message = QLabel(self)
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.cancel_button = QPushButton("Cancel  Esc", self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.connect_button = QPushButton("&Connect  Enter", self)
        self.connect_button.setObjectName("primaryButton")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        sync.connected.connect(self._on_connected)
        sync.enrol_failed.connect(self._on_failed)
        (self.token if current_url else self.url).setFocus()

    def submit(self) -> None:
        url, token = self.url.text().strip(), self.token.text().strip()
        if not url or not token:
            self._say("Both the hub's address and the token are needed.", "error")
            (self.url if not url else self.token).setFocus()
            return
        self.connect_button.setEnabled(False)
        self._say("Checking the hub and the token…", "info")
        self.sync.enrol(url, token)

    def _on_connected(self, hub_url: str) -> None:
        self.token.clear()
        self._say(f"Connected to {hub_url}. The first sync is under way.", "success")
        self.connect_button.setEnabled(True)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.connect_button.setEnabled(True)
        self._say(message, "error")
        self.token.setFocus()
        self.token.selectAll()

    def _say(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
