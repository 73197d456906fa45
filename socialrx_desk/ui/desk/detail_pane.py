"""The detail pane: everything a receptionist tells a patient about one service, in the order they ask."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from socialrx_desk.ui import style
from socialrx_desk.ui.models.rows import ServiceView

DOCUMENT_CSS = f"""
h3 {{ color: {style.ACCENT_DARK}; font-size: large; margin-top: 14px; margin-bottom: 4px; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
ul {{ margin-top: 0px; margin-bottom: 6px; }}
li {{ margin-bottom: 2px; }}
.muted {{ color: {style.TEXT_MUTED}; }}
.alert {{ color: {style.ERROR}; font-weight: bold; }}
.need {{ color: {style.ACCENT}; font-weight: bold; }}
a {{ color: {style.ACCENT}; }}
"""


def language_name(code: str) -> str:
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def _lines(items: tuple[str, ...] | list[str], empty: str = "") -> str:
    if not items:
        return f"<p class='muted'>{escape(empty)}</p>" if empty else ""
    return "<p>" + "<br>".join(escape(item) for item in items) + "</p>"


def _link(url: str) -> str:
    href = url if "://" in url else f"https://{url}"
    if not href.lower().startswith(("http://", "https://")):
        return escape(url)  # never a javascript: or file: link from a directory feed
    shown = href.split("://", 1)[1].rstrip("/")
    return f"<a href='{escape(href, quote=True)}'>{escape(shown)}</a>"


def _mail(address: str) -> str:
    return f"<a href='mailto:{escape(address, quote=True)}'>{escape(address)}</a>"


def _contact_html(view: ServiceView) -> str:
    lines: list[str] = []
    for contact in view.contacts:
        if contact.name:
            lines.append(escape(contact.name))
        lines.extend(f"Phone <b>{escape(phone)}</b>" for phone in contact.phones)
        if contact.email:
            lines.append("Email " + _mail(contact.email))
    if view.email and all(view.email != c.email for c in view.contacts):
        lines.append("Email " + _mail(view.email))
    if view.website:
        lines.append("Web " + _link(view.website))
    if not lines:
        return "<p class='muted'>No contact details given.</p>"
    return "<p>" + "<br>".join(lines) + "</p>"


def render_html(view: ServiceView) -> str:
    """The body of the detail pane as Qt rich text. Everything from the directory is escaped."""
    parts: list[str] = []
    if view.inactive:
        parts.append(f"<p class='alert'>This service is {escape(view.status)}.</p>")
    if view.alert:
        parts.append(f"<p class='alert'>{escape(view.alert)}</p>")
    if view.description:
        parts.append(f"<p>{escape(view.description)}</p>")
    if view.need_labels:
        needs = ", ".join(f"<span class='need'>{escape(n)}</span>" for n in view.need_labels)
        parts.append(f"<p>Helps with: {needs}</p>")

    access = list(view.access) or ["The directory does not say; contact the service first."]
    if view.attending:
        access.append(f"Delivered as: {view.attending}.")
    if view.fees:
        access.append(f"Cost: {view.fees}")
    who = _section("Who it is for", _lines([view.who_for])) + _section("How to get in", _lines(access))
    if view.languages:
        who += _section("Languages", _lines([", ".join(language_name(code) for code in view.languages)]))
    when = ""
    if view.bookable:
        total = f"{view.free_slot_count} free in the next four weeks; Ctrl+B books one."
        when += _section("Next free slots", _lines([*view.free_slots, total]))
    when += _section("Opening times", _lines(view.opening_lines, "No opening times given; ask the service."))
    when += _section("Next openings", _lines(view.next_openings, "None in the next two weeks."))
    where = list(view.addresses)
    if view.accessibility:
        where.append("Access: " + ", ".join(view.accessibility))
    cell = "<td width='50%' valign='top' style='padding-right: 20px; padding-bottom: 8px'>"
    parts.append(
        "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 6px'>"
        f"<tr>{cell}{who}</td>{cell}{when}</td></tr>"
        f"<tr>{cell}{_section('Where', _lines(where, 'No address given.'))}</td>"
        f"{cell}{_section('Contact', _contact_html(view))}</td></tr>"
        "</table>"
    )
    return "".join(parts)


class DetailPane(QFrame):
    """Header (name, organisation, room for actions) over a scrollable, selectable body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setWordWrap(True)
        # Booking and referral actions for the shown service (book, refer, print).
        self.actions_bar = QHBoxLayout()
        self.actions_bar.setSpacing(8)
        self.book_button = self._action_button("bookButton", "Book a slot", "Ctrl+B")
        self.refer_button = self._action_button("referButton", "Refer", "Ctrl+R")
        self.print_button = self._action_button("printButton", "Print", "Ctrl+P")
        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        # The actions sit under the name, not beside it: a long service name keeps the whole width.
        top = QVBoxLayout()
        top.setSpacing(8)
        top.addLayout(header)
        top.addLayout(self.actions_bar)
        self.actions_bar.addStretch(1)
        self.body = QTextBrowser(self)
        self.body.setObjectName("detailBody")
        self.body.setAccessibleName("Service details")
        self.body.setOpenExternalLinks(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.document().setDefaultStyleSheet(DOCUMENT_CSS)
        self.body.document().setDocumentMargin(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        self.view: ServiceView | None = None
        self.show_placeholder("Choose a service", "Its details, opening times and contacts appear here.")

    def _action_button(self, name: str, text: str, keys: str) -> QPushButton:
        # The shortcut is part of the label: a receptionist learns it by seeing it, not by hovering.
        button = QPushButton(f"{text}  {keys}", self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({keys})")
        button.setAutoDefault(False)
        button.hide()
        self.actions_bar.addWidget(button)
        return button

    def _show_actions(self, view: ServiceView | None) -> None:
        takes_referrals = view is not None and not view.inactive
        self.book_button.setVisible(takes_referrals and view is not None and view.bookable)
        self.refer_button.setVisible(takes_referrals)
        self.print_button.setVisible(view is not None)
        # The first action is the one Enter means: booking when there are slots, else a referral.
        bookable = view is not None and view.bookable
        self.book_button.setProperty("primary", takes_referrals and bookable)
        self.refer_button.setProperty("primary", takes_referrals and not bookable)
        for button in (self.book_button, self.refer_button):
            button.style().unpolish(button)
            button.style().polish(button)

    def show_service(self, view: ServiceView) -> None:
        self._show_actions(view)
        self.view = view
        self.title.setText(view.name)
        self.subtitle.setText(view.organization)
        self.subtitle.setVisible(bool(view.organization))
        self.body.setHtml(render_html(view))
        self.body.verticalScrollBar().setValue(0)
        self.setAccessibleName(f"Details of {view.name}")

    def show_placeholder(self, title: str, text: str) -> None:
        self._show_actions(None)
        self.view = None
        self.title.setText(title)
        self.subtitle.hide()
        self.body.setHtml(f"<p class='muted'>{escape(text)}</p>")
        self.setAccessibleName(title)

    @property
    def text(self) -> str:
        """Everything the pane shows, as plain text (for tests and screen readers)."""
        return "\n".join(part for part in (self.title.text(), self.subtitle.text(), self.body.toPlainText()) if part)
