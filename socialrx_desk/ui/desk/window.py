"""The receptionist's main window: search in the patient's words, read a service, book or refer, follow up.

All database work goes through the :class:`TaskRunner`'s database lane, and sync through its network pool; this
module arranges widgets and reacts to answers. Each search gets a request id; only the answer to the newest
request is ever shown.

Start-up: the constructor builds only what the first paint shows (menu titles, tabs, the search box, a loading
line, the status bar) from the cheapest parts of Qt. Everything else (results, details, filters, actions,
the referrals view) is built by :meth:`DeskWindow.build`, which :meth:`start` runs after the window is on screen.
The ``Qt`` namespace is reached through ``QtCore.Qt`` at call time for the same reason (see ``search_box.py``).
"""

from __future__ import annotations

import functools
import itertools
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from socialrx_desk.ui.desk.search_box import SearchBox

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QShortcut
    from PySide6.QtWidgets import QProgressDialog, QSplitter, QStackedWidget

    from socialrx_desk.paths import Profile
    from socialrx_desk.services.referrals import ReferralView
    from socialrx_desk.ui.desk.backend import DeskBackend, ImportOutcome, ReferralLists, SearchAnswer, SearchRequest
    from socialrx_desk.ui.desk.booking import BookingDialog
    from socialrx_desk.ui.desk.demo import DemoHub, DemoHubInfo
    from socialrx_desk.ui.desk.detail_pane import DetailPane
    from socialrx_desk.ui.desk.panels import MessagePanel, NoticeBar, SyncStatusWidget
    from socialrx_desk.ui.desk.printing import PrintJob
    from socialrx_desk.ui.desk.referrals_page import ReferralsPage
    from socialrx_desk.ui.desk.results_view import ResultsView
    from socialrx_desk.ui.desk.search_bar import ChipBar, FilterBar
    from socialrx_desk.ui.desk.sync_controller import DeskSync, SyncOutcome
    from socialrx_desk.ui.models.chips import NeedChipsModel
    from socialrx_desk.ui.models.results import SearchResultsModel
    from socialrx_desk.ui.models.rows import DirectoryState, NeedChip, ServiceView
    from socialrx_desk.ui.tasks import TaskHandle, TaskRunner

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
# Arrowing quickly through the list should not queue a detail query per row passed.
DETAIL_DELAY_MS = 40
SHORTCUTS = "Ctrl+F search  ·  Enter open, again to book  ·  Ctrl+2 referrals  ·  F1 all keys"
DEMO_QUERY = "keeps falling on the stairs"
SAMPLE_WORDS = "“keeps falling on the stairs”, “boiler's packed in”, “can't pay the gas”"
SEARCH_TAB = "Find a service  Ctrl+1"
REFERRALS_TAB = "Referrals  Ctrl+2"
# Needs understood at least this strongly are ticked in the booking dialog (the chips' threshold).
PRESELECT_WEIGHT = 0.34
WAITING_STATES = ("queued", "provisional")


class State:
    LOADING = "loading"
    EMPTY = "empty"  # the directory has no services yet
    READY = "ready"
    FAILED = "failed"  # the store could not be opened


