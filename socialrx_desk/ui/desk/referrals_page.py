"""The referrals view: every referral of this desk with its live state, and the queue of what needs attention.

Resolved in place: a booking whose slot was taken gets another free time or goes as a referral without a slot;
a kiosk "please book this for me" gets a time or is sent on; anything not yet final can be cancelled.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.desk.backend import DeskBackend, ReferralLists
from socialrx_desk.ui.desk.panels import NoticeBar
from socialrx_desk.ui.errors import plain_message
from socialrx_desk.ui.models.patients import nhs_number_text
from socialrx_desk.ui.models.referrals import (
    KIND_WORDS,
    Column,
    ReferralsModel,
    reason_words,
    state_words,
    when_words,
)
from socialrx_desk.ui.models.slots import SlotListModel
from socialrx_desk.ui.tasks import TaskRunner
from socialrx_desk.ui.when import ago_text, utc_naive

if TYPE_CHECKING:
    from socialrx_desk.services.referrals import ReferralView, SlotView

RESOLVABLE = ("conflict", "rejected")
CANCELLABLE = ("queued", "provisional", "booked", "sent", "accepted", "declined", "conflict")
FREE_SLOT_DAYS = 28


def can_resolve(view: ReferralView) -> bool:
    """A new time or a plain referral: after a conflict or refusal, or for a kiosk request waiting for the desk."""
    return view.state in RESOLVABLE or (view.kind == "ask-desk" and view.state in ("queued", "sent"))


class ReferralsTable(QTableView):
    """Enter on a referral moves to its actions, as Enter on a search result moves to its details."""

    opened = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit()
            return
        super().keyPressEvent(event)


class SlotList(QListView):
    chosen = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit()
            return
        super().keyPressEvent(event)


class ReferralPanel(QFrame):
    """One referral: what it is, its state in plain words, and what can be done about it."""

    rebook = Signal(str, str)  # referral id, slot id
    without_slot = Signal(str)
    cancel = Signal(str)
    print_requested = Signal(str, object)  # "slip" | "summary", ReferralView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralPanel")
        self.view: ReferralView | None = None
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("referralState")
        self.state.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("referralReason")
        self.reason.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setObjectName("referralDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.resolve_box = QFrame(self)
        self.resolve_box.setObjectName("resolveBox")
        self.resolve_title = QLabel(self.resolve_box)
        self.resolve_title.setObjectName("sectionTitle")
        self.resolve_title.setWordWrap(True)
        self.slots_model = SlotListModel(self)
        self.slots = SlotList(self.resolve_box)
        self.slots.setObjectName("alternatives")
        self.slots.setAccessibleName("Free times")
        self.slots.setModel(self.slots_model)
        self.slots.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slots.chosen.connect(self._book_chosen)
        self.slots.doubleClicked.connect(lambda _index: self._book_chosen())
        self.slots_hint = QLabel(self.resolve_box)
        self.slots_hint.setObjectName("hint")
        self.slots_hint.setWordWrap(True)
        self.book_button = QPushButton("&Book this time  Enter", self.resolve_box)
        self.book_button.setObjectName("primaryButton")
        self.book_button.setAccessibleName("Book this time")
        self.book_button.clicked.connect(self._book_chosen)
        self.without_button = QPushButton("Send &without a time", self.resolve_box)
        self.without_button.setToolTip("The service receives the referral and contacts the patient to arrange a time")
        self.without_button.clicked.connect(lambda: self.view is not None and self.without_slot.emit(self.view.id))
        resolve_buttons = QHBoxLayout()
        resolve_buttons.addWidget(self.book_button)
        resolve_buttons.addWidget(self.without_button)
        resolve_buttons.addStretch(1)
        resolve_layout = QVBoxLayout(self.resolve_box)
        resolve_layout.setContentsMargins(14, 10, 14, 12)
        resolve_layout.addWidget(self.resolve_title)
        resolve_layout.addWidget(self.slots, 1)
        resolve_layout.addWidget(self.slots_hint)
        resolve_layout.addLayout(resolve_buttons)

        self.slip_button = QPushButton("&Slip  Ctrl+P", self)
        self.slip_button.setAccessibleName("Print the patient's slip")
        self.slip_button.clicked.connect(lambda: self._print("slip"))
        self.summary_button = QPushButton("Su&mmary  Ctrl+Shift+P", self)
        self.summary_button.setAccessibleName("Print summary for the service")
        self.summary_button.clicked.connect(lambda: self._print("summary"))
        self.cancel_button = QPushButton("&Cancel…", self)
        self.cancel_button.setAccessibleName("Cancel the referral")
        self.cancel_button.setObjectName("dangerButton")
        self.cancel_button.clicked.connect(lambda: self.view is not None and self.cancel.emit(self.view.id))
        for button in (
            self.book_button,
            self.without_button,
            self.slip_button,
            self.summary_button,
            self.cancel_button,
        ):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        print_label = QLabel("Print:", self)
        print_label.setObjectName("hint")
        buttons.addWidget(print_label)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.summary_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.reason)
        layout.addWidget(self.details)
        layout.addWidget(self.resolve_box, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.show_view(None)

    def show_view(self, view: ReferralView | None) -> None:
        self.view = view
        if view is None:
            self.title.setText("No referral chosen")
            self.state.setText("Choose a referral on the left to see it and act on it.")
            self.state.setProperty("kind", "")
            for widget in (self.reason, self.details, self.resolve_box):
                widget.hide()
            for button in (self.slip_button, self.summary_button, self.cancel_button):
                button.setEnabled(False)
            self._repolish(self.state)
            return
        self.title.setText(f"{view.service_name}")
        self.state.setText(state_words(view))
        self.state.setProperty(
            "kind",
            "error" if view.needs_attention else ("ok" if view.state in ("booked", "accepted", "completed") else ""),
        )
        self._repolish(self.state)
        reason = reason_words(view)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.details.setText(details_html(view))
        self.details.show()
        self.slip_button.setEnabled(True)
        self.summary_button.setEnabled(True)
        self.cancel_button.setEnabled(view.state in CANCELLABLE)
        if can_resolve(view):
            self.resolve_box.show()
            if view.kind == "ask-desk":
                self.resolve_title.setText("The patient asked the desk to book: choose a time, or send it on")
            elif view.state == "conflict":
                self.resolve_title.setText("Someone else took the time: choose another, or send without one")
            else:
                self.resolve_title.setText("Send it again: with a new time, or without one")
            self.show_slots((), loading=True)
        else:
            self.resolve_box.hide()

    def show_slots(self, slots: tuple[SlotView, ...] | list[SlotView], loading: bool = False) -> None:
        self.slots_model.set_slots(slots)
        if slots:
            self.slots.setCurrentIndex(self.slots_model.index(0))
            self.slots_hint.setText("↑ ↓ choose a time, Enter books it.")
        elif loading:
            self.slots_hint.setText("Looking for free times…")
        else:
            self.slots_hint.setText("No free times known for this service: send it without a time.")
        self.slots.setVisible(bool(slots))
        self.book_button.setEnabled(bool(slots))

    def _book_chosen(self) -> None:
        slot = self.slots_model.slot_at(self.slots.currentIndex().row())
        if self.view is not None and slot is not None:
            self.rebook.emit(self.view.id, slot.id)

    def _print(self, paper: str) -> None:
        if self.view is not None:
            self.print_requested.emit(paper, self.view)

    def focus_action(self) -> None:
        """Where Enter on the table leads: the free times when there is something to resolve."""
        if self.resolve_box.isVisible() and self.slots.isVisible():
            self.slots.setFocus()
        elif self.resolve_box.isVisible():
            self.without_button.setFocus()
        else:
            self.slip_button.setFocus()

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def details_html(view: ReferralView) -> str:
    rows: list[tuple[str, str]] = [
        ("Reference", f"<b>{escape(view.reference)}</b>"),
        ("Kind", escape(KIND_WORDS.get(view.kind, view.kind))),
        ("Time", escape(when_words(view))),
    ]
    patient = view.patient
    if patient is not None:
        line = patient.name
        if patient.birth_date:
            line += f", born {patient.birth_date:%d/%m/%Y}"
        rows.append(("Patient", escape(line)))
        contact = [p for p in (patient.phone, nhs_number_text(patient.nhs_number), patient.postcode) if p]
        if contact:
            rows.append(("", escape("  ·  ".join(contact))))
    else:
        rows.append(("Patient", "Details removed after the retention period"))
    if view.reason:
        rows.append(("Reason", escape(view.reason)))
    rows.append(("Created", escape(ago_text(view.created_at))))
    rows.append(("Updated", escape(ago_text(view.updated_at)) + ("" if view.synced else " (not yet on the hub)")))
    cells = "".join(f"<tr><td style='padding-right:14px; color:#4c6272'>{k}</td><td>{v}</td></tr>" for k, v in rows)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


class ReferralsPage(QWidget):
    """The table (attention queue or everything) beside the chosen referral's panel."""

    changed = Signal(str)  # a referral was changed here (its id): refresh, sync
    notice = Signal(str, str)  # text, kind: what an action did, also shown on this page's notice bar
    print_requested = Signal(str, object)  # "slip" | "summary", ReferralView
    lists_shown = Signal()

    def __init__(self, runner: TaskRunner, backend: DeskBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralsPage")
        self.runner = runner
        self.backend = backend
        self.lists = ReferralLists((), ())
        self.model = ReferralsModel(self)
        self._busy = False

        self.attention_button = QPushButton(self)
        self.attention_button.setObjectName("segment")
        self.attention_button.setCheckable(True)
        self.attention_button.setChecked(True)
        self.all_button = QPushButton(self)
        self.all_button.setObjectName("segment")
        self.all_button.setCheckable(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.attention_button)
        group.addButton(self.all_button)
        self.attention_button.toggled.connect(lambda _on: self._show_list())
        for button in (self.attention_button, self.all_button):
            button.setAutoDefault(False)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.notice_bar = NoticeBar(self)
        self.notice.connect(self.notice_bar.show_notice)
        header = QHBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.attention_button)
        header.addWidget(self.all_button)
        header.addSpacing(16)
        header.addWidget(self.empty, 1)

        self.table = ReferralsTable(self)
        self.table.setObjectName("referralsTable")
        self.table.setAccessibleName("Referrals")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setWordWrap(False)
        horizontal = self.table.horizontalHeader()
        horizontal.setHighlightSections(False)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setStretchLastSection(False)
        for column, width in (
            (Column.STATE, 170),
            (Column.PATIENT, 140),
            (Column.WHEN, 140),
            (Column.SERVICE, 240),
            (Column.UPDATED, 80),
            (Column.REFERENCE, 130),
        ):
            self.table.setColumnWidth(column, width)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.panel = ReferralPanel(self)
        self.table.opened.connect(self.panel.focus_action)
        self.panel.rebook.connect(self._rebook)
        self.panel.without_slot.connect(self._without_slot)
        self.panel.cancel.connect(self._cancel)
        self.panel.print_requested.connect(self.print_requested)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("referralsSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(14)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.notice_bar)
        layout.addWidget(splitter, 1)
        QWidget.setTabOrder(self.attention_button, self.all_button)
        QWidget.setTabOrder(self.all_button, self.table)
        QWidget.setTabOrder(self.table, self.panel.slots)
        self._update_counts()

    # --- the lists -----------------------------------------------------------------------------------------

    @property
    def attention_only(self) -> bool:
        return self.attention_button.isChecked()

    def show_attention(self, attention: bool) -> None:
        (self.attention_button if attention else self.all_button).setChecked(True)

    def set_lists(self, lists: ReferralLists, select: str | None = None) -> None:
        self.lists = lists
        self._update_counts()
        self._show_list(select)
        self.lists_shown.emit()

    def _update_counts(self) -> None:
        attention, everything = len(self.lists.attention), len(self.lists.all)
        self.attention_button.setText(f"Needs &attention ({attention})")
        self.all_button.setText(f"A&ll referrals ({everything})")

    def _show_list(self, select: str | None = None) -> None:
        keep = select or (self.panel.view.id if self.panel.view else None)
        rows = self.lists.attention if self.attention_only else self.lists.all
        self.model.set_referrals(rows)
        if not rows:
            self.empty.setText(
                "Nothing needs attention." if self.attention_only and self.lists.all else "No referrals yet."
            )
        else:
            self.empty.setText("")
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and select and self.attention_only and any(v.id == select for v in self.lists.all):
            self.all_button.setChecked(True)  # what was asked for is no longer in the queue: show it anyway
            return
        if rows:
            self._select(max(row, 0))
        else:
            self.panel.show_view(None)

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        view = self.model.referral_at(row)
        if view is not None and (self.panel.view is None or self.panel.view != view):
            self._show(view)

    def select_referral(self, referral_id: str) -> bool:
        row = self.model.row_of(referral_id)
        if row < 0:
            if not any(v.id == referral_id for v in self.lists.all):
                return False
            self.all_button.setChecked(True)
            row = self.model.row_of(referral_id)
        self._select(row)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        view = self.model.referral_at(current.row())
        if view is not None:
            self._show(view)

    def _show(self, view: ReferralView) -> None:
        self.panel.show_view(view)
        if can_resolve(view):
            # The times still free as of the last sync, not the alternatives the hub offered at the conflict:
            # some of those may have gone since.
            self._load_free_slots(view)

    def _load_free_slots(self, view: ReferralView) -> None:
        now = utc_naive(datetime.now())
        backend, service_id, referral_id = self.backend, view.service_id, view.id

        def show(slots: tuple[SlotView, ...]) -> None:
            if self.panel.view is not None and self.panel.view.id == referral_id:
                self.panel.show_slots(slots)

        self.runner.run_db(
            lambda context: backend.free_slots(service_id, now, now + timedelta(days=FREE_SLOT_DAYS), context),
            key="referral-slots",
            on_success=show,
            description="free slots for a referral",
        )

    # --- acting --------------------------------------------------------------------------------------------

    def _act(self, what: str, work: object, done: str) -> None:
        if self._busy:
            return
        self._busy = True

        def succeeded(view: ReferralView) -> None:
            self._busy = False
            self.notice.emit(done.format(when=when_words(view), reference=view.reference), "success")
            self.changed.emit(view.id)

        def failed(error: BaseException) -> None:
            self._busy = False
            self.notice.emit(plain_message(error), "error")
            self.changed.emit("")

        self.runner.run_db(work, on_success=succeeded, on_error=failed, description=what)  # type: ignore[arg-type]

    def _rebook(self, referral_id: str, slot_id: str) -> None:
        backend = self.backend
        view = self.panel.view
        if view is not None and view.kind == "ask-desk":
            work = lambda context: backend.complete_request(referral_id, slot_id, context)  # noqa: E731
        else:
            work = lambda context: backend.rebook(referral_id, slot_id, context)  # noqa: E731
        self._act("rebook", work, "{reference}: booked {when}, provisional until the hub confirms.")

    def _without_slot(self, referral_id: str) -> None:
        backend = self.backend
        view = self.panel.view
        if view is not None and view.kind == "ask-desk":
            work = lambda context: backend.complete_request(referral_id, None, context)  # noqa: E731
        else:
            work = lambda context: backend.send_without_slot(referral_id, context)  # noqa: E731
        self._act("send without a slot", work, "{reference}: sent as a referral; the service will contact the patient.")

    def _cancel(self, referral_id: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        view = self.panel.view
        if view is None:
            return
        answer = QMessageBox.question(
            self,
            "Cancel this referral?",
            f"Cancel {view.reference} ({view.service_name})?\n\n"
            + ("The time is freed and the service is told." if view.slot_start else "The service is told.")
            + " This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.cancel_now(referral_id)

    def cancel_now(self, referral_id: str) -> None:
        backend = self.backend
        self._act(
            "cancel",
            lambda context: backend.cancel(referral_id, context),
            "{reference}: cancelled.",
        )
