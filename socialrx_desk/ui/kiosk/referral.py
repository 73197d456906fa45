"""The self-referral: one question per screen (name, date of birth, phone, what would help, consent), then a
result that always says plainly what happened and gives the reference number.

What the person types lives only in these widgets until the request is saved; ``clear()`` wipes all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from socialrx_desk.core.patients import MAX_AGE_YEARS, phone_problem
from socialrx_desk.ui.kiosk.backend import PatientEntry
from socialrx_desk.ui.kiosk.i18n import language
from socialrx_desk.ui.kiosk.keypad import BirthDateEntry, PhoneEntry
from socialrx_desk.ui.kiosk.screens import Screen
from socialrx_desk.ui.kiosk.widgets import (
    BigButton,
    Footer,
    IconLabel,
    Label,
    Panel,
    isolate,
    scroll_page,
    wipe_text,
)

MAX_NAME = 120
MAX_OTHER = 300
# What would help: shown translated, sent to the service in English (the language its staff read).
HELP_OPTIONS = (
    ("call", str(QT_TRANSLATE_NOOP("KioskHelp", "Please phone me to talk about it"))),
    ("visit", str(QT_TRANSLATE_NOOP("KioskHelp", "A visit at home"))),
    ("forms", str(QT_TRANSLATE_NOOP("KioskHelp", "Help filling in forms"))),
    ("language", str(QT_TRANSLATE_NOOP("KioskHelp", "Someone who speaks my language"))),
    ("leaflet", str(QT_TRANSLATE_NOOP("KioskHelp", "Information I can take home"))),
    ("unsure", str(QT_TRANSLATE_NOOP("KioskHelp", "I am not sure what I need"))),
)
STEPS = ("name", "birth", "phone", "help", "consent")


@dataclass(frozen=True, slots=True)
class FormAnswers:
    service_id: str
    service_name: str
    ask_desk: bool
    entry: PatientEntry
    reason: str


def birth_date_issue(entry: BirthDateEntry, today: date) -> str | None:
    """A gentle, translatable reason why the date cannot be used yet, or None."""
    if not entry.complete():
        return QCoreApplication.translate(
            "ReferralFlow", "Please type the day, the month and all 4 numbers of the year."
        )
    value = entry.value()
    if value is None:
        return QCoreApplication.translate(
            "ReferralFlow", "This date does not exist. Please check the day and the month."
        )
    if value > today:
        return QCoreApplication.translate("ReferralFlow", "This date is in the future. Please check the year.")
    if today.year - value.year > MAX_AGE_YEARS:
        return QCoreApplication.translate("ReferralFlow", "Please check the year.")
    return None


def phone_issue(value: str) -> str | None:
    if not value:
        return QCoreApplication.translate("ReferralFlow", "Please type your phone number. They need it to contact you.")
    if phone_problem(value) is not None:
        return QCoreApplication.translate("ReferralFlow", "A phone number starts with 0 and has 10 or 11 numbers.")
    return None


class Step(QWidget):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.page, outer = scroll_page(self)
        self.progress = Label("", role="progress")
        self.title = Label("", role="title")
        self.lead = Label("", role="lead")
        self.problem = Label("", role="problem")
        for label in (self.progress, self.title, self.lead):
            self.page.column.addWidget(label)
        self.body = QVBoxLayout()
        self.body.setSpacing(18)
        self.page.column.addLayout(self.body)
        self.page.column.addWidget(self.problem)
        self.page.column.addStretch(1)
        self.footer = Footer()
        self.next_button = BigButton("", role="primary", icon="forward", icon_size=40)
        self.footer.row.addStretch(1)
        self.footer.row.addWidget(self.next_button, 2)
        outer.addWidget(self.footer)


class ReferralFlow(Screen):
    """The form. Emits ``submit`` with everything answered once the person has said yes to sending it."""

    submit = Signal(object)  # FormAnswers
    declined = Signal()
    left = Signal()  # Back from the first question

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service_id = ""
        self.service_name = ""
        self.ask_desk = False
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.steps: dict[str, Step] = {}
        for key in STEPS:
            step = Step(key)
            self.steps[key] = step
            self.stack.addWidget(step)
            step.next_button.clicked.connect(lambda _checked=False, k=key: self._next(k))

        name_step = self.steps["name"]
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(MAX_NAME)
        self.name.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhSensitiveData)
        self.name.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.name.setMinimumHeight(88)
        self.name.textEdited.connect(lambda _text: name_step.problem.set_text(""))
        self.name.returnPressed.connect(lambda: self._next("name"))
        name_step.body.addWidget(self.name)

        self.birth = BirthDateEntry()
        self.birth.changed.connect(lambda: self.steps["birth"].problem.set_text(""))
        self.steps["birth"].body.addWidget(self.birth)

        self.phone = PhoneEntry()
        self.phone.changed.connect(self._phone_changed)
        self.steps["phone"].body.addWidget(self.phone)

        help_step = self.steps["help"]
        self.options: dict[str, BigButton] = {}
        for key, _text in HELP_OPTIONS:
            option = BigButton("", role="option", icon="tick-off", icon_size=40)
            option.setCheckable(True)
            option.setObjectName(f"option-{key}")
            option.toggled.connect(lambda checked, o=option: self._option_toggled(o, checked))
            help_step.body.addWidget(option)
            self.options[key] = option
        self.other_caption = Label("", role="caption")
        self.other = QLineEdit()
        self.other.setObjectName("other")
        self.other.setMaxLength(MAX_OTHER)
        self.other.setMinimumHeight(88)
        self.other.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.other.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData)
        help_step.body.addWidget(self.other_caption)
        help_step.body.addWidget(self.other)

        consent_step = self.steps["consent"]
        self.consent_panel = Panel("section")
        box = QVBoxLayout(self.consent_panel)
        box.setContentsMargins(24, 18, 24, 18)
        self.consent_what = Label("", role="body")
        self.consent_use = Label("", role="body")
        box.addWidget(self.consent_what)
        box.addWidget(self.consent_use)
        consent_step.body.addWidget(self.consent_panel)
        consent_step.next_button.hide()
        consent_step.footer.row.takeAt(0)  # the stretch: yes and no share the bar
        choices = consent_step.footer.row
        self.yes = BigButton("", role="primary", icon="tick", icon_size=44)
        self.no = BigButton("", role="secondary", icon="cross", icon_size=44)
        self.yes.setObjectName("consent-yes")
        self.no.setObjectName("consent-no")
        self.yes.clicked.connect(self._send)
        self.no.clicked.connect(self._decline)
        choices.addWidget(self.yes, 1)
        choices.addWidget(self.no, 1)
        self.retranslate()

    # --- navigation -------------------------------------------------------------------------------------------

    def start(self, service_id: str, service_name: str, *, ask_desk: bool) -> None:
        self.clear()
        self.service_id = service_id
        self.service_name = service_name
        self.ask_desk = ask_desk
        self.show_step("name")
        self.retranslate()

    def current(self) -> str:
        widget = self.stack.currentWidget()
        return widget.key if isinstance(widget, Step) else STEPS[0]

    def show_step(self, key: str, problem: str = "") -> None:
        step = self.steps[key]
        step.problem.set_text(problem)
        self.stack.setCurrentWidget(step)
        step.page.to_top()
        if key == "name":
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            # Not the Next button: a focus ring on it would look like something already chosen.
            self.window().setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()

    def back(self) -> bool:
        """Go one question back; False when already at the first (the caller leaves the form)."""
        index = STEPS.index(self.current())
        if index == 0:
            return False
        self.show_step(STEPS[index - 1])
        return True

    def _next(self, key: str) -> None:
        problem = self.problem_for(key)
        if problem is not None:
            self.steps[key].problem.set_text(problem)
            return
        index = STEPS.index(key)
        self.show_step(STEPS[min(index + 1, len(STEPS) - 1)])

    def problem_for(self, key: str) -> str | None:
        if key == "name":
            if not " ".join(self.name.text().split()):
                return self.tr("Please type your name.")
            return None
        if key == "birth":
            return birth_date_issue(self.birth, date.today())
        if key == "phone":
            return phone_issue(self.phone.value())
        return None

    def show_problems(self, problems: dict[str, str]) -> None:
        """Problems found when saving (the service layer's rules): back to the first question concerned."""
        for field, key in (("name", "name"), ("birth_date", "birth"), ("phone", "phone")):
            if field in problems:
                self.show_step(key, self.problem_for(key) or self.tr("Please check this answer."))
                return
        self.show_step("consent", self.tr("Something in your answers could not be used. Please check them."))

    def _phone_changed(self) -> None:
        value = self.phone.value()
        step = self.steps["phone"]
        # Only say something while typing when it is certain: a UK number that cannot start like this.
        if value and not value.startswith("0"):
            step.problem.set_text(self.tr("A phone number starts with 0 and has 10 or 11 numbers."))
        else:
            step.problem.set_text("")

    def _option_toggled(self, option: BigButton, checked: bool) -> None:
        if option.icon_label is not None:
            option.icon_label.set_icon("tick-box" if checked else "tick-off")
        option.setAccessibleDescription(self.tr("Chosen") if checked else self.tr("Not chosen"))

    # --- sending ----------------------------------------------------------------------------------------------

    def answers(self) -> FormAnswers:
        chosen = [text for key, text in HELP_OPTIONS if self.options[key].isChecked()]
        parts = []
        if chosen:
            parts.append("Chosen at the kiosk: " + "; ".join(chosen) + ".")
        typed = " ".join(self.other.text().split())
        if typed:
            parts.append(f"In their words: {typed}")
        current = language(QLocale().name())
        if current.code != "en":
            parts.append(f"The kiosk was used in {current.english}.")
        return FormAnswers(
            service_id=self.service_id,
            service_name=self.service_name,
            ask_desk=self.ask_desk,
            entry=PatientEntry(
                name=" ".join(self.name.text().split()),
                birth_date=self.birth.value(),
                phone=self.phone.value(),
            ),
            reason=" ".join(parts),
        )

    def _send(self) -> None:
        for key in ("name", "birth", "phone"):
            problem = self.problem_for(key)
            if problem is not None:
                self.show_step(key, problem)
                return
        self.submit.emit(self.answers())

    def _decline(self) -> None:
        self.clear()
        self.declined.emit()

    def clear(self) -> None:
        wipe_text(self.name)
        self.birth.clear()
        self.phone.clear()
        wipe_text(self.other)
        for option in self.options.values():
            option.setChecked(False)
        for step in self.steps.values():
            step.problem.set_text("")
        self.service_id = ""
        self.service_name = ""
        self.ask_desk = False
        self.stack.setCurrentWidget(self.steps["name"])

    # --- words ------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        total = len(STEPS)
        for index, key in enumerate(STEPS, start=1):
            step = self.steps[key]
            step.progress.set_text(
                self.tr("Question %1 of %2")
                .replace("%1", QLocale().toString(index))
                .replace("%2", QLocale().toString(total))
            )
            step.next_button.set_text(self.tr("Next"))
            step.next_button.setObjectName(f"next-{key}")
        self.steps["name"].title.set_text(self.tr("What is your name?"))
        self.steps["name"].lead.set_text(self.tr("Type your first name and your surname."))
        self.name.setPlaceholderText(self.tr("Your name"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.steps["birth"].title.set_text(self.tr("When were you born?"))
        self.steps["birth"].lead.set_text(self.tr("Use the numbers to type the day, the month and the year."))
        self.birth.retranslate()
        self.birth.keypad.retranslate()
        self.steps["phone"].title.set_text(self.tr("What is your phone number?"))
        self.steps["phone"].lead.set_text(self.tr("They will phone you on this number. Use the numbers below."))
        self.phone.retranslate()
        self.phone.keypad.retranslate()
        self.steps["help"].title.set_text(self.tr("What would help you?"))
        self.steps["help"].lead.set_text(
            self.tr("Choose any that fit, or none. You can also type something in your own words.")
        )
        for key, text in HELP_OPTIONS:
            option = self.options[key]
            option.set_text(QCoreApplication.translate("KioskHelp", text))
            self._option_toggled(option, option.isChecked())
        self.other_caption.set_text(self.tr("Something else (you can type here):"))
        self.other.setAccessibleName(self.tr("Something else, in your own words"))
        consent = self.steps["consent"]
        consent.title.set_text(self.tr("Is it OK to send your details?"))
        consent.lead.set_text("")
        if self.ask_desk:
            self.consent_what.set_text(
                self.tr(
                    "We will send your name, date of birth, phone number and what you chose to the desk team "
                    "at this surgery. They will book “%1” for you and phone you."
                ).replace("%1", isolate(self.service_name))
            )
        else:
            self.consent_what.set_text(
                self.tr("We will send your name, date of birth, phone number and what you chose to “%1”.").replace(
                    "%1", isolate(self.service_name)
                )
            )
        self.consent_use.set_text(
            self.tr("They will only use it to contact you about this help. Nothing is kept on this screen.")
        )
        self.yes.set_text(self.tr("Yes, send my details"))
        self.no.set_text(self.tr("No, do not send"))

    def heading(self) -> str:
        step = self.steps[self.current()]
        return step.title.text()


class ResultScreen(Screen):
    """Success or failure, said in words, with the reference number; Print and Finish."""

    finish = Signal()
    print_slip = Signal()
    retry = Signal()

    SENDING = "sending"
    SENT = "sent"
    QUEUED = "queued"
    FAILED = "failed"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, outer = scroll_page(self)
        self.state = ""
        self.reference = ""
        self.service_name = ""
        self.ask_desk = False
        self.referral_id = ""
        self.print_state = ""
        self.can_print = False
        column = self.page.column
        top = QHBoxLayout()
        self.mark = IconLabel("tick-circle", 88)
        top.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        self.title = Label("", role="title")
        top.addWidget(self.title, 1)
        column.addLayout(top)
        self.message = Label("", role="lead")
        self.next_steps = Label("", role="body")
        column.addWidget(self.message)
        column.addWidget(self.next_steps)
        self.reference_panel = Panel("reference")
        box = QVBoxLayout(self.reference_panel)
        box.setContentsMargins(28, 20, 28, 20)
        self.reference_caption = Label("", role="section-title")
        self.reference_label = Label("", role="reference-number")
        self.reference_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.reference_hint = Label("", role="body")
        box.addWidget(self.reference_caption)
        box.addWidget(self.reference_label)
        box.addWidget(self.reference_hint)
        column.addWidget(self.reference_panel)
        self.print_status = Label("", role="hint")
        column.addWidget(self.print_status)
        column.addStretch(1)
        footer = Footer()
        outer.addWidget(footer)
        buttons = footer.row
        self.print_button = BigButton("", role="secondary", icon="printer", icon_size=44)
        self.retry_button = BigButton("", role="secondary", icon="back", icon_size=44)
        self.finish_button = BigButton("", role="primary", icon="home", icon_size=44)
        self.print_button.setObjectName("print")
        self.finish_button.setObjectName("finish")
        self.print_button.clicked.connect(self.print_slip.emit)
        self.retry_button.clicked.connect(self.retry.emit)
        self.finish_button.clicked.connect(self.finish.emit)
        buttons.addWidget(self.print_button, 1)
        buttons.addWidget(self.retry_button, 1)
        buttons.addWidget(self.finish_button, 1)
        self.retranslate()

    def show_outcome(
        self, state: str, *, reference: str = "", service_name: str = "", ask_desk: bool = False, referral_id: str = ""
    ) -> None:
        self.state = state
        self.reference = reference
        self.service_name = service_name
        self.ask_desk = ask_desk
        self.referral_id = referral_id
        self.print_state = ""
        self.retranslate()
        self.page.to_top()

    def set_state(self, state: str) -> None:
        self.state = state
        self.retranslate()

    def set_print_state(self, state: str) -> None:
        self.print_state = state
        self.retranslate()

    def clear(self) -> None:
        self.show_outcome("")

    def retranslate(self) -> None:
        state = self.state
        failed = state == self.FAILED
        self.mark.set_icon("alert-circle" if failed else "tick-circle")
        self.mark.setVisible(bool(state))
        if state == self.SENDING:
            self.title.set_text(self.tr("Thank you. Your request is saved."))
            self.message.set_text(self.tr("We are sending it now. Please wait a moment…"))
        elif state == self.SENT:
            self.title.set_text(self.tr("Thank you. Your request has been sent."))
            self.message.set_text(self.tr("It has been passed on. You do not need to do anything else."))
        elif state == self.QUEUED:
            self.title.set_text(self.tr("Thank you. Your request is saved."))
            self.message.set_text(
                self.tr(
                    "There is no connection right now, so it has not been sent yet. It will be sent by itself "
                    "as soon as the connection is back. You do not need to do anything else."
                )
            )
        elif failed:
            self.title.set_text(self.tr("Sorry, that did not work."))
            self.message.set_text(
                self.tr("Your request was not saved and nothing was sent. Please try again, or ask at the desk.")
            )
        else:
            self.title.set_text("")
            self.message.set_text("")
        if state in (self.SENT, self.QUEUED, self.SENDING):
            if self.ask_desk:
                text = self.tr("The desk team will book “%1” for you and phone you. You can also talk to them today.")
            else:
                text = self.tr("“%1” will phone you on the number you gave.")
            self.next_steps.set_text(text.replace("%1", isolate(self.service_name)))
        else:
            self.next_steps.set_text("")
        has_reference = bool(self.reference) and not failed
        self.reference_panel.setVisible(has_reference)
        self.reference_caption.set_text(self.tr("Your reference number") if has_reference else "")
        self.reference_label.set_text(self.reference if has_reference else "")
        self.reference_label.setAccessibleName(" ".join(self.reference) if has_reference else "")
        self.reference_hint.set_text(
            self.tr("Say this number if you phone them or ask at the desk.") if has_reference else ""
        )
        printing = {
            "printing": self.tr("Your slip is printing. Please take it from the printer."),
            "printed": self.tr("Your slip has been printed. Please take it from the printer."),
            "failed": self.tr("The slip could not be printed. Please write the number down, or ask at the desk."),
        }
        self.print_status.set_text(printing.get(self.print_state, ""))
        self.print_button.setVisible(has_reference and self.can_print)
        self.print_button.set_text(self.tr("Print a slip with this number"))
        self.retry_button.setVisible(failed)
        self.retry_button.set_text(self.tr("Try again"))
        self.finish_button.set_text(self.tr("Finish and clear my details"))

    def heading(self) -> str:
        return self.title.text()
