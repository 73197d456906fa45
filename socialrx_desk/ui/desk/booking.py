"""Book a slot or refer, from the service on screen: patient, consent, needs and reason, a time, confirm.

The dialog is made for a receptionist with a queue and a phone: everything works from the keyboard (Enter moves
to the next field, Ctrl+Enter confirms, Page Up/Down change the week), every detail is checked as it is typed
and any problem is shown next to its field in plain words. Nothing is stored until the receptionist confirms.

After confirming, the dialog says honestly what happened: a booking is *provisional* until the hub confirms
the slot, and the message changes when the sync that follows the booking lands (see :meth:`show_outcome`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.desk.backend import BookingRequest, DeskBackend
from socialrx_desk.ui.errors import plain_message
from socialrx_desk.ui.models.patients import NeedChoiceModel, PatientRole, RecentPatientsModel, nhs_number_text
from socialrx_desk.ui.models.rows import ServiceView
from socialrx_desk.ui.models.slots import SlotWeekModel
from socialrx_desk.ui.tasks import TaskRunner
from socialrx_desk.ui.when import local, local_today, slot_text, utc_naive, week_start

if TYPE_CHECKING:
    from socialrx_desk.services.referrals import PatientView, ReferralView, SlotView
    from socialrx_desk.ui.desk.sync_controller import SyncOutcome

PATIENT_DEBOUNCE_MS = 150
FIRST_LOOK_WEEKS = 8  # how far ahead the dialog looks for the first free slot when it opens
FIELDS = ("name", "birth_date", "nhs_number", "postcode", "phone")
_DATE_SPLIT = re.compile(r"[\s/.\-]+")


def parse_birth_date(text: str) -> date | None:
    """'17/05/1948', '17-5-1948', '17.05.1948', '17051948' or '1948-05-17'; None when it is not a date.

    Two-digit years are refused: for a date of birth '48' could be 1948 or 2048's baby, and a wrong century
    sends a referral for the wrong person.
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 8:
        parts = [text[:2], text[2:4], text[4:]]
    else:
        parts = [p for p in _DATE_SPLIT.split(text) if p]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) == 4:  # ISO order
        year, month, day = (int(p) for p in parts)
    elif len(parts[2]) == 4:
        day, month, year = (int(p) for p in parts)
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Message:
    kind: str  # success, info, warning, error: the stylesheet colours them
    title: str
    text: str


def outcome_message(view: ReferralView, *, enrolled: bool, syncing: bool, reached: bool | None) -> Message:
    """What the receptionist is told about a booking or referral just made: never more certain than it is."""
    from socialrx_desk.ui.models.referrals import reason_words

    when = slot_text(view.slot_start, view.slot_end) if view.slot_start else ""
    state = view.state
    if state == "booked":
        return Message("success", "Booked and confirmed", f"The hub confirmed {when} for {view.service_name}.")
    if state in ("sent", "accepted"):
        return Message(
            "success", "Referral sent", f"{view.service_name} has the referral and will contact the patient."
        )
    if state == "conflict":
        return Message(
            "error",
            "Slot taken: not booked",
            "Another desk booked this time first. Choose another time in Referrals (Ctrl+2), or send it as a "
            "referral without a slot.",
        )
    if state in ("rejected", "declined"):
        return Message("error", "Not accepted", reason_words(view) or "The hub refused it; see Referrals (Ctrl+2).")
    if state == "cancelled":
        return Message("info", "Cancelled", "Nothing more will be sent.")
    booking = view.slot_start is not None
    what = f"Booked {when}: provisional" if booking else "Referral saved"
    if not enrolled:
        return Message(
            "warning",
            what,
            "This desk is not connected to a hub, so this is saved on this computer only and the service has not "
            "been told. "
            + ("The time is not confirmed: tell the patient the surgery will confirm it." if booking else ""),
        )
    if syncing or reached is None:
        return Message(
            "info",
            what,
            "Saved on this computer. Sending it to the hub now to "
            + ("confirm the slot…" if booking else "pass it to the service…"),
        )
    return Message(
        "warning",
        what + " (offline)",
        "The hub could not be reached, so "
        + ("the slot is not confirmed yet. " if booking else "the service does not have it yet. ")
        + "It is saved and will be sent automatically; this message changes when the hub answers."
        + (" Tell the patient the surgery will call if the time changes." if booking else ""),
    )


