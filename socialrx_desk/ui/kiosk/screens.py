"""The browsing screens: home (need tiles), a tile's services (cards) and one service in easy-read words.

Words the kiosk writes itself are translated; names and descriptions that come from the service directory stay
in the directory's language, and the screen says so.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from socialrx_desk.ui.kiosk.backend import ServiceCard, ServicePage
from socialrx_desk.ui.kiosk.widgets import BigButton, Footer, IconLabel, Label, Panel, isolate, scroll_page

TILE_LABELS = {
    "money": str(QT_TRANSLATE_NOOP("KioskTiles", "Money worries")),
    "help_at_home": str(QT_TRANSLATE_NOOP("KioskTiles", "Help at home")),
    "lonely": str(QT_TRANSLATE_NOOP("KioskTiles", "Feeling lonely")),
    "getting_out": str(QT_TRANSLATE_NOOP("KioskTiles", "Getting out and about")),
    "cold_damp": str(QT_TRANSLATE_NOOP("KioskTiles", "Cold or damp home")),
    "mood": str(QT_TRANSLATE_NOOP("KioskTiles", "Mood and wellbeing")),
    "carers": str(QT_TRANSLATE_NOOP("KioskTiles", "Looking after someone")),
    "health": str(QT_TRANSLATE_NOOP("KioskTiles", "Healthy living")),
    "housing": str(QT_TRANSLATE_NOOP("KioskTiles", "Somewhere to live")),
    "other": str(QT_TRANSLATE_NOOP("KioskTiles", "Something else")),
}
ACCESS_LINES = {
    "self-referral": str(QT_TRANSLATE_NOOP("KioskAccess", "You can ask for this help yourself.")),
    "drop-in": str(QT_TRANSLATE_NOOP("KioskAccess", "You can just go along when it is open.")),
    "appointment": str(QT_TRANSLATE_NOOP("KioskAccess", "You need an appointment. They can arrange it with you.")),
    "membership": str(QT_TRANSLATE_NOOP("KioskAccess", "You can join.")),
    "referral": str(QT_TRANSLATE_NOOP("KioskAccess", "Staff need to ask for you. The desk can do this.")),
}
TILE_MIN_WIDTH = 200
# Label margins, tile border and a little air around the longest word.
TILE_PADDING = 64


def tile_label(tile: str) -> str:
    return QCoreApplication.translate("KioskTiles", TILE_LABELS.get(tile, TILE_LABELS["other"]))


def access_line(access: tuple[str, ...], closed: bool) -> str:
    if closed:
        return QCoreApplication.translate("KioskAccess", "Closed for now.")
    for key in ("self-referral", "drop-in", "appointment", "membership", "referral"):
        if key in access:
            return QCoreApplication.translate("KioskAccess", ACCESS_LINES[key])
    return QCoreApplication.translate("KioskAccess", "You can ask for this help yourself.")


class Screen(QWidget):
    """One page of the kiosk. ``heading()`` is what is read aloud when it appears."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def heading(self) -> str:
        return ""

    def clear(self) -> None:
        """Forget everything shown (directory data only on these screens; patient data in the form)."""


