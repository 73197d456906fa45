"""Background sync for the desk: on a timer, when the network comes back, after a booking, and on F5.

A sync does network I/O and its own short database transactions, so it runs on the task runner's network pool,
never on the database lane: searches keep answering while it waits for the hub (SQLite in WAL mode lets them
read while the sync writes). One sync at a time; a request during a sync runs one more straight after it.

The GUI thread only ever sees :class:`SyncOutcome`, plain data made on the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from socialrx_desk.ui.desk.backend import DeskBackend
from socialrx_desk.ui.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:
    from socialrx_desk.sync.runner import SyncReport, SyncRunner
    from socialrx_desk.sync.state import SyncStatus

log = logging.getLogger(__name__)

# After an offline result, try again soon (the cable is back, the Wi-Fi reconnected), then back off to the
# configured interval: a desk never hammers an unreachable hub, and never waits a full interval to recover.
RETRY_SOONER_S = (10, 20, 40)
SETTLE_MS = 1_500  # a booking kicks a sync after this pause, so a quick second booking rides along


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one sync (or one status read) found, for the status bar and whoever waits on a booking."""

    enrolled: bool
    ran: bool = False  # a sync ran (False: only the status was read, or another sync was busy)
    busy: bool = False
    reached: bool = False
    error: str | None = None
    needs_reenrol: bool = False
    committed: int = 0
    conflicts: int = 0
    rejected: int = 0
    directory_changed: bool = False
    referrals_changed: bool = False
    online: bool | None = None
    queued: int = 0
    attention: int = 0
    last_success: datetime | None = None
    last_error: str | None = None
    hub_url: str | None = None
    token_problem: str | None = None  # the keyring could not be read


class SyncWork:
    """The worker side: builds the :class:`SyncRunner` once and runs it. Called on the network pool only."""

    def __init__(self, backend: DeskBackend) -> None:
        self.backend = backend
        self._runner: SyncRunner | None = None
        self._lock = threading.Lock()
        self._token: Callable[[], str | None] | None = None

    def use_token(self, token: Callable[[], str | None] | None) -> None:
        """Give the runner its token directly instead of from the OS keyring (the throwaway demo profile only)."""
        with self._lock:
            self._token = token
            self._runner = None

    def runner(self) -> SyncRunner:
        from socialrx_desk.sync.runner import SyncRunner

        with self._lock:
            if self._runner is None:
                workspace = self.backend.workspace
                self._runner = SyncRunner(
                    workspace.profile, workspace.engine, workspace.vocabulary, workspace.settings, token=self._token
                )
            return self._runner

    def status(self, context: TaskContext | None = None) -> SyncOutcome:
        return self._outcome(None, ran=False)

    def run(self, context: TaskContext | None = None) -> SyncOutcome:
        from socialrx_desk.sync.lock import SyncBusy
        from socialrx_desk.sync.runner import NotEnrolled

        runner = self.runner()
        try:
            report = runner.run_once()
        except NotEnrolled:
            return self._outcome(None, ran=False)
        except SyncBusy:
            # Another sync of this profile (the CLI, a second window) is running: its result reaches us next time.
            return SyncOutcome(enrolled=True, busy=True)
        return self._outcome(report, ran=True)

    def enrol(self, url: str, token: str, context: TaskContext | None = None) -> str:
        from socialrx_desk.sync.enroll import enrol

        workspace = self.backend.workspace
        enrolment = enrol(workspace.profile, workspace.engine, workspace.settings, url, token)
        with self._lock:
            self._runner = None  # a new hub: the next sync starts from the new settings and token
        return enrolment.hub_url

    def _outcome(self, report: SyncReport | None, *, ran: bool) -> SyncOutcome:
        runner = self.runner()
        status: SyncStatus = runner.status()
        token_problem = None
        if status.hub_url and not status.enrolled and self._token is None:
            # A hub is set but its token cannot be read: say why (no keyring on this machine, usually).
            from socialrx_desk.secrets import SecretStoreError, get_secret
            from socialrx_desk.sync.runner import TOKEN_SECRET

            try:
                get_secret(runner.profile.name, TOKEN_SECRET)
            except SecretStoreError as error:
                token_problem = str(error)
        values = {
            "enrolled": status.enrolled,
            "ran": ran,
            "online": status.online,
            "queued": status.queued,
            "attention": status.attention,
            "last_success": status.last_success,
            "last_error": status.last_error,
            "hub_url": status.hub_url,
            "needs_reenrol": status.needs_reenrol,
            "token_problem": token_problem,
        }
        if report is not None:
            pushed = report.pushed
            values.update(
                reached=report.reached,
                error=report.error,
                needs_reenrol=report.needs_reenrol or status.needs_reenrol,
                committed=pushed.committed,
                conflicts=pushed.conflicts,
                rejected=pushed.rejected,
                directory_changed=report.pulled.directory_changed,
                referrals_changed=bool(
                    pushed.committed
                    or pushed.conflicts
                    or pushed.rejected
                    or report.pulled.referrals
                    or report.resent
                    or report.purged
                ),
            )
        return SyncOutcome(**values)  # type: ignore[arg-type]