class DeskWindow(QMainWindow):
    directory_ready = Signal(object)  # DirectoryState, after the store opened or an import finished
    directory_failed = Signal(str)  # the store could not be opened: the message shown
    search_started = Signal(int)  # request id, when the debounce fires and the query goes to the database lane
    results_shown = Signal(int, int)  # request id, rows: the answer is in the model
    results_painted = Signal(int)  # request id: the answer is on screen
    detail_shown = Signal(str)  # service id
    service_opened = Signal(object)  # ServiceView: Enter on a result (booking starts here)
    import_finished = Signal(str)  # "imported", "cancelled" or "failed"
    booking_opened = Signal(object)  # the BookingDialog
    referrals_shown = Signal()  # the referrals view holds fresh lists
    sync_finished = Signal(object)  # SyncOutcome of a sync that ran
    outcome_updated = Signal(str)  # referral id: a booking's message changed after a sync
    printed = Signal(str)  # the job's title, after it went to the printer or PDF
    demo_hub_ready = Signal(object)  # DemoHubInfo

    def __init__(
        self,
        backend: DeskBackend | None = None,
        runner: TaskRunner | None = None,
        *,
        profile: Profile | None = None,
        demo: bool = False,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        """Give a backend and a task runner, or a profile: the window then makes both after the first paint."""
        super().__init__(parent)
        if backend is None and profile is None:
            raise ValueError("a DeskWindow needs a backend or a profile")
        self._backend = backend
        self._runner = runner
        self._profile = profile
        self.demo = demo
        self.state = State.LOADING
        self.built = False
        self.directory: DirectoryState | None = None
        self._labels: dict[str, str] = {}
        self._request_seq = 0
        self._latest_request = 0
        self._paint_pending = 0
        self._answer: SearchAnswer | None = None
        self._detail_id: str | None = None
        self._open_when_shown: str | None = None
        self._import: TaskHandle | None = None
        self._progress: QProgressDialog | None = None
        self._dialog: BookingDialog | None = None
        self._watched: dict[str, BookingDialog | None] = {}  # bookings whose outcome the receptionist awaits
        self._referrals_page: ReferralsPage | None = None
        self._referral_lists: ReferralLists | None = None
        self.demo_hub: DemoHub | None = None
        self._closing = False
        # Printing goes through the system's print dialog; tests and automation may print straight to PDF.
        self.printer: Any = None

        self.setObjectName("deskWindow")
        self.setWindowTitle("Social prescribing desk" + (" (demo)" if demo else ""))
        self.resize(1280, 820)
        self.setMinimumSize(980, 600)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._build_first_paint()

    @property
    def backend(self) -> DeskBackend:
        if self._backend is None:
            from socialrx_desk.ui.desk.backend import DeskBackend

            assert self._profile is not None
            self._backend = DeskBackend(self._profile)
        return self._backend

    @property
    def runner(self) -> TaskRunner:
        if self._runner is None:
            from socialrx_desk.ui.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    @property
    def has_runner(self) -> bool:
        return self._runner is not None

    # --- construction: the first paint ---------------------------------------------------------------------

    def _build_first_paint(self) -> None:
        menu = self.menuBar()
        self._menus = {name: menu.addMenu(name) for name in ("&File", "&Search", "S&ervice", "&View", "&Help")}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        central = QWidget(self.tabs)
        central.setObjectName("central")
        self.central = central
        self.referrals_tab = QWidget(self.tabs)
        self.referrals_tab.setObjectName("referralsTab")
        self.tabs.addTab(central, SEARCH_TAB)
        self.tabs.addTab(self.referrals_tab, REFERRALS_TAB)
        self.setCentralWidget(self.tabs)

        self.search_box = SearchBox(central)
        self.search_area = QWidget(central)
        self.search_area.setObjectName("searchArea")
        self.top_layout = QVBoxLayout(self.search_area)
        self.top_layout.setContentsMargins(20, 16, 20, 12)
        self.top_layout.setSpacing(10)
        self.top_layout.addWidget(self.search_box)
        self.loading_label = QLabel("Opening the directory…", central)
        self.loading_label.setObjectName("loadingLabel")
        self.body_layout = QVBoxLayout()
        self.body_layout.setContentsMargins(20, 10, 20, 10)
        self.body_layout.setSpacing(8)
        self.body_layout.addWidget(self.loading_label, 1)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.search_area)
        layout.addLayout(self.body_layout, 1)

        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.shortcut_hint = QLabel(SHORTCUTS, bar)
        self.shortcut_hint.setObjectName("shortcutHint")
        bar.addWidget(self.shortcut_hint, 1)
        # What is typed while the store opens is searched the moment it is ready.
        self.search_box.textEdited.connect(self._on_text_edited)
        self.search_box.setFocus()

    # --- construction: everything else, after the first paint ----------------------------------------------

    def build(self) -> None:
        """Build the rest of the window (idempotent). :meth:`start` calls it; so may tests."""
        if self.built:
            return
        self.built = True
        from socialrx_desk.ui.desk.detail_pane import DetailPane
        from socialrx_desk.ui.desk.panels import MessagePanel, NoticeBar, SyncStatusWidget
        from socialrx_desk.ui.desk.results_view import ResultsView
        from socialrx_desk.ui.desk.search_bar import ChipBar, FilterBar
        from socialrx_desk.ui.desk.sync_controller import DeskSync
        from socialrx_desk.ui.models.chips import NeedChipsModel
        from socialrx_desk.ui.models.results import SearchResultsModel
        from socialrx_desk.ui.style import icon

        qt = QtCore.Qt
        central = self.central
        from PySide6.QtWidgets import QApplication

        QApplication.setWindowIcon(icon("app"))  # the window and its dialogs
        self.search_box.add_decorations()
        self.results_model: SearchResultsModel = SearchResultsModel(self)
        self.chips_model: NeedChipsModel = NeedChipsModel(self)
        self.chip_bar: ChipBar = ChipBar(self.chips_model, central)
        self.corrections = QLabel(central)
        self.corrections.setObjectName("corrections")
        self.filters: FilterBar = FilterBar(central)
        self.notice: NoticeBar = NoticeBar(central)
        self.count_label = QLabel(central)
        self.count_label.setObjectName("countLabel")
        self.results: ResultsView = ResultsView(central)
        self.results.setModel(self.results_model)
        self.message: MessagePanel = MessagePanel(central)
        from PySide6.QtWidgets import QSplitter, QStackedWidget

        self.results_stack: QStackedWidget = QStackedWidget(central)
        self.results_stack.setObjectName("resultsStack")
        self.results_stack.addWidget(self.results)
        self.results_stack.addWidget(self.message)
        self.detail: DetailPane = DetailPane(central)
        self.splitter: QSplitter = QSplitter(qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.results_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(14)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([560, 720])
        self.results_stack.setMinimumWidth(340)
        self.detail.setMinimumWidth(420)

        chips_row = QHBoxLayout()
        chips_row.setSpacing(12)
        chips_row.addWidget(self.chip_bar, 1)
        chips_row.addWidget(self.corrections)
        chips_row.addWidget(self.count_label)
        self.top_layout.addLayout(chips_row)
        self.top_layout.addWidget(self.filters)
        # Chips appear and go as the receptionist types; a fixed row keeps the results from jumping.
        self.chip_bar.setFixedHeight(self.search_box.sizeHint().height())
        self.body_layout.removeWidget(self.loading_label)
        self.loading_label.hide()
        self.loading_label.deleteLater()
        self.body_layout.addWidget(self.notice)
        self.body_layout.addWidget(self.splitter, 1)

        self.search_box.navigate.connect(self._navigate_from_search)
        self.search_box.submitted.connect(self.open_current)
        self.filters.changed.connect(self.search_now)
        self.chip_bar.toggled.connect(self._on_chip)
        self.results.selectionModel().currentChanged.connect(self._on_current_changed)
        self.results.opened.connect(lambda _index: self.open_current())
        self.results.painted.connect(self._on_painted)
        self.message.painted.connect(self._on_painted)
        self.message.action.connect(self.import_directory)
        self.detail.book_button.clicked.connect(self.book)
        self.detail.refer_button.clicked.connect(self.refer)
        self.detail.print_button.clicked.connect(self.print_slip)
        self.detail.body.installEventFilter(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        bar = self.statusBar()
        self.directory_label = QLabel(bar)
        self.directory_label.setObjectName("directoryLabel")
        self.sync_status: SyncStatusWidget = SyncStatusWidget(bar)
        bar.addPermanentWidget(self.directory_label)
        bar.addPermanentWidget(self.sync_status)

        self.sync: DeskSync = DeskSync(self.backend, self.runner, self)
        self.sync.started.connect(self._on_sync_started)
        self.sync.status_changed.connect(self._show_sync_status)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync_status.sync_requested.connect(self.sync_now)

        self._build_actions()
        self._set_tab_order()
        self._debounce.timeout.connect(self.search_now)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_current_detail)
        self._show_loading()

    def _action(
        self, menu: str, text: str, keys: str | None, slot: object, tip: str = "", icon_name: str = ""
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        from socialrx_desk.ui.style import icon

        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self._menus[menu].addAction(action)
        self.addAction(action)  # reachable by its shortcut whichever tab is showing
        return action

    def _build_actions(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        qt = QtCore.Qt
        self.import_action = self._action(
            "&File", "&Import directory…", "Ctrl+I", self.import_directory,
            "Import an Open Referral UK directory file (JSON)", "import",
        )  # fmt: skip
        self.connect_action = self._action(
            "&File", "&Connect to hub…", None, self.connect_to_hub, "Set the hub's address and this desk's token"
        )
        self.sync_action = self._action("&File", "&Sync now", "F5", self.sync_now, "Send and fetch changes now")
        self._menus["&File"].addSeparator()
        self._action("&File", "&Quit", "Ctrl+Q", self.close)

        self.find_action = self._action("&Search", "&Find a service", "Ctrl+F", self.focus_search, icon_name="search")
        self._action("&Search", "&Clear search and filters", "Ctrl+Shift+X", self.clear_search)
        self._action("&Search", "Go to &results list", "Ctrl+L", self.focus_results)
        self._action("&Search", "Go to &details", "Ctrl+D", self.open_current)

        self.book_action = self._action("S&ervice", "&Book a slot…", "Ctrl+B", self.book)
        self.refer_action = self._action("S&ervice", "&Refer without a slot…", "Ctrl+R", self.refer)
        self._menus["S&ervice"].addSeparator()
        self.print_action = self._action("S&ervice", "&Print the patient's slip…", "Ctrl+P", self.print_slip)
        self.summary_action = self._action(
            "S&ervice", "Print the referral &summary…", "Ctrl+Shift+P", self.print_summary
        )

        self._action("&View", "&Find a service", "Ctrl+1", self.show_search)
        self.referrals_action = self._action("&View", "&Referrals", "Ctrl+2", lambda: self.show_referrals())
        self._action("&View", "&Needs attention", "Ctrl+3", lambda: self.show_referrals(attention=True))

        self._action("&Help", "&Keyboard shortcuts", QKeySequence(QKeySequence.StandardKey.HelpContents).toString(),
                     self.show_shortcuts)  # fmt: skip

        # Esc is a shortcut, not a menu item: it always brings the receptionist back to the search box.
        # Scoped to the window's own widgets, so that Esc in a dialog (the import's progress) still reaches it.
        self.escape_shortcut: QShortcut = QShortcut(QKeySequence(qt.Key.Key_Escape), self.tabs)
        self.escape_shortcut.setContext(qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape_shortcut.activated.connect(self._escape)

    def _set_tab_order(self) -> None:
        self.chip_bar.set_tab_neighbours(self.search_box, self.filters.need)
        chain: list[QWidget] = [
            self.filters.need,
            self.filters.age,
            self.filters.day,
            self.filters.access,
            self.filters.inactive,
            self.filters.clear_button,
            self.results,
            self.message.button,
            self.detail.body,
            self.detail.book_button,
            self.detail.refer_button,
            self.detail.print_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- start-up ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Build the rest of the window and open the store on the database lane (in demo mode: the sample)."""
        self.build()
        backend = self.backend
        work = backend.import_demo_if_empty if self.demo else None

        def open_directory(context: object) -> DirectoryState:
            state = backend.open()
            if work is not None:
                state = work()
            backend.warm_up()
            return state

        self.runner.run_db(
            open_directory,
            key="open",
            on_success=self._on_directory,
            on_error=self._on_open_failed,
            description="open the directory",
        )

    def _on_directory(self, state: DirectoryState) -> None:
        qt = QtCore.Qt
        first = self.directory is None
        self.directory = state
        self._labels = dict(state.needs)
        self.filters.set_needs(state.needs)
        self.directory_label.setText(f"{state.services:,} services in the directory")
        if state.services == 0:
            self.state = State.EMPTY
            self._set_search_enabled(False)
            self.results_model.clear()
            self.chips_model.set_chips([])
            self.message.show_message(
                "empty",
                "No directory yet",
                "Import a directory: <b>File &gt; Import…</b> (Ctrl+I).<br>"
                "Choose the Open Referral UK file (JSON) your area publishes.",
                "Import a directory…",
            )
            self.results_stack.setCurrentWidget(self.message)
            self.count_label.setText("")
            self.detail.show_placeholder(
                "Welcome", "Once a directory is imported, type what the patient says and the services appear here."
            )
            self.message.button.setFocus()
        else:
            was_ready = self.state == State.READY
            self.state = State.READY
            self._set_search_enabled(True)
            if not was_ready:
                if self.demo and not self.search_box.text():
                    self.search_box.setText(DEMO_QUERY)  # a newcomer sees a real answer at once
                self.search_box.setFocus(qt.FocusReason.OtherFocusReason)
            self.search_now()
        if first:
            self._start_sync()
        self.directory_ready.emit(state)

    def _on_open_failed(self, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        self.state = State.FAILED
        self._set_search_enabled(False)
        self.message.show_message(
            "error", "The directory could not be opened", escape(plain_message(error)).replace("\n", "<br>")
        )
        self.results_stack.setCurrentWidget(self.message)
        self.detail.show_placeholder("Nothing to show", "The desk needs its directory to show services.")
        self.directory_failed.emit(plain_message(error))

    def _set_search_enabled(self, enabled: bool) -> None:
        self.search_box.setEnabled(enabled)
        self.filters.setEnabled(enabled)
        self.chip_bar.setEnabled(enabled)

    # --- searching -----------------------------------------------------------------------------------------

    def current_request(self) -> SearchRequest:
        from socialrx_desk.ui.desk.backend import SearchRequest

        return SearchRequest(
            text=self.search_box.text(),
            need=self.filters.need_id,
            age=self.filters.age_value,
            open_weekday=self.filters.weekday,
            access=self.filters.access_code,
            include_inactive=self.filters.include_inactive,
        )

    def search_for(self, text: str) -> None:
        """Put ``text`` in the search box and search at once (demo, screenshots, tests)."""
        self.search_box.setText(text)
        self.search_now()

    def _on_text_edited(self, text: str) -> None:
        if not self.built:
            return  # the store opens once the window is built; its arrival runs the search for what was typed
        if not text.strip():
            self._debounce.stop()
            self.search_now()  # clearing the box shows the hint at once, no waiting
            return
        self._debounce.start()

    def search_now(self) -> None:
        from socialrx_desk.ui.desk.backend import SearchAnswer

        self._debounce.stop()
        if self.state != State.READY:
            return  # the directory opens first; its arrival runs the search for whatever was typed
        request = self.current_request()
        self._request_seq += 1
        request_id = self._request_seq
        self._latest_request = request_id
        if request.is_blank:
            self.runner.cancel_key("search")
            self._show_answer(request_id, SearchAnswer(request, ()))
            return
        self.search_started.emit(request_id)
        self.runner.run_db(
            lambda context: self.backend.search(request, context),
            key="search",
            on_success=lambda answer: self._on_answer(request_id, answer),
            on_error=lambda error: self._on_search_failed(request_id, error),
            description="search",
        )

    def _on_answer(self, request_id: int, answer: SearchAnswer) -> None:
        if request_id != self._latest_request:
            return  # an older question answered late: the newer one is on its way
        self._show_answer(request_id, answer)

    def _show_answer(self, request_id: int, answer: SearchAnswer) -> None:
        from socialrx_desk.ui.models.chips import chips_for

        previous = self.selected_service_id()
        self._answer = answer
        request = answer.request
        self.results_model.set_rows(answer.rows, request_id)
        self.chips_model.set_chips(chips_for(answer.understood, self._labels, request.need))
        self.corrections.setText(self._corrections_text(answer))
        if answer.rows:
            self.results_stack.setCurrentWidget(self.results)
            count = len(answer.rows)
            self.count_label.setText(
                f"Best {count} matches" if count >= request.limit else f"{count} service{'s' if count != 1 else ''}"
            )
            row = self.results_model.row_of(previous) if previous else -1
            self._select_row(max(row, 0))
        else:
            self.count_label.setText("")
            if request.is_blank:
                self.message.show_message(
                    "hint",
                    "Type what the patient says",
                    f"Their own words work: {SAMPLE_WORDS}.<br>Results appear as you type.",
                )
            else:
                self.message.show_message("none", "No services match", self._no_results_advice(request))
            self.results_stack.setCurrentWidget(self.message)
            self._detail_timer.stop()
            self.runner.cancel_key("detail")
            self._detail_id = None
            self.detail.show_placeholder("Choose a service", "Its details, opening times and contacts appear here.")
        self._paint_pending = request_id
        self.results_shown.emit(request_id, len(answer.rows))

    def _corrections_text(self, answer: SearchAnswer) -> str:
        if not answer.corrections:
            return ""
        pairs = ", ".join(f"“{new}” for “{old}”" for old, new in answer.corrections.items())
        return f"Also searched {pairs}"

    def _no_results_advice(self, request: SearchRequest) -> str:
        advice = [
            "Try fewer or different words, e.g. the problem rather than the person.",
            "Or pick a need from the Need list (Alt+N) to see every service for it.",
        ]
        if self.filters.active:
            advice.append("Or clear the filters (Alt+R): they may rule everything out.")
        return "<br>".join(escape(a) for a in advice)

    def _on_search_failed(self, request_id: int, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        if request_id != self._latest_request:
            return
        self.results_model.clear()
        self.message.show_message("error", "The search did not work", escape(plain_message(error)))
        self.results_stack.setCurrentWidget(self.message)
        self._paint_pending = request_id
        self.results_shown.emit(request_id, 0)

    def _on_painted(self) -> None:
        if self._paint_pending:
            request_id, self._paint_pending = self._paint_pending, 0
            self.results_painted.emit(request_id)

    def _on_chip(self, chip: NeedChip) -> None:
        self.filters.set_need(None if chip.active else chip.need_id)

    # --- results and detail --------------------------------------------------------------------------------

    def selected_service_id(self) -> str | None:
        row = self.results_model.row_at(self.results.currentIndex().row())
        return row.id if row else None

    def _select_row(self, row: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        index = self.results_model.index(row)
        if not index.isValid():
            return
        self.results.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results.scrollTo(index)

    def _navigate_from_search(self, event: QKeyEvent) -> None:
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        if self.results_model.rowCount() == 0:
            return
        # The list handles the keys as if it had focus (paging, fetching more at the end); the box keeps focus.
        QApplication.sendEvent(
            self.results, QKeyEvent(event.type(), event.key(), QtCore.Qt.KeyboardModifier.NoModifier)
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.results_model.row_at(current.row())
        if row is None:
            return
        if row.id == self._detail_id and self.detail.view is not None and self.detail.view.id == row.id:
            return
        self._detail_timer.start()

    def _load_current_detail(self) -> None:
        service_id = self.selected_service_id()
        if service_id is None:
            return
        self._detail_id = service_id
        self.runner.run_db(
            lambda context: self.backend.detail(service_id, context),
            key="detail",
            on_success=lambda view: self._on_detail(service_id, view),
            on_error=self._on_detail_failed,
            description="service detail",
        )

    def _on_detail(self, service_id: str, view: ServiceView | None) -> None:
        if view is None:
            self.detail.show_placeholder(
                "Service not found", "It is no longer in the directory; search again for an alternative."
            )
        else:
            keep_scroll = self.detail.view is not None and self.detail.view.id == view.id
            position = self.detail.body.verticalScrollBar().value()
            self.detail.show_service(view)
            if keep_scroll:  # the same service refreshed after a sync: the receptionist keeps their place
                self.detail.body.verticalScrollBar().setValue(position)
        self.detail_shown.emit(service_id)
        if view is not None and self._open_when_shown == service_id == self.selected_service_id():
            self.service_opened.emit(view)
        self._open_when_shown = None

    def _on_detail_failed(self, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        self.detail.show_placeholder("The details could not be shown", plain_message(error))

    def _refresh_detail(self) -> None:
        """Free slots change with every booking and sync: show the current ones for the service on screen."""
        if self.built and self.detail.view is not None and self.detail.view.id == self.selected_service_id():
            self._load_current_detail()

    def open_current(self) -> None:
        """Enter on a result: move to its details; Enter there books (or refers)."""
        if self.state != State.READY or self.results_model.rowCount() == 0:
            return
        self.show_search()
        if self._detail_timer.isActive():
            self._detail_timer.stop()
            self._load_current_detail()
        self.detail.body.setFocus()
        chosen = self.selected_service_id()
        if self.detail.view is not None and self.detail.view.id == chosen:
            self.service_opened.emit(self.detail.view)
        else:
            self._open_when_shown = chosen  # its details are on their way; open it when they arrive

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # Enter in the details (not on a link) starts the service's main action: booking, or else a referral.
        qt = QtCore.Qt
        if (
            self.built
            and watched is self.detail.body
            and event.type() == QtCore.QEvent.Type.KeyPress
            and event.key() in (qt.Key.Key_Return, qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not self.detail.body.textCursor().hasSelection()
        ):
            view = self.detail.view
            if view is not None and not view.inactive:
                self.book() if view.bookable else self.refer()
                return True
        return super().eventFilter(watched, event)

    # --- booking and referring -----------------------------------------------------------------------------

    def _service_for_action(self) -> ServiceView | None:
        view = self.detail.view if self.built else None
        if view is None or self.state != State.READY:
            self.notice_text("Choose a service first: type what the patient says, then ↑ ↓.", "info")
            return None
        if view.inactive:
            self.notice_text(f"{view.name} is {view.status} and takes no referrals.", "error")
            return None
        return view

    def book(self) -> BookingDialog | None:
        """Ctrl+B: book a slot at the service on screen."""
        view = self._service_for_action()
        if view is None:
            return None
        if not view.bookable:
            self.notice_text(
                f"{view.name} has no free times to book on this desk. Refer instead (Ctrl+R): the service "
                "contacts the patient.",
                "info",
            )
            return None
        return self._open_booking(view, book=True)

    def refer(self) -> BookingDialog | None:
        """Ctrl+R: refer the patient to the service on screen, without a slot."""
        view = self._service_for_action()
        return None if view is None else self._open_booking(view, book=False)

    def _preselected_needs(self, view: ServiceView) -> list[str]:
        understood = self._answer.understood if self._answer is not None else {}
        chosen = [
            n for n, weight in sorted(understood.items(), key=lambda item: -item[1]) if weight >= PRESELECT_WEIGHT
        ]
        if self._answer is not None and self._answer.request.need:
            chosen.insert(0, self._answer.request.need)
        # What the patient said, where this service meets it; else the service's own main need.
        meets = [n for n in chosen if not view.need_ids or n in view.need_ids]
        return list(dict.fromkeys(meets or chosen or list(view.need_ids[:1])))

    def _open_booking(self, view: ServiceView, *, book: bool) -> BookingDialog:
        from socialrx_desk.ui.desk.booking import BookingDialog

        if self._dialog is not None:
            self._dialog.close()
        needs = self.directory.needs if self.directory else ()
        dialog = BookingDialog(
            self,
            self.runner,
            self.backend,
            view,
            book=book,
            needs=needs,
            preselected=self._preselected_needs(view),
            enrolled=self.sync.enrolled,
        )
        dialog.booked.connect(lambda made: self._on_booked(made, dialog))
        dialog.print_requested.connect(self._print_referral)
        dialog.show_referral.connect(lambda referral_id: self.show_referrals(select=referral_id))
        dialog.finished.connect(lambda _code: self._on_dialog_closed(dialog))
        self._dialog = dialog
        dialog.open()
        dialog.activateWindow()  # typing goes to the dialog at once, whichever widget had focus before
        self.booking_opened.emit(dialog)
        return dialog

    def _on_dialog_closed(self, dialog: BookingDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        for referral_id, watcher in self._watched.items():
            if watcher is dialog:
                self._watched[referral_id] = None  # keep following it in the notice bar
        if self.tabs.currentWidget() is self.central:
            self.activateWindow()
            self.focus_search()  # the next patient in the queue
        dialog.deleteLater()

    def _on_booked(self, made: ReferralView, dialog: BookingDialog) -> None:
        from socialrx_desk.ui.desk.booking import outcome_message

        self._watched[made.id] = dialog
        message = outcome_message(made, enrolled=self.sync.enrolled, syncing=self.sync.enrolled, reached=None)
        self.notice_text(f"{made.reference}: {message.title}. {message.text}", _notice_kind(message.kind))
        self._refresh_detail()
        self._refresh_referrals()
        self.sync.refresh_status()
        self.sync.sync_now()  # confirm it with the hub now; the message changes when the answer lands

    def _follow_bookings(self, outcome: SyncOutcome) -> None:
        from socialrx_desk.ui.desk.booking import outcome_message

        for referral_id in list(self._watched):

            def landed(view: ReferralView | None, referral_id: str = referral_id) -> None:
                watcher = self._watched.get(referral_id)
                if view is None or referral_id not in self._watched:
                    self._watched.pop(referral_id, None)
                    return
                message = outcome_message(view, enrolled=outcome.enrolled, syncing=False, reached=outcome.reached)
                if watcher is not None and watcher.isVisible():
                    watcher.sync_landed(view, outcome)
                self.notice_text(f"{view.reference}: {message.title}. {message.text}", _notice_kind(message.kind))
                if view.state not in WAITING_STATES or not outcome.enrolled:
                    self._watched.pop(referral_id, None)
                self.outcome_updated.emit(referral_id)

            self.runner.run_db(
                functools.partial(self._read_referral, referral_id), on_success=landed, description="booking outcome"
            )

    def _read_referral(self, referral_id: str, context: object = None) -> ReferralView | None:
        return self.backend.referral(referral_id)

    # --- the referrals view --------------------------------------------------------------------------------

    def referrals_page(self) -> ReferralsPage:
        """The referrals view, built the first time it is needed."""
        if self._referrals_page is None:
            from socialrx_desk.ui.desk.referrals_page import ReferralsPage

            page = ReferralsPage(self.runner, self.backend, self.referrals_tab)
            layout = QVBoxLayout(self.referrals_tab)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(page)
            page.changed.connect(self._on_referral_changed)
            page.print_requested.connect(self._print_referral)
            if self._referral_lists is not None:
                page.set_lists(self._referral_lists)
            self._referrals_page = page
        return self._referrals_page

    def show_search(self) -> None:
        self.tabs.setCurrentWidget(self.central)

    def show_referrals(self, attention: bool | None = None, select: str | None = None) -> None:
        page = self.referrals_page()
        if attention is not None:
            page.show_attention(attention)
        self.tabs.setCurrentWidget(self.referrals_tab)
        if select is not None:
            page.select_referral(select)
        self._refresh_referrals(select=select)
        page.table.setFocus()

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.referrals_tab:
            self.referrals_page()
            self._refresh_referrals()
        elif self.built:
            self.focus_search()

    def _refresh_referrals(self, select: str | None = None) -> None:
        if self.state not in (State.READY, State.EMPTY):
            return

        def show(lists: ReferralLists) -> None:
            self._referral_lists = lists
            attention = len(lists.attention)
            self.tabs.setTabText(
                1, f"Referrals ({attention} need{'s' if attention == 1 else ''} attention)  Ctrl+2" if attention
                else REFERRALS_TAB,
            )  # fmt: skip
            if self._referrals_page is not None:
                self._referrals_page.set_lists(lists, select)
            self.referrals_shown.emit()

        self.runner.run_db(self.backend.referral_lists, key="referrals", on_success=show, description="referrals")

    def _on_referral_changed(self, referral_id: str) -> None:
        self._refresh_referrals(select=referral_id or None)
        self._refresh_detail()
        if referral_id:
            self.sync.refresh_status()
            self.sync.sync_now()

    # --- sync ----------------------------------------------------------------------------------------------

    def _start_sync(self) -> None:
        interval = 60
        if self.backend.is_open:
            interval = self.backend.workspace.settings.sync_interval_seconds
        self.sync.start(interval)
        self._refresh_referrals()
        if self.demo:
            self._start_demo_hub()

    def sync_now(self) -> None:
        """F5."""
        if not self.built or self.state not in (State.READY, State.EMPTY):
            return
        if self.sync.last is not None and not self.sync.last.enrolled and not self.sync.running:
            self.notice_text("This desk is not connected to a hub: File > Connect to hub… sets one up.", "info")
        self.sync.sync_now()

    def _on_sync_started(self) -> None:
        if self.sync.enrolled:
            self.sync_status.show_syncing()

    def _show_sync_status(self, outcome: SyncOutcome) -> None:
        widget = self.sync_status
        if not outcome.enrolled:
            if self.demo and self.demo_hub is not None:
                widget.show_message("syncing", "Starting the demo hub…", "A local hub with sample slots")
            elif outcome.hub_url:
                widget.show_not_connected(
                    outcome.token_problem or f"The token for {outcome.hub_url} is missing: File > Connect to hub…"
                )
            else:
                widget.show_not_connected()
            return
        if outcome.needs_reenrol:
            widget.show_message(
                "error", "The hub refused this desk's token: File > Connect to hub…", outcome.error or ""
            )
            return
        detail = outcome.error or (outcome.last_error if not outcome.online else "") or (outcome.hub_url or "")
        widget.show_status(bool(outcome.online), outcome.queued, outcome.last_success, outcome.attention, detail)

    def _on_sync_finished(self, outcome: SyncOutcome) -> None:
        if outcome.directory_changed:
            # New or changed services from the hub: the search's word list is rebuilt on the database lane.
            self.runner.run_db(
                self.backend.directory_changed,
                on_success=self._on_directory_refreshed,
                description="refresh the directory after a sync",
            )
        if outcome.ran:
            self._refresh_referrals()
            if outcome.reached:
                self._refresh_detail()
            self._follow_bookings(outcome)
        self.sync_finished.emit(outcome)

    def _on_directory_refreshed(self, state: DirectoryState) -> None:
        self.directory = state
        self._labels = dict(state.needs)
        self.directory_label.setText(f"{state.services:,} services in the directory")
        if self.state == State.EMPTY and state.services:
            self._on_directory(state)

    def connect_to_hub(self) -> None:
        from socialrx_desk.ui.desk.connect import ConnectDialog

        if not self.built or not self.backend.is_open:
            return
        current = self.backend.workspace.settings.hub_url or ""
        dialog = ConnectDialog(self, self.sync, current)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()

    # --- the demo hub --------------------------------------------------------------------------------------

    def _start_demo_hub(self) -> None:
        from socialrx_desk.paths import resources_dir
        from socialrx_desk.ui.desk.demo import DemoHub

        hub = DemoHub(self.backend.profile.root / "demo-hub", resources_dir() / "demo" / "directory-oruk-v1.json")
        self.demo_hub = hub
        self.sync_status.show_message("syncing", "Starting the demo hub…", "A local hub with sample slots")
        self.runner.run_network(
            hub.start, on_success=self._on_demo_hub, on_error=self._on_demo_hub_failed, description="demo hub"
        )

    def _on_demo_hub(self, info: DemoHubInfo) -> None:
        if self._closing:
            return
        settings = self.backend.workspace.settings
        settings.site_name = "Demo desk"
        settings.hub_url = info.url
        # The throwaway demo profile only: its token is handed to the sync directly instead of going through the
        # OS keyring, which a headless demo machine may not have. Real desks always use the keyring (enrol).
        token = info.token
        self.sync.use_token(lambda: token)
        self.sync.sync_now()
        self.notice_text(
            f"Demo: a local hub is running with {info.slots:,} free slots for services booked by appointment. "
            "Choose one, then Enter (or Ctrl+B) to book.",
            "info",
        )
        self.demo_hub_ready.emit(info)

    def _on_demo_hub_failed(self, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        self.demo_hub = None
        self.sync_status.show_not_connected("The demo hub did not start: " + plain_message(error))
        self.notice_text("The demo hub did not start, so this demo has no slots: " + plain_message(error), "error")

    # --- printing ------------------------------------------------------------------------------------------

    def _site_name(self) -> str:
        return self.backend.workspace.settings.site_name if self.backend.is_open else ""

    def print_slip(self) -> None:
        """Ctrl+P: the patient's slip for the referral chosen in Referrals, or the service's details."""
        self._print_current("slip")

    def print_summary(self) -> None:
        """Ctrl+Shift+P: the referral summary for the service."""
        self._print_current("summary")

    def _print_current(self, paper: str) -> None:
        if not self.built:
            return
        if self.tabs.currentWidget() is self.referrals_tab and self._referrals_page is not None:
            view = self._referrals_page.panel.view
            if view is not None:
                self._print_referral(paper, view)
            return
        service = self.detail.view
        if service is None:
            self.notice_text("Choose a service (or a referral in Referrals, Ctrl+2) to print.", "info")
            return
        if paper == "summary":
            self.notice_text("A referral summary is printed from the booking or from Referrals (Ctrl+2).", "info")
            return
        self._print_job(self._job("slip", service, None))

    def _job(self, paper: str, service: ServiceView, referral: ReferralView | None) -> PrintJob:
        from socialrx_desk.ui.desk.printing import Paper, PrintJob

        labels = tuple(self._labels.get(n, n) for n in referral.needs) if referral else ()
        return PrintJob(Paper(paper), service, referral, self._site_name(), labels)

    def _print_referral(self, paper: str, referral: ReferralView) -> None:
        """The service's details (address, phone, web) are read first: a referral keeps only its name."""

        def print_it(service: ServiceView | None) -> None:
            if service is None:
                self.notice_text(f"{referral.service_name} is no longer in the directory; nothing printed.", "error")
                return
            self._print_job(self._job(paper, service, referral))

        service_id = referral.service_id
        self.runner.run_db(
            lambda context: self.backend.detail(service_id, context), on_success=print_it, description="print"
        )

    def _print_job(self, job: PrintJob) -> None:
        from socialrx_desk.ui.desk.printing import print_with_dialog

        printer = self.printer or print_with_dialog
        parent = self._dialog if self._dialog is not None and self._dialog.isVisible() else self
        try:
            done = printer(parent, job)
        except OSError as error:
            from socialrx_desk.ui.errors import plain_message

            self.notice_text("Printing failed: " + plain_message(error), "error")
            return
        if done:
            self.printed.emit(job.title)

    # --- keyboard ------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_search()
        self.search_box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_results(self) -> None:
        if self.results_model.rowCount():
            self.show_search()
            self.results.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def _escape(self) -> None:
        if self._progress is not None and self._progress.isVisible():
            # The import's dialog is modal: whichever widget Esc reached, it means "cancel the import".
            self._progress.canceled.emit()
            return
        if self.tabs.currentWidget() is not self.central:
            self.focus_search()
            return
        if self.notice.isVisible() and self.search_box.hasFocus():
            self.notice.dismiss()
        elif self.search_box.hasFocus() and self.search_box.text():
            self.search_box.clear()
            self.search_now()
        if self.search_box.isEnabled():
            self.focus_search()

    def clear_search(self) -> None:
        self.search_box.clear()
        self.filters.clear()
        self.search_now()
        self.focus_search()

    def notice_text(self, text: str, kind: str = "info") -> None:
        if self.built:
            self.notice.show_notice(text, kind)

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rows = (
            ("Ctrl+F", "Search box"),
            ("↑ ↓ Page Up/Down", "Choose a result (also while typing)"),
            ("Enter", "Open the chosen service's details; Enter again books (or refers)"),
            ("Ctrl+B / Ctrl+R", "Book a slot / refer without a slot"),
            ("Ctrl+P / Ctrl+Shift+P", "Print the patient's slip / the referral summary"),
            ("Ctrl+1 / Ctrl+2 / Ctrl+3", "Find a service / Referrals / Needs attention"),
            ("F5", "Sync with the hub now"),
            ("Esc", "Back to the search box (clears it if you are in it)"),
            ("Alt+N, A, O, W", "Need, age, open on, way in filters"),
            ("Alt+C", "Include closed services"),
            ("Alt+R / Ctrl+Shift+X", "Clear filters / clear everything"),
            ("Ctrl+L / Ctrl+D", "Go to results / details"),
            ("Ctrl+I", "Import a directory"),
            ("In the booking", "Enter next field · Ctrl+Enter confirm · PgUp/PgDn week · Space tick a need"),
        )
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(
            "<table cellspacing='6'>"
            + "".join(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>" for keys, what in rows)
            + "</table>"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()

    # --- import --------------------------------------------------------------------------------------------

    def choose_import_file(self) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Import a directory",
            str(Path.home()),
            "Open Referral UK directory (*.json);;All files (*)",
        )
        return path or None

    def import_directory(self) -> None:
        if self._import is not None or self.state in (State.LOADING, State.FAILED):
            return
        path = self.choose_import_file()
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> TaskHandle:
        """Import ``path`` on the database lane with a progress dialog whose Cancel really stops it."""
        from PySide6.QtWidgets import QProgressDialog

        name = Path(path).name
        progress = QProgressDialog(f"Importing services from {name}…", "Cancel", 0, 0, self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import a directory")
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress
        started = time.monotonic()

        def on_progress(done: int, _total: int) -> None:
            if not handle.stopping:
                progress.setLabelText(f"Importing services from {name}…\n{done:,} read so far")

        handle = self.runner.run_db(
            lambda context: self.backend.import_directory(path, context),
            key="import",
            on_progress=on_progress,
            on_success=self._on_imported,
            on_error=self._on_import_failed,
            on_cancel=self._on_import_cancelled,
            description="import a directory",
        )
        self._import = handle

        def cancel() -> None:
            # Stop rather than abandon: the import may commit before it notices, and the notice must say so.
            handle.stop()
            progress.setLabelText("Cancelling… nothing will be changed.")
            progress.setCancelButton(None)

        progress.canceled.connect(cancel)
        progress.show()
        log.info("import of %s started (%.0f ms to queue)", path, (time.monotonic() - started) * 1000)
        return handle

    def _end_import(self) -> None:
        self._import = None
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _on_imported(self, outcome: ImportOutcome) -> None:
        self._end_import()
        text = outcome.summary
        if outcome.skipped:
            text += " Skipped: " + "; ".join(outcome.skipped[:2])
            if outcome.skipped_count > 2:
                text += f"; and {outcome.skipped_count - 2} more (see the log)."
        self.notice.show_notice(text, "success")
        self.import_finished.emit("imported")
        self._reload_state()

    def _on_import_failed(self, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        self._end_import()
        message = plain_message(error)
        cancelled = message.startswith("Import cancelled")
        self.notice.show_notice(message, "info" if cancelled else "error")
        self.import_finished.emit("cancelled" if cancelled else "failed")

    def _on_import_cancelled(self) -> None:
        self._end_import()
        self.notice.show_notice("Import cancelled. Nothing was changed.", "info")
        self.import_finished.emit("cancelled")

    def _reload_state(self) -> None:
        self.runner.run_db(
            lambda context: self.backend.state(),
            key="state",
            on_success=self._on_directory,
            on_error=self._on_open_failed,
            description="directory state",
        )

    # --- lifecycle -----------------------------------------------------------------------------------------

    def _show_loading(self) -> None:
        # The search box stays usable: what is typed while the store opens is searched the moment it is ready.
        self.filters.setEnabled(False)
        self.message.show_message("loading", "Opening the directory…")
        self.results_stack.setCurrentWidget(self.message)
        self.directory_label.setText("")
        self.detail.show_placeholder("Choose a service", "Its details, opening times and contacts appear here.")

    def shut_down(self) -> None:
        """Stop timers, the sync and the demo hub (idempotent)."""
        if self._closing:
            return
        self._closing = True
        self._debounce.stop()
        if not self.built:
            return
        if self._import is not None:
            self._import.stop()
        self._detail_timer.stop()
        self.sync.stop()
        if self.demo_hub is not None:
            self.demo_hub.stop()
            self.demo_hub = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)


def escape(text: str) -> str:
    """``html.escape``, imported when first needed (after the first paint)."""
    from html import escape as html_escape

    return html_escape(text)


def _notice_kind(kind: str) -> str:
    """The notice bar has info, success and error; a warning is news to act on, shown as info."""
    return {"warning": "info"}.get(kind, kind)