class HomeScreen(Screen):
    tile_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, _outer = scroll_page(self)
        self.title = Label("", role="title")
        self.lead = Label("", role="lead")
        self.page.column.addWidget(self.title)
        self.page.column.addWidget(self.lead)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 8, 0, 0)
        self.grid.setSpacing(20)
        self.page.column.addWidget(self.grid_host)
        self.page.column.addStretch(1)
        self.tiles: dict[str, BigButton] = {}
        self.status = Label("", role="hint")
        self.page.column.addWidget(self.status)
        self._columns = 0
        self.retranslate()

    def set_tiles(self, tiles: list[str]) -> None:
        for tile in self.tiles.values():
            tile.deleteLater()
        self.tiles = {}
        for tile_id in tiles:
            button = BigButton(tile_label(tile_id), role="tile", icon=tile_id, icon_size=96, vertical=True)
            button.setObjectName(f"tile-{tile_id}")
            button.setMinimumHeight(200)
            button.clicked.connect(lambda _checked=False, t=tile_id: self.tile_chosen.emit(t))
            self.tiles[tile_id] = button
        self._columns = 0
        self._lay_out()

    def set_status(self, text: str) -> None:
        self.status.set_text(text)

    def _lay_out(self) -> None:
        if not self.tiles:
            return
        # The page margins, and room for the scroll bar that large text may bring.
        width = max(self.page.width() - 80 - 48, TILE_MIN_WIDTH)  # not the viewport: it shrinks when the bar shows
        # A tile must be wide enough for its longest word: Polish and Somali words are long, and a word is
        # never broken across lines.
        widest = max(
            button.label.fontMetrics().horizontalAdvance(word)
            for button in self.tiles.values()
            for word in button.label.text().split() or [""]
        )
        tile_width = max(TILE_MIN_WIDTH, widest + TILE_PADDING)
        columns = max(2, min(5, (width + self.grid.spacing()) // (tile_width + self.grid.spacing())))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.tiles.values():
            self.grid.removeWidget(button)
        for index, button in enumerate(self.tiles.values()):
            self.grid.addWidget(button, index // columns, index % columns)
        for column in range(5):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._lay_out()

    def relayout(self) -> None:
        self._columns = 0
        self._lay_out()

    def retranslate(self) -> None:
        self.title.set_text(self.tr("How can we help you today?"))
        self.lead.set_text(
            self.tr("Touch the picture that fits best. You can change the language and the text size at the top.")
        )
        for tile_id, button in self.tiles.items():
            button.set_text(tile_label(tile_id))

    def heading(self) -> str:
        return self.title.text()


class ServiceCardButton(BigButton):
    """One service as a big card: its name, who runs it, a line about it and how to get in."""

    def __init__(self, card: ServiceCard, parent: QWidget | None = None) -> None:
        super().__init__("", role="card", parent=parent)
        self.card = card
        layout = self.layout()
        assert layout is not None
        layout.removeWidget(self.label)
        self.label.hide()
        column = QVBoxLayout()
        column.setSpacing(6)
        self.name = Label(card.name, role="card-title")
        self.organization = Label(card.organization or "", role="card-org")
        self.summary = Label(card.summary, role="card-body")
        self.how = Label("", role="card-how")
        for label in (self.name, self.organization, self.summary, self.how):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)
        assert isinstance(layout, QHBoxLayout)
        layout.addLayout(column, 1)
        self.arrow = IconLabel("forward", 48, self)
        layout.addWidget(self.arrow, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.how.set_text(access_line(self.card.access, self.card.closed))
        spoken = ". ".join(part for part in (self.card.name, self.card.organization or "", self.how.text()) if part)
        self.setAccessibleName(spoken)
        self.arrow.repaint_icon()


class ServicesScreen(Screen):
    service_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, _outer = scroll_page(self)
        self.tile = ""
        self.loading = False
        self.title = Label("", role="title")
        self.lead = Label("", role="lead")
        self.language_note = Label("", role="note")
        self.page.column.addWidget(self.title)
        self.page.column.addWidget(self.lead)
        self.page.column.addWidget(self.language_note)
        self.list_host = QWidget()
        self.list = QVBoxLayout(self.list_host)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(16)
        self.page.column.addWidget(self.list_host)
        self.page.column.addStretch(1)
        self.cards: list[ServiceCardButton] = []
        self.retranslate()

    def show_loading(self, tile: str) -> None:
        self.clear()
        self.tile = tile
        self.loading = True
        self.retranslate()

    def show_cards(self, tile: str, cards: tuple[ServiceCard, ...]) -> None:
        self.clear()
        self.tile = tile
        for card in cards:
            button = ServiceCardButton(card)
            button.clicked.connect(lambda _checked=False, i=card.id: self.service_chosen.emit(i))
            self.list.addWidget(button)
            self.cards.append(button)
        self.retranslate()
        self.page.to_top()

    def clear(self) -> None:
        for card in self.cards:
            self.list.removeWidget(card)
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        self.tile = ""
        self.loading = False

    def retranslate(self) -> None:
        self.title.set_text(tile_label(self.tile) if self.tile else "")
        if self.loading:
            self.lead.set_text(self.tr("Looking for help near you…"))
        elif self.cards:
            self.lead.set_text(self.tr("These places can help. Touch one to find out more."))
        elif self.tile:
            self.lead.set_text(self.tr("We could not find help for this on this screen. Please ask at the desk."))
        else:
            self.lead.set_text("")
        english_names = QLocale().language() != QLocale.Language.English and bool(self.cards)
        self.language_note.set_text(
            self.tr("The names and details of services are in English, as the services wrote them.")
            if english_names
            else ""
        )
        for card in self.cards:
            card.retranslate()

    def heading(self) -> str:
        return self.title.text()


class ServiceScreen(Screen):
    self_refer = Signal(str)
    ask_desk = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, outer = scroll_page(self)
        self.service: ServicePage | None = None
        self.notice_text = ""
        column = self.page.column
        self.notice = Label("", role="notice")
        self.title = Label("", role="title")
        self.organization = Label("", role="lead")
        self.language_note = Label("", role="note")
        self.alert = Label("", role="problem")
        column.addWidget(self.notice)
        column.addWidget(self.title)
        column.addWidget(self.organization)
        column.addWidget(self.language_note)
        column.addWidget(self.alert)
        self.sections: dict[str, tuple[Label, Label]] = {}
        for key in ("what", "who", "next", "when", "where"):
            panel = Panel("section")
            box = QVBoxLayout(panel)
            box.setContentsMargins(24, 18, 24, 18)
            box.setSpacing(8)
            heading = Label("", role="section-title")
            body = Label("", role="body")
            box.addWidget(heading)
            box.addWidget(body)
            column.addWidget(panel)
            self.sections[key] = (heading, body)
            panel.setObjectName(f"section-{key}")
        column.addStretch(1)
        footer = Footer()
        outer.addWidget(footer)
        actions = footer.row
        self.refer_button = BigButton("", role="primary", icon="phone", icon_size=44)
        self.desk_button = BigButton("", role="secondary", icon="desk", icon_size=44)
        self.refer_button.clicked.connect(lambda: self.service and self.self_refer.emit(self.service.id))
        self.desk_button.clicked.connect(lambda: self.service and self.ask_desk.emit(self.service.id))
        actions.addWidget(self.refer_button, 1)
        actions.addWidget(self.desk_button, 1)
        self.retranslate()

    def show_service(self, service: ServicePage | None, notice: str = "") -> None:
        self.service = service
        self.notice_text = notice
        self.retranslate()
        self.page.to_top()

    def set_notice(self, notice: str) -> None:
        self.notice_text = notice
        self.notice.set_text(notice)

    def clear(self) -> None:
        self.service = None
        self.notice_text = ""
        self.retranslate()

    def retranslate(self) -> None:
        service = self.service
        self.notice.set_text(self.notice_text)
        for panel_key, (heading, body) in self.sections.items():
            heading.set_text("")
            body.set_text("")
            panel = heading.parentWidget()
            if panel is not None:
                panel.setVisible(service is not None)
            del panel_key
        if service is None:
            self.title.set_text(self.tr("This service is no longer listed.") if self.notice_text == "" else "")
            self.organization.set_text("")
            self.language_note.set_text("")
            self.alert.set_text("")
            self.refer_button.hide()
            self.desk_button.hide()
            return
        self.title.set_text(service.name)
        self.organization.set_text(
            self.tr("Run by %1").replace("%1", isolate(service.organization)) if service.organization else ""
        )
        english = QLocale().language() != QLocale.Language.English
        self.language_note.set_text(
            self.tr("The name and description of this service are in English, as the service wrote them.")
            if english
            else ""
        )
        self.alert.set_text(
            self.tr("This service is closed for now. The desk can tell you what else may help.")
            if service.closed
            else (service.alert or "")
        )
        self._section("what", self.tr("What it is"), service.description or self.tr("No description was given."))
        self._section("who", self.tr("Who it is for"), self._who(service))
        self._section("next", self.tr("What happens next"), self._next(service))
        self._section("when", self.tr("When it is open"), self._when(service))
        where = "\n".join(part for part in (service.address or "", self._phone_line(service)) if part)
        self._section("where", self.tr("Where and how to contact them"), where)
        self.refer_button.setVisible(service.can_self_refer)
        self.refer_button.set_text(self.tr("Ask them to contact me"))
        self.desk_button.show()
        self.desk_button.set_text(self.tr("Ask the desk to book this for me"))

    def _section(self, key: str, heading: str, body: str) -> None:
        title, text = self.sections[key]
        title.set_text(heading if body else "")
        text.set_text(body)
        panel = title.parentWidget()
        if panel is not None:
            panel.setVisible(bool(body))

    def _phone_line(self, service: ServicePage) -> str:
        return self.tr("Phone: %1").replace("%1", isolate(service.phone)) if service.phone else ""

    def _who(self, service: ServicePage) -> str:
        lines = []
        if service.min_age is not None and service.max_age is not None:
            lines.append(
                self.tr("For people aged %1 to %2.")
                .replace("%1", QLocale().toString(service.min_age))
                .replace("%2", QLocale().toString(service.max_age))
            )
        elif service.min_age is not None:
            lines.append(self.tr("For people aged %1 or over.").replace("%1", QLocale().toString(service.min_age)))
        elif service.max_age is not None:
            lines.append(self.tr("For people aged %1 or under.").replace("%1", QLocale().toString(service.max_age)))
        if service.eligibility:
            lines.append(self.tr("The service says: %1").replace("%1", isolate("; ".join(service.eligibility))))
        if not lines:
            lines.append(self.tr("Anyone can use it."))
        return "\n".join(lines)

    def _next(self, service: ServicePage) -> str:
        if service.closed:
            return self.tr(
                "Press “Ask the desk to book this for me”. The desk team will phone you about what else may help."
            )
        lines = []
        if service.can_self_refer:
            lines.append(
                self.tr("Press “Ask them to contact me” and leave your name and phone number. They will phone you.")
            )
        else:
            lines.append(
                self.tr(
                    "Staff need to ask this service for you. Press “Ask the desk to book this for me” "
                    "and the desk team will do it and phone you."
                )
            )
        if "drop-in" in service.access:
            lines.append(self.tr("You can also just go along when it is open."))
        return "\n".join(lines)

    def _when(self, service: ServicePage) -> str:
        locale = QLocale()
        if service.openings:
            lines = []
            for opening in service.openings:
                day = locale.toString(QDate(opening.day.year, opening.day.month, opening.day.day), "dddd d MMMM")
                if opening.opens and opening.closes:
                    times = (
                        self.tr("%1 to %2")
                        .replace(
                            "%1",
                            locale.toString(
                                QTime(opening.opens.hour, opening.opens.minute), QLocale.FormatType.ShortFormat
                            ),
                        )
                        .replace(
                            "%2",
                            locale.toString(
                                QTime(opening.closes.hour, opening.closes.minute), QLocale.FormatType.ShortFormat
                            ),
                        )
                    )
                    lines.append(f"{day}: {times}")
                else:
                    lines.append(day)
            return self.tr("Next open:") + "\n" + "\n".join(lines)
        if service.opening_lines:
            return "\n".join(service.opening_lines)
        return self.tr("Opening times are not listed. Please ask at the desk.")

    def heading(self) -> str:
        return self.title.text()