class DeskSync(QObject):
    """The GUI side: when to sync, and telling the window what happened."""

    started = Signal()
    finished = Signal(object)  # SyncOutcome of a sync that ran (or found the desk not enrolled)
    status_changed = Signal(object)  # SyncOutcome, after every sync and status read
    connected = Signal(str)  # hub URL, after "Connect to hub…" succeeded
    enrol_failed = Signal(str)  # plain message

    def __init__(self, backend: DeskBackend, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = SyncWork(backend)
        self.runner = runner
        self.running = False
        self.started_once = False
        self.last: SyncOutcome | None = None
        self._again = False
        self._offline_runs = 0
        self._interval_s = 60
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.sync_now)
        self._network: QObject | None = None
        self._stopped = False

    @property
    def enrolled(self) -> bool:
        return self.last is not None and self.last.enrolled

    def start(self, interval_s: int) -> None:
        """Begin: read the status now and sync at once if the desk has a hub."""
        self._interval_s = max(5, interval_s)
        self.started_once = True
        self.sync_now()
        self._watch_network()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._soon.stop()

    def sync_soon(self) -> None:
        """After a booking: a sync in a moment (bookings in quick succession go together)."""
        if not self._stopped:
            self._soon.start()

    def sync_now(self) -> None:
        if self._stopped or not self.started_once:
            return
        self._soon.stop()
        if self.running:
            self._again = True
            return
        self.running = True
        self._again = False
        self._timer.stop()
        self.started.emit()
        self.runner.run_network(
            self.work.run, on_success=self._on_outcome, on_error=self._on_error, description="sync with the hub"
        )

    def refresh_status(self) -> None:
        """Re-read queued/attention counts (after a booking or a resolution), without talking to the hub."""
        if self._stopped or not self.started_once:
            return
        self.runner.run_network(self.work.status, on_success=self._on_status, description="sync status")

    def enrol(self, url: str, token: str) -> None:
        from socialrx_desk.ui.errors import plain_message

        def done(hub_url: str) -> None:
            self.connected.emit(hub_url)
            self.sync_now()

        self.runner.run_network(
            lambda context: self.work.enrol(url, token, context),
            on_success=done,
            on_error=lambda error: self.enrol_failed.emit(plain_message(error)),
            description="connect to a hub",
        )

    def use_token(self, token: Callable[[], str | None]) -> None:
        self.work.use_token(token)

    # --- outcomes ------------------------------------------------------------------------------------------

    def _on_status(self, outcome: SyncOutcome) -> None:
        if self.running:
            return  # the sync under way reports fresher counts in a moment
        self.last = outcome
        self.status_changed.emit(outcome)

    def _on_outcome(self, outcome: SyncOutcome) -> None:
        self.running = False
        if outcome.busy:
            self._schedule(RETRY_SOONER_S[0])
            return
        self.last = outcome
        self.status_changed.emit(outcome)
        self.finished.emit(outcome)
        if not outcome.enrolled:
            return  # nothing to sync with until someone connects the desk to a hub
        if outcome.reached:
            self._offline_runs = 0
            self._schedule(self._interval_s)
        else:
            delay = RETRY_SOONER_S[min(self._offline_runs, len(RETRY_SOONER_S) - 1)]
            self._offline_runs += 1
            self._schedule(min(delay, self._interval_s))
        if self._again:
            self.sync_now()

    def _on_error(self, error: BaseException) -> None:
        from socialrx_desk.ui.errors import plain_message

        self.running = False
        log.warning("sync failed: %s", error)
        outcome = SyncOutcome(
            enrolled=self.enrolled,
            ran=True,
            error=plain_message(error),
            online=False,
            queued=self.last.queued if self.last else 0,
            attention=self.last.attention if self.last else 0,
            last_success=self.last.last_success if self.last else None,
            hub_url=self.last.hub_url if self.last else None,
        )
        self.last = outcome
        self.status_changed.emit(outcome)
        self.finished.emit(outcome)
        self._schedule(self._interval_s)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(int(seconds * 1000))

    # --- the network coming back ---------------------------------------------------------------------------

    def _watch_network(self) -> None:
        """Sync as soon as the operating system says the network is back (where it can tell us)."""
        if self._network is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                return
            information = QNetworkInformation.instance()
        except (ImportError, RuntimeError):
            return
        if information is None:
            return
        self._network = information
        information.reachabilityChanged.connect(self._on_reachability)

    def _on_reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site)
        if online and self.last is not None and self.last.enrolled and not self.last.online:
            log.info("the network is back: syncing now")
            self.sync_now()
