"""The receptionist's main window: search in the patient's words, narrow down, read a service's details.

All database work goes through the :class:`TaskRunner`'s database lane; this module only arranges widgets and
reacts to answers. Each search gets a request id; only the answer to the newest request is ever shown.
"""

from __future__ import annotations

import itertools
import logging
import time
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.desk.backend import DeskBackend, ImportOutcome, SearchAnswer, SearchRequest
from socialrx_desk.ui.desk.detail_pane import DetailPane
from socialrx_desk.ui.desk.panels import MessagePanel, NoticeBar, SyncStatusWidget
from socialrx_desk.ui.desk.results_view import ResultsView
from socialrx_desk.ui.desk.search_bar import ChipBar, FilterBar, SearchBox
from socialrx_desk.ui.errors import plain_message
from socialrx_desk.ui.models.chips import NeedChipsModel, chips_for
from socialrx_desk.ui.models.results import SearchResultsModel
from socialrx_desk.ui.models.rows import DirectoryState, NeedChip, ServiceView
from socialrx_desk.ui.style import icon
from socialrx_desk.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
# Arrowing quickly through the list should not queue a detail query per row passed.
DETAIL_DELAY_MS = 40
SHORTCUTS = "Ctrl+F search  ·  ↑ ↓ choose  ·  Enter open  ·  Esc back to search  ·  Ctrl+I import  ·  F1 help"
DEMO_QUERY = "keeps falling on the stairs"
SAMPLE_WORDS = "“keeps falling on the stairs”, “boiler's packed in”, “can't pay the gas”"


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

    def __init__(
        self,
        backend: DeskBackend,
        runner: TaskRunner,
        *,
        demo: bool = False,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.runner = runner
        self.demo = demo
        self.state = State.LOADING
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

        self.setObjectName("deskWindow")
        self.setWindowTitle("Social prescribing desk" + (" (demo)" if demo else ""))
        self.resize(1280, 820)
        self.setMinimumSize(980, 600)

        self.results_model = SearchResultsModel(self)
        self.chips_model = NeedChipsModel(self)
        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._set_tab_order()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.search_now)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_current_detail)

        self._show_loading()

    # --- construction --------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        central.setObjectName("central")
        self.search_box = SearchBox(central)
        self.chip_bar = ChipBar(self.chips_model, central)
        self.corrections = QLabel(central)
        self.corrections.setObjectName("corrections")
        self.filters = FilterBar(central)
        self.notice = NoticeBar(central)

        self.count_label = QLabel(central)
        self.count_label.setObjectName("countLabel")
        self.results = ResultsView(central)
        self.results.setModel(self.results_model)
        self.message = MessagePanel(central)
        self.results_stack = QStackedWidget(central)
        self.results_stack.setObjectName("resultsStack")
        self.results_stack.addWidget(self.results)
        self.results_stack.addWidget(self.message)
        self.detail = DetailPane(central)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
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
        top = QWidget(central)
        top.setObjectName("searchArea")
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(20, 16, 20, 12)
        top_layout.setSpacing(10)
        top_layout.addWidget(self.search_box)
        top_layout.addLayout(chips_row)
        top_layout.addWidget(self.filters)
        # Chips appear and go as the receptionist types; a fixed row keeps the results from jumping.
        self.chip_bar.setFixedHeight(self.search_box.sizeHint().height())

        body = QVBoxLayout()
        body.setContentsMargins(20, 10, 20, 10)
        body.setSpacing(8)
        body.addWidget(self.notice)
        body.addWidget(self.splitter, 1)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.central = central

        self.search_box.textEdited.connect(self._on_text_edited)
        self.search_box.navigate.connect(self._navigate_from_search)
        self.search_box.submitted.connect(self.open_current)
        self.filters.changed.connect(self.search_now)
        self.chip_bar.toggled.connect(self._on_chip)
        self.results.selectionModel().currentChanged.connect(self._on_current_changed)
        self.results.opened.connect(lambda _index: self.open_current())
        self.results.painted.connect(self._on_painted)
        self.message.painted.connect(self._on_painted)
        self.message.action.connect(self.import_directory)

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.import_action = QAction(icon("import"), "&Import directory…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip("Import an Open Referral UK directory file (JSON)")
        self.import_action.triggered.connect(self.import_directory)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        search_menu = menu.addMenu("&Search")
        self.find_action = QAction(icon("search"), "&Find a service", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        search_menu.addAction(self.find_action)
        clear_action = QAction("&Clear search and filters", self)
        clear_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        clear_action.triggered.connect(self.clear_search)
        search_menu.addAction(clear_action)
        results_action = QAction("Go to &results", self)
        results_action.setShortcut(QKeySequence("Ctrl+R"))
        results_action.triggered.connect(self.focus_results)
        search_menu.addAction(results_action)
        details_action = QAction("Go to &details", self)
        details_action.setShortcut(QKeySequence("Ctrl+D"))
        details_action.triggered.connect(self.open_current)
        search_menu.addAction(details_action)

        help_menu = menu.addMenu("&Help")
        keys_action = QAction("&Keyboard shortcuts", self)
        keys_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)

        # Esc is a shortcut, not a menu item: it always brings the receptionist back to the search box.
        # Scoped to the window's own widgets, so that Esc in a dialog (the import's progress) still reaches it.
        self.escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.central)
        self.escape_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape_shortcut.activated.connect(self._escape)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.shortcut_hint = QLabel(SHORTCUTS, bar)
        self.shortcut_hint.setObjectName("shortcutHint")
        self.directory_label = QLabel(bar)
        self.directory_label.setObjectName("directoryLabel")
        self.sync_status = SyncStatusWidget(bar)
        bar.addWidget(self.shortcut_hint, 1)
        bar.addPermanentWidget(self.directory_label)
        bar.addPermanentWidget(self.sync_status)

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
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- start-up ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the store on the database lane (and, in demo mode, load the sample directory)."""
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
                self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search_now()
        self.directory_ready.emit(state)

    def _on_open_failed(self, error: BaseException) -> None:
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
        if not text.strip():
            self._debounce.stop()
            self.search_now()  # clearing the box shows the hint at once, no waiting
            return
        self._debounce.start()

    def search_now(self) -> None:
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
        index = self.results_model.index(row)
        if not index.isValid():
            return
        self.results.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results.scrollTo(index)

    def _navigate_from_search(self, event: QKeyEvent) -> None:
        if self.results_model.rowCount() == 0:
            return
        # The list handles the keys as if it had focus (paging, fetching more at the end); the box keeps focus.
        QApplication.sendEvent(self.results, QKeyEvent(event.type(), event.key(), Qt.KeyboardModifier.NoModifier))

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
            self.detail.show_service(view)
        self.detail_shown.emit(service_id)
        if view is not None and self._open_when_shown == service_id == self.selected_service_id():
            self.service_opened.emit(view)
        self._open_when_shown = None

    def _on_detail_failed(self, error: BaseException) -> None:
        self.detail.show_placeholder("The details could not be shown", plain_message(error))

    def open_current(self) -> None:
        """Enter on a result: move to its details (booking will continue from here)."""
        if self.state != State.READY or self.results_model.rowCount() == 0:
            return
        if self._detail_timer.isActive():
            self._detail_timer.stop()
            self._load_current_detail()
        self.detail.body.setFocus()
        chosen = self.selected_service_id()
        if self.detail.view is not None and self.detail.view.id == chosen:
            self.service_opened.emit(self.detail.view)
        else:
            self._open_when_shown = chosen  # its details are on their way; open it when they arrive

    # --- keyboard ------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_results(self) -> None:
        if self.results_model.rowCount():
            self.results.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _escape(self) -> None:
        if self._progress is not None and self._progress.isVisible():
            # The import's dialog is modal: whichever widget Esc reached, it means "cancel the import".
            self._progress.canceled.emit()
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

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(
            "<table cellspacing='6'>"
            "<tr><td><b>Ctrl+F</b></td><td>Search box</td></tr>"
            "<tr><td><b>↑ ↓ Page Up/Down</b></td><td>Choose a result (also while typing)</td></tr>"
            "<tr><td><b>Enter</b></td><td>Open the chosen service's details</td></tr>"
            "<tr><td><b>Esc</b></td><td>Back to the search box (clears it if you are in it)</td></tr>"
            "<tr><td><b>Alt+N, A, O, W</b></td><td>Need, age, open on, way in filters</td></tr>"
            "<tr><td><b>Alt+C</b></td><td>Include closed services</td></tr>"
            "<tr><td><b>Alt+R</b> / <b>Ctrl+Shift+X</b></td><td>Clear filters / clear everything</td></tr>"
            "<tr><td><b>Ctrl+R</b> / <b>Ctrl+D</b></td><td>Go to results / details</td></tr>"
            "<tr><td><b>Ctrl+I</b></td><td>Import a directory</td></tr>"
            "</table>"
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
        progress.setWindowModality(Qt.WindowModality.WindowModal)
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
        self.search_box.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._import is not None:
            self._import.stop()
        self._debounce.stop()
        self._detail_timer.stop()
        super().closeEvent(event)