class FieldEdit(QLineEdit):
    """Enter moves to the next field, as on a paper form; only Ctrl+Enter confirms the whole booking."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.editingFinished.emit()
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class SlotGrid(QTableView):
    """The week's free times. Page Up/Down change the week without leaving the grid."""

    previous_week = Signal()
    next_week = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageUp:
            self.previous_week.emit()
            return
        if event.key() == Qt.Key.Key_PageDown:
            self.next_week.emit()
            return
        super().keyPressEvent(event)


class BookingDialog(QDialog):
    booked = Signal(object)  # ReferralView, once stored locally
    print_requested = Signal(str, object)  # "slip" | "summary", ReferralView
    show_referral = Signal(str)  # referral id: open it in the referrals view
    slots_shown = Signal(int)  # free slots in the week now on screen
    patients_shown = Signal(int)

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        backend: DeskBackend,
        service: ServiceView,
        *,
        book: bool,
        needs: Sequence[tuple[str, str]],
        preselected: Sequence[str] = (),
        enrolled: bool = False,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.service = service
        self.book_mode = book
        self.enrolled = enrolled
        self.made: ReferralView | None = None  # the booking or referral, once stored
        self._chosen: SlotView | None = None
        self._submitting = False
        self._week_request = 0
        self.setObjectName("bookingDialog")
        self.setWindowTitle(("Book " if book else "Refer to ") + service.name)
        self.setModal(True)
        self.resize(1120, 740)

        self.patients_model = RecentPatientsModel(self)
        self.needs_model = NeedChoiceModel(self)
        self.needs_model.set_needs(needs, preselected)
        self.week_model = SlotWeekModel(self)

        self.pages = QStackedWidget(self)
        self.form_page = QWidget(self.pages)
        self.result_page = QWidget(self.pages)
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.result_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._build_form()
        self._build_result()

        self._patient_timer = QTimer(self)
        self._patient_timer.setSingleShot(True)
        self._patient_timer.setInterval(PATIENT_DEBOUNCE_MS)
        self._patient_timer.timeout.connect(self._find_patients)
        confirm = QShortcut(QKeySequence("Ctrl+Return"), self)
        confirm.activated.connect(self._confirm_key)
        confirm_keypad = QShortcut(QKeySequence("Ctrl+Enter"), self)
        confirm_keypad.activated.connect(self._confirm_key)
        print_slip = QShortcut(QKeySequence("Ctrl+P"), self)
        print_slip.activated.connect(lambda: self._print("slip"))
        print_summary = QShortcut(QKeySequence("Ctrl+Shift+P"), self)
        print_summary.activated.connect(lambda: self._print("summary"))

        self._find_patients()
        if book:
            self._load_first_week()
        self.find_box.setFocus()

    # --- construction --------------------------------------------------------------------------------------

    def _section(self, parent: QWidget, text: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("sectionTitle")
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _field(self, grid: QGridLayout, row: int, name: str, label: str, placeholder: str, width: int = 0) -> FieldEdit:
        parent = grid.parentWidget()
        edit = FieldEdit(parent)
        edit.setObjectName(f"{name}Field")
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label.replace("&", ""))
        if width:
            edit.setMaximumWidth(width)
        caption = QLabel(label, parent)
        caption.setObjectName("fieldLabel")
        caption.setBuddy(edit)
        problem = QLabel(parent)
        problem.setObjectName("problem")
        problem.setWordWrap(True)
        problem.setAccessibleName(f"{label.replace('&', '')}: check")
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(edit, row, 1)
        grid.addWidget(problem, row, 2)
        self.problems[name] = problem
        edit.textEdited.connect(lambda _text, field=name: self._check_field(field, final=False))
        edit.editingFinished.connect(lambda field=name: self._check_field(field, final=True))
        return edit

    def _build_form(self) -> None:
        page = self.form_page
        self.problems: dict[str, QLabel] = {}

        title = QLabel(("Book: " if self.book_mode else "Refer to: ") + self.service.name, page)
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        subtitle = QLabel(self.service.organization, page)
        subtitle.setObjectName("dialogSubtitle")

        # --- the patient (left) ---
        left = QFrame(page)
        left.setObjectName("formCard")
        self.find_box = FieldEdit(left)
        self.find_box.setObjectName("findPatient")
        self.find_box.setPlaceholderText("Name, NHS number or phone of someone seen recently")
        self.find_box.setAccessibleName("Find a recent patient")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textEdited.connect(lambda _text: self._patient_timer.start())
        self.patients_view = QListView(left)
        self.patients_view.setObjectName("recentPatients")
        self.patients_view.setAccessibleName("Recent patients")
        self.patients_view.setModel(self.patients_model)
        self.patients_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.patients_view.setMaximumHeight(112)
        self.patients_view.activated.connect(self._use_patient)
        self.patients_view.clicked.connect(self._use_patient)
        self.patients_hint = QLabel("Enter on a name fills in their details.", left)
        self.patients_hint.setObjectName("hint")

        details = QWidget(left)
        grid = QGridLayout(details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.name = self._field(grid, 0, "name", "&Name", "First and last name")
        self.birth_date = self._field(grid, 1, "birth_date", "Date of &birth", "DD/MM/YYYY", 160)
        self.nhs_number = self._field(grid, 2, "nhs_number", "NHS n&umber", "10 digits, if known", 180)
        self.postcode = self._field(grid, 3, "postcode", "P&ostcode", "e.g. L25 6WP", 140)
        self.phone = self._field(grid, 4, "phone", "P&hone", "So the service can call", 200)
        self.nhs_number.setMaxLength(14)
        self.birth_date.setMaxLength(10)
        self.postcode.setMaxLength(9)
        self.phone.setMaxLength(20)
        self.name.setMaxLength(200)

        self.consent = QCheckBox(f"The patient &agrees to share these details with {self._provider()}", left)
        self.consent.setObjectName("consent")
        self.consent.toggled.connect(lambda checked: self._show_problem("consent", "" if checked else None))
        consent_problem = QLabel(left)
        consent_problem.setObjectName("problem")
        consent_problem.setWordWrap(True)
        consent_problem.hide()
        self.problems["consent"] = consent_problem

        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(18, 14, 18, 14)
        left_layout.setSpacing(6)
        left_layout.addWidget(self._section(left, "&Find a recent patient", self.find_box))
        left_layout.addWidget(self.find_box)
        left_layout.addWidget(self.patients_view)
        left_layout.addWidget(self.patients_hint)
        left_layout.addSpacing(6)
        left_layout.addWidget(self._section(left, "Patient (or add a new one)"))
        left_layout.addWidget(details)
        left_layout.addSpacing(6)
        left_layout.addWidget(self._section(left, "Consent"))
        left_layout.addWidget(self.consent)
        left_layout.addWidget(consent_problem)
        self.reason = FieldEdit(left)
        self.reason.setObjectName("reasonField")
        self.reason.setPlaceholderText("In the patient's words, e.g. “keeps falling on the stairs”")
        self.reason.setAccessibleName("Reason")
        self.reason.setMaxLength(300)
        left_layout.addWidget(self._section(left, "&Reason", self.reason))
        left_layout.addWidget(self.reason)
        left_layout.addStretch(1)

        # --- the referral (right) ---
        right = QFrame(page)
        right.setObjectName("formCard")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(18, 14, 18, 14)
        right_layout.setSpacing(6)
        self.slots_view = SlotGrid(right)
        if self.book_mode:
            self.slots_view.setObjectName("slotGrid")
            self.slots_view.setAccessibleName("Free times this week")
            self.slots_view.setModel(self.week_model)
            self.slots_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            self.slots_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            self.slots_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.slots_view.setShowGrid(False)
            self.slots_view.verticalHeader().hide()
            self.slots_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.slots_view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            self.slots_view.verticalHeader().setDefaultSectionSize(30)
            self.slots_view.setMinimumHeight(230)
            self.slots_view.selectionModel().selectionChanged.connect(self._on_slot_selected)
            self.slots_view.previous_week.connect(lambda: self._move_week(-1))
            self.slots_view.next_week.connect(lambda: self._move_week(1))
            self.previous_button = QPushButton("◀ Previous week  PgUp", right)
            self.previous_button.setObjectName("weekButton")
            self.previous_button.setAccessibleName("Previous week")
            self.previous_button.clicked.connect(lambda: self._move_week(-1))
            self.next_button = QPushButton("Next week ▶  PgDn", right)
            self.next_button.setObjectName("weekButton")
            self.next_button.setAccessibleName("Next week")
            self.next_button.clicked.connect(lambda: self._move_week(1))
            self.first_button = QPushButton("Earl&iest free", right)
            self.first_button.setObjectName("weekButton")
            self.first_button.clicked.connect(self._load_first_week)
            for button in (self.previous_button, self.next_button, self.first_button):
                button.setAutoDefault(False)
            self.week_label = QLabel(right)
            self.week_label.setObjectName("weekLabel")
            week_row = QHBoxLayout()
            week_row.addWidget(self.week_label, 1)
            week_row.addWidget(self.first_button)
            week_row.addWidget(self.previous_button)
            week_row.addWidget(self.next_button)
            self.chosen_label = QLabel("Loading free times…", right)
            self.chosen_label.setObjectName("chosenSlot")
            self.chosen_label.setWordWrap(True)
            slot_problem = QLabel(right)
            slot_problem.setObjectName("problem")
            slot_problem.hide()
            self.problems["slot"] = slot_problem
            right_layout.addWidget(self._section(right, "&Time (UK time)", self.slots_view))
            right_layout.addLayout(week_row)
            right_layout.addWidget(self.slots_view, 1)
            right_layout.addWidget(self.chosen_label)
            right_layout.addWidget(slot_problem)
        else:
            self.slots_view.hide()
            note = QLabel(
                "No time is booked: the service receives the referral and contacts the patient to arrange one.",
                right,
            )
            note.setObjectName("hint")
            note.setWordWrap(True)
            right_layout.addWidget(self._section(right, "What happens next"))
            right_layout.addWidget(note)

        self.needs_view = QListView(right)
        self.needs_view.setObjectName("needsList")
        self.needs_view.setAccessibleName("Needs (Space ticks)")
        self.needs_view.setModel(self.needs_model)
        self.needs_view.setMaximumHeight(150 if self.book_mode else 320)
        self.needs_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Needs first, the time last: the time is the step just before confirming.
        right_layout.insertWidget(
            0, self._section(right, "N&eeds (ticked: what the search understood)", self.needs_view)
        )
        right_layout.insertWidget(1, self.needs_view, 0 if self.book_mode else 1)
        right_layout.insertSpacing(2, 6)

        self.banner = QLabel(page)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.cancel_button = QPushButton("Cancel  Esc", page)
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(page)
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        self._update_confirm_text()

        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addWidget(left, 5)
        columns.addWidget(right, 6)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.banner, 1)
        buttons.addStretch(0)
        buttons.addSpacing(10)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        if self.service.organization:
            layout.addWidget(subtitle)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        chain: list[QWidget] = [
            self.find_box,
            self.patients_view,
            self.name,
            self.birth_date,
            self.nhs_number,
            self.postcode,
            self.phone,
            self.consent,
            self.reason,
            self.needs_view,
        ]
        if self.book_mode:
            chain += [self.slots_view, self.first_button, self.previous_button, self.next_button]
        chain += [self.confirm_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_result(self) -> None:
        page = self.result_page
        self.result_card = QFrame(page)
        self.result_card.setObjectName("resultCard")
        self.result_title = QLabel(self.result_card)
        self.result_title.setObjectName("resultTitle")
        self.result_title.setWordWrap(True)
        self.result_text = QLabel(self.result_card)
        self.result_text.setObjectName("resultText")
        self.result_text.setWordWrap(True)
        self.result_details = QLabel(self.result_card)
        self.result_details.setObjectName("resultDetails")
        self.result_details.setTextFormat(Qt.TextFormat.RichText)
        self.result_details.setWordWrap(True)
        self.result_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QVBoxLayout(self.result_card)
        card.setContentsMargins(24, 20, 24, 20)
        card.setSpacing(10)
        card.addWidget(self.result_title)
        card.addWidget(self.result_text)
        card.addWidget(self.result_details)

        self.slip_button = QPushButton("Print the patient's &slip  Ctrl+P", page)
        self.slip_button.setAccessibleName("Print the patient's slip")
        self.slip_button.clicked.connect(lambda: self._print("slip"))
        self.summary_button = QPushButton("Print summary for the ser&vice  Ctrl+Shift+P", page)
        self.summary_button.setAccessibleName("Print summary for the service")
        self.summary_button.clicked.connect(lambda: self._print("summary"))
        self.resolve_button = QPushButton("Choose &another time…", page)
        self.resolve_button.clicked.connect(self._open_in_referrals)
        self.resolve_button.hide()
        self.done_button = QPushButton("&Done: back to search  Enter", page)
        self.done_button.setObjectName("primaryButton")
        self.done_button.setAccessibleName("Done")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        for button in (self.slip_button, self.summary_button, self.resolve_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.summary_button)
        buttons.addWidget(self.resolve_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(22, 22, 22, 18)
        layout.setSpacing(14)
        layout.addWidget(self.result_card)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _provider(self) -> str:
        return self.service.organization or self.service.name

    # --- recent patients -----------------------------------------------------------------------------------

    def _find_patients(self) -> None:
        text = self.find_box.text()
        backend = self.backend
        self.runner.run_db(
            lambda context: backend.recent_patients(text, context),
            key="recent-patients",
            on_success=self._show_patients,
            description="recent patients",
        )

    def _show_patients(self, patients: tuple[PatientView, ...]) -> None:
        self.patients_model.set_patients(patients)
        # An empty list is a box to tab through for nothing: it shows only when there is someone to pick.
        self.patients_view.setVisible(bool(patients))
        if patients:
            self.patients_hint.setText("Enter on a name fills in their details.")
            self.patients_view.setCurrentIndex(self.patients_model.index(0))
        else:
            self.patients_hint.setText(
                "No one matching seen recently: type their details below."
                if self.find_box.text().strip()
                else "No recent patients on this desk: type their details below."
            )
        self.patients_shown.emit(len(patients))

    def _use_patient(self, index: QModelIndex) -> None:
        patient = index.data(PatientRole.PATIENT)
        if patient is None:
            return
        self.fill_patient(patient)
        self.consent.setFocus()  # consent is asked each time: it is for this referral, not for ever

    def fill_patient(self, patient: PatientView) -> None:
        self.name.setText(patient.name)
        self.birth_date.setText(f"{patient.birth_date:%d/%m/%Y}" if patient.birth_date else "")
        self.nhs_number.setText(nhs_number_text(patient.nhs_number))
        self.postcode.setText(patient.postcode or "")
        self.phone.setText(patient.phone or "")
        for field in FIELDS:
            self._check_field(field, final=True)

    # --- checking as you type ------------------------------------------------------------------------------

    def _check_field(self, field: str, *, final: bool) -> str | None:
        """Check one field; show the problem (or a reassuring note) next to it. Returns the problem, if any."""
        from socialrx_desk.core.patients import (
            age_on,
            birth_date_problem,
            nhs_number_problem,
            normalise_nhs_number,
            normalise_phone,
            phone_problem,
            postcode_problem,
        )

        text = self._edit(field).text().strip()
        problem: str | None = None
        note = ""
        if field == "name":
            if not text and final:
                problem = "the patient's name is needed"
        elif field == "birth_date":
            if text:
                parsed = parse_birth_date(text)
                complete = final or len(text) >= 8
                if parsed is None and complete:
                    problem = "write it as DD/MM/YYYY, e.g. 17/05/1948"
                elif parsed is not None:
                    problem = birth_date_problem(parsed, local_today())
                    if problem is None:
                        note = f"Age {age_on(parsed, local_today())}"
            elif final:
                problem = "date of birth is needed"
        elif field == "nhs_number":
            digits = normalise_nhs_number(text)
            if text:
                if len(digits) < 10 and not final and digits.isdigit():
                    note = f"{len(digits)} of 10 digits"
                else:
                    problem = nhs_number_problem(text)
                    note = "" if problem else "Valid NHS number"
        elif field == "postcode":
            compact = text.replace(" ", "")
            if text and (final or len(compact) >= 5):
                problem = postcode_problem(text)
        elif field == "phone" and text:
            digits = normalise_phone(text)
            if final or len(digits) >= 10:
                problem = phone_problem(text)
        self._show_problem(field, problem, note)
        return problem

    def _show_problem(self, field: str, problem: str | None, note: str = "") -> None:
        label = self.problems.get(field)
        if label is None:
            return
        if problem:
            label.setText(_capital(problem))
            label.setProperty("kind", "error")
        else:
            label.setText(note)
            label.setProperty("kind", "ok" if note else "")
        label.style().unpolish(label)
        label.style().polish(label)
        if field not in FIELDS:
            label.setVisible(bool(label.text()))  # outside the form grid an empty line is just a gap
        edit = self._edit(field) if field in FIELDS else None
        if edit is not None:
            edit.setProperty("invalid", bool(problem))
            edit.style().unpolish(edit)
            edit.style().polish(edit)

    def _edit(self, field: str) -> QLineEdit:
        edit: QLineEdit = getattr(self, field)
        return edit

    def problem_text(self, field: str) -> str:
        label = self.problems.get(field)
        return label.text() if label is not None and label.property("kind") == "error" else ""

    # --- slots ---------------------------------------------------------------------------------------------

    def _load_first_week(self) -> None:
        """Open on the week of the first free slot, with that slot chosen: the common case is one keypress."""
        now = utc_naive(datetime.now())
        backend, service_id = self.backend, self.service.id
        self.runner.run_db(
            lambda context: backend.free_slots(service_id, now, now + timedelta(weeks=FIRST_LOOK_WEEKS), context),
            key="slots",
            on_success=self._on_first_slots,
            on_error=self._on_slots_failed,
            description="free slots",
        )

    def _on_first_slots(self, slots: tuple[SlotView, ...]) -> None:
        if not slots:
            self._show_week(week_start(local_today()), (), choose_first=False)
            self.chosen_label.setText(
                f"No free times in the next {FIRST_LOOK_WEEKS} weeks. Cancel and use Refer (Ctrl+R) instead: "
                "the service will contact the patient."
            )
            return
        monday = week_start(local(slots[0].start).date())
        end = utc_naive(datetime.combine(monday + timedelta(days=7), time()))
        self._show_week(monday, [s for s in slots if s.start < end], choose_first=True)

    def _move_week(self, step: int) -> None:
        monday = self.week_model.monday + timedelta(weeks=step)
        if monday + timedelta(days=6) < local_today():
            return  # nothing to book in the past
        self._load_week(monday)

    def _load_week(self, monday: date, keep: str | None = None) -> None:
        start = utc_naive(datetime.combine(monday, time()))
        end = utc_naive(datetime.combine(monday + timedelta(days=7), time()))
        backend, service_id = self.backend, self.service.id
        self._week_request += 1
        request = self._week_request

        def show(slots: tuple[SlotView, ...]) -> None:
            if request == self._week_request:
                self._show_week(monday, slots, keep=keep)

        self.runner.run_db(
            lambda context: backend.free_slots(service_id, start, end, context),
            key="slots",
            on_success=show,
            on_error=self._on_slots_failed,
            description="free slots",
        )

    def _show_week(
        self, monday: date, slots: Sequence[SlotView], *, choose_first: bool = False, keep: str | None = None
    ) -> None:
        had_focus = self.slots_view.hasFocus()
        chosen = keep or (self._chosen.id if self._chosen else None)
        self.week_model.set_week(monday, slots, local_today())
        sunday = monday + timedelta(days=6)
        self.week_label.setText(
            f"Week of {monday:%a} {monday.day} {monday:%b}"
            + (f" to {sunday:%a} {sunday.day} {sunday:%b}" if sunday.month != monday.month else "")
            + f": {self.week_model.total()} free"
        )
        self.previous_button.setEnabled(monday > week_start(local_today()))
        position = self.week_model.position_of(chosen) if chosen else None
        if position is None and choose_first:
            position = self.week_model.first_free()
        if position is not None:
            self._select_cell(*position)
        elif self._chosen is None:
            self.chosen_label.setText(
                "Choose a time (arrows, then Space)." if slots else "No free times this week: try the next week (PgDn)."
            )
        if had_focus:
            self.slots_view.setFocus()
        self.slots_shown.emit(self.week_model.total())

    def _select_cell(self, row: int, column: int) -> None:
        index = self.week_model.index(row, column)
        self.slots_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.slots_view.scrollTo(index)

    def _on_slot_selected(self) -> None:
        indexes = self.slots_view.selectionModel().selectedIndexes()
        slot = self.week_model.slot_at(indexes[0].row(), indexes[0].column()) if indexes else None
        if slot is None:
            return  # moving to another week clears the grid, never the choice
        self._chosen = slot
        self.chosen_label.setText(f"Chosen: <b>{escape(slot_text(slot.start, slot.end))}</b>")
        self._show_problem("slot", None)
        self._update_confirm_text()

    def choose_slot(self, slot_id: str) -> bool:
        """Choose a slot shown in the week on screen (tests and automation)."""
        position = self.week_model.position_of(slot_id)
        if position is None:
            return False
        self._select_cell(*position)
        return True

    @property
    def chosen_slot(self) -> SlotView | None:
        return self._chosen

    def _on_slots_failed(self, error: BaseException) -> None:
        self.chosen_label.setText("The free times could not be read: " + plain_message(error))

    def _update_confirm_text(self) -> None:
        if not self.book_mode:
            self.confirm_button.setText("Send referral  Ctrl+Enter")
        elif self._chosen is not None:
            self.confirm_button.setText(f"Book {slot_text(self._chosen.start)}  Ctrl+Enter")
        else:
            self.confirm_button.setText("Book  Ctrl+Enter")
        self.confirm_button.setAccessibleName(self.confirm_button.text().split("  ")[0])

    # --- confirming ----------------------------------------------------------------------------------------

    def _confirm_key(self) -> None:
        if self.pages.currentWidget() is self.form_page:
            self.confirm()
        else:
            self.accept()

    def confirm(self) -> None:
        if self._submitting:
            return
        problems = {field: p for field in FIELDS if (p := self._check_field(field, final=True)) is not None}
        if not self.consent.isChecked():
            problems["consent"] = "ask the patient, then tick this: nothing is shared without their consent"
            self._show_problem("consent", problems["consent"])
        if self.book_mode and self._chosen is None:
            problems["slot"] = "choose a time in the week above"
            self._show_problem("slot", problems["slot"])
        if problems:
            self._show_banner("Please check the details marked in red.", "error")
            first = next(iter(problems))
            target: QWidget = (
                self._edit(first) if first in FIELDS else (self.consent if first == "consent" else self.slots_view)
            )
            target.setFocus()
            return
        request = BookingRequest(
            service_id=self.service.id,
            slot_id=self._chosen.id if self.book_mode and self._chosen else None,
            name=self.name.text(),
            birth_date=parse_birth_date(self.birth_date.text()),
            nhs_number=self.nhs_number.text(),
            phone=self.phone.text(),
            postcode=self.postcode.text(),
            consent=self.consent.isChecked(),
            reason=self.reason.text(),
            needs=self.needs_model.ticked(),
        )
        self._submitting = True
        self.confirm_button.setEnabled(False)
        self._show_banner("Saving…", "info")
        backend = self.backend
        self.runner.run_db(
            lambda context: backend.book(request, context),
            on_success=self._on_booked,
            on_error=self._on_book_failed,
            description="book" if request.slot_id else "refer",
        )

    def _on_book_failed(self, error: BaseException) -> None:
        self._submitting = False
        self.confirm_button.setEnabled(True)
        problems = getattr(error, "problems", None)
        if isinstance(problems, dict) and problems:
            for field, problem in problems.items():
                self._show_problem(str(field), str(problem))
            self._show_banner("Please check the details marked in red.", "error")
            first = next((f for f in FIELDS if f in problems), None)
            if first is not None:
                self._edit(first).setFocus()
            return
        message = plain_message(error)
        self._show_banner(message, "error")
        if "slot" in message.lower() and self.book_mode:
            self._chosen = None
            self._update_confirm_text()
            self._load_week(self.week_model.monday)
            self.slots_view.setFocus()

    def _on_booked(self, view: ReferralView) -> None:
        self._submitting = False
        self.made = view
        self.banner.hide()
        self.show_outcome(view, syncing=self.enrolled, reached=None)
        self.pages.setCurrentWidget(self.result_page)
        self.done_button.setFocus()
        self.booked.emit(view)

    def show_outcome(self, view: ReferralView, *, syncing: bool, reached: bool | None) -> None:
        """Say what happened to the booking; called again when the sync after it lands."""
        self.made = view
        message = outcome_message(view, enrolled=self.enrolled, syncing=syncing, reached=reached)
        self.result_card.setProperty("kind", message.kind)
        self.result_card.style().unpolish(self.result_card)
        self.result_card.style().polish(self.result_card)
        self.result_title.setText(message.title)
        self.result_text.setText(message.text)
        self.result_details.setText(_details_html(view, self.needs_model.ticked_labels()))
        self.resolve_button.setVisible(view.needs_attention)

    def sync_landed(self, view: ReferralView, outcome: SyncOutcome) -> None:
        self.enrolled = outcome.enrolled
        self.show_outcome(view, syncing=False, reached=outcome.reached)

    @property
    def message_text(self) -> str:
        return f"{self.result_title.text()}\n{self.result_text.text()}"

    def _show_banner(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisible() else ""

    def _print(self, paper: str) -> None:
        if self.made is not None:
            self.print_requested.emit(paper, self.made)

    def _open_in_referrals(self) -> None:
        if self.made is not None:
            self.show_referral.emit(self.made.id)
            self.accept()


def _details_html(view: ReferralView, need_labels: Sequence[str]) -> str:
    rows = [("Reference", f"<b>{escape(view.reference)}</b>"), ("Service", escape(view.service_name))]
    if view.slot_start is not None:
        rows.append(("Time", escape(slot_text(view.slot_start, view.slot_end))))
    if view.patient is not None:
        patient = view.patient
        born = f", born {patient.birth_date:%d/%m/%Y}" if patient.birth_date else ""
        rows.append(("Patient", escape(patient.name + born)))
    if need_labels:
        rows.append(("Needs", escape(", ".join(need_labels))))
    if view.reason:
        rows.append(("Reason", escape(view.reason)))
    cells = "".join(f"<tr><td style='padding-right:14px; color:#4c6272'>{k}</td><td>{v}</td></tr>" for k, v in rows)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
