"""Background work for the Qt UI: one database lane, a network pool, results back on the GUI thread.

The store has one writer and SQLite connections must not be shared between threads at the same moment, so every
database call goes through a single worker thread, one at a time, in submission order. Network calls (sync, ORUK
feeds) run on a small pool so a slow hub never holds up a search.

Results, errors and progress are delivered to the GUI thread by a queued Qt signal, so callbacks may touch
widgets. The GUI thread never waits on either lane.

Stale results: a task may carry a *key* ("search", "detail"). Submitting a new task with the same key cancels the
older ones; a cancelled task's result or error is dropped when it arrives, so an older query can never overwrite
the answer to a newer one, whatever order the work finishes in. Cancelled tasks that have not started are skipped;
running ones see ``context.cancelled()`` turn true and may stop early (the directory import does).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], object]
# A progress report this soon after the previous one is dropped: the GUI cannot show more than this anyway.
PROGRESS_INTERVAL_S = 0.05


class TaskCancelled(Exception):
    """Raised by :meth:`TaskContext.check` inside a task that has been cancelled."""


class Lane(Enum):
    DB = "db"
    NETWORK = "network"


class TaskState(Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TaskContext:
    """What a task function gets: its cancel flag and a progress reporter. Safe to use from the worker thread."""

    def __init__(self, task_id: int, cancel: threading.Event, report: Callable[[int, int, int], None]) -> None:
        self.task_id = task_id
        self._cancel = cancel
        self._report = report
        self._last_report = 0.0

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if the task was cancelled (or superseded by a newer one with the same key)."""
        if self._cancel.is_set():
            raise TaskCancelled

    def progress(self, done: int, total: int = 0) -> None:
        """Report progress; ``total`` 0 means unknown. Frequent reports are thinned out."""
        now = time.monotonic()
        if now - self._last_report < PROGRESS_INTERVAL_S and (total == 0 or done < total):
            return
        self._last_report = now
        self._report(self.task_id, done, total)


class TaskHandle(QObject):
    """The GUI thread's view of one submitted task.

    Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted, then ``finished``. Signals are emitted
    on the GUI thread.
    """

    succeeded = Signal(object)
    failed = Signal(object)  # the exception, for :func:`socialrx_desk.ui.errors.plain_message`
    progressed = Signal(int, int)  # done, total (0 when unknown)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, runner: TaskRunner, task_id: int, key: str | None, lane: Lane) -> None:
        super().__init__()
        self._runner = runner
        self.id = task_id
        self.key = key
        self.lane = lane
        self.state = TaskState.PENDING
        self._cancel = threading.Event()
        self._on_success: Callable[[Any], object] | None = None
        self._on_error: Callable[[BaseException], object] | None = None
        self._on_progress: Progress | None = None
        self._on_cancel: Callable[[], object] | None = None

    @property
    def done(self) -> bool:
        return self.state is not TaskState.PENDING

    def cancel(self) -> None:
        """Abandon the task: nothing it produces from now on reaches the GUI. Emits ``cancelled`` at once."""
        if self.done:
            return
        self._cancel.set()
        self._runner._settle(self, TaskState.CANCELLED, None)

    def stop(self) -> None:
        """Ask the task to stop early, and still report how it really ended.

        Use this when the outcome matters even after the user pressed Cancel: an import may already have
        committed when the request arrives, and the receptionist must then be told so, not "nothing changed".
        A task that stops raises (:class:`TaskCancelled` or its own error) and ``failed``/``cancelled`` follows.
        """
        if not self.done:
            self._cancel.set()

    @property
    def stopping(self) -> bool:
        return self._cancel.is_set() and not self.done

    def _deliver(self, state: TaskState, payload: Any) -> None:
        self.state = state
        if state is TaskState.SUCCEEDED:
            if self._on_success is not None:
                self._on_success(payload)
            self.succeeded.emit(payload)
        elif state is TaskState.FAILED:
            if self._on_error is not None:
                self._on_error(payload)
            self.failed.emit(payload)
        else:
            if self._on_cancel is not None:
                self._on_cancel()
            self.cancelled.emit()
        self.finished.emit()

    def _deliver_progress(self, done: int, total: int) -> None:
        if self.done:
            return
        if self._on_progress is not None:
            self._on_progress(done, total)
        self.progressed.emit(done, total)


@dataclass(slots=True)
class _Job:
    id: int
    fn: Callable[[TaskContext], Any]
    cancel: threading.Event
    description: str = field(default="")


@dataclass(slots=True)
class _Stop:
    last: Callable[[], object] | None


class TaskRunner(QObject):
    """Runs functions on the database lane or the network pool and hands their outcome to the GUI thread.

    Create it on the GUI thread. Call :meth:`shutdown` before the application quits.
    """

    _delivered = Signal(int, str, object)  # task id, outcome kind, payload: crosses threads, queued

    def __init__(self, parent: QObject | None = None, network_workers: int = 4) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._live: dict[int, TaskHandle] = {}
        self._latest: dict[str, int] = {}
        self._closed = False
        self._db_queue: queue.SimpleQueue[_Job | _Stop] = queue.SimpleQueue()
        self._db_thread = threading.Thread(target=self._db_loop, name="socialrx-db", daemon=True)
        self._db_thread.start()
        self._network_workers = network_workers
        self._pool: ThreadPoolExecutor | None = None  # started on first use: most sessions never need it
        self._delivered.connect(self._on_delivered)

    # --- submitting ----------------------------------------------------------------------------------------

    def run_db(
        self,
        fn: Callable[[TaskContext], T],
        *,
        key: str | None = None,
        on_success: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Progress | None = None,
        on_cancel: Callable[[], object] | None = None,
        description: str = "",
    ) -> TaskHandle:
        """Queue ``fn(context)`` on the database lane (one at a time, in order)."""
        handle, job = self._register(fn, key, Lane.DB, on_success, on_error, on_progress, on_cancel, description)
        self._db_queue.put(job)
        return handle

    def run_network(
        self,
        fn: Callable[[TaskContext], T],
        *,
        key: str | None = None,
        on_success: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Progress | None = None,
        on_cancel: Callable[[], object] | None = None,
        description: str = "",
    ) -> TaskHandle:
        """Run ``fn(context)`` on the network pool (concurrently with other network tasks)."""
        handle, job = self._register(fn, key, Lane.NETWORK, on_success, on_error, on_progress, on_cancel, description)
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor  # here: most sessions never start the pool

            self._pool = ThreadPoolExecutor(self._network_workers, thread_name_prefix="socialrx-net")
        self._pool.submit(self._execute, job)
        return handle

    def cancel_key(self, key: str) -> None:
        """Cancel every live task submitted with ``key``."""
        for handle in [h for h in self._live.values() if h.key == key]:
            handle.cancel()

    def pending(self, key: str | None = None) -> int:
        """How many tasks (with ``key``, or all) have not delivered an outcome yet."""
        return sum(1 for h in self._live.values() if key is None or h.key == key)

    def shutdown(self, timeout: float = 5.0, last: Callable[[], object] | None = None) -> bool:
        """Cancel everything and stop the lanes; True if the database lane stopped within ``timeout`` seconds.

        ``last`` runs on the database lane after everything else (closing the store where it was opened).
        """
        if self._closed:
            return True
        self._closed = True  # before cancelling: a cancel callback must not queue new work
        for handle in list(self._live.values()):
            handle.cancel()
        self._db_queue.put(_Stop(last))
        self._db_thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        return not self._db_thread.is_alive()

    # --- internals -----------------------------------------------------------------------------------------

    def _register(
        self,
        fn: Callable[[TaskContext], Any],
        key: str | None,
        lane: Lane,
        on_success: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], object] | None,
        on_progress: Progress | None,
        on_cancel: Callable[[], object] | None,
        description: str,
    ) -> tuple[TaskHandle, _Job]:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        task_id = next(self._ids)
        if key is not None:
            self.cancel_key(key)
            self._latest[key] = task_id
        handle = TaskHandle(self, task_id, key, lane)
        handle._on_success = on_success
        handle._on_error = on_error
        handle._on_progress = on_progress
        handle._on_cancel = on_cancel
        self._live[task_id] = handle
        return handle, _Job(task_id, fn, handle._cancel, description or getattr(fn, "__name__", "task"))

    def _db_loop(self) -> None:
        while True:
            job = self._db_queue.get()
            if isinstance(job, _Stop):
                if job.last is not None:
                    try:
                        job.last()
                    except Exception:
                        log.warning("closing work on the database lane failed", exc_info=True)
                return
            self._execute(job)

    def _execute(self, job: _Job) -> None:
        if job.cancel.is_set():
            # Abandoned (the GUI has been told and drops this) or stopped before it began (the GUI waits for it).
            self._delivered.emit(job.id, TaskState.CANCELLED.value, None)
            return
        context = TaskContext(job.id, job.cancel, self._report_progress)
        try:
            result = job.fn(context)
        except TaskCancelled:
            self._delivered.emit(job.id, TaskState.CANCELLED.value, None)
        except Exception as error:
            # The file log keeps the traceback for support; the person at the screen gets a plain message.
            log.info("task %s (%s) failed", job.id, job.description, exc_info=True)
            self._delivered.emit(job.id, TaskState.FAILED.value, error)
        else:
            self._delivered.emit(job.id, TaskState.SUCCEEDED.value, result)

    def _report_progress(self, task_id: int, done: int, total: int) -> None:
        self._delivered.emit(task_id, "progress", (done, total))

    @Slot(int, str, object)
    def _on_delivered(self, task_id: int, kind: str, payload: object) -> None:
        handle = self._live.get(task_id)
        if handle is None or handle.done:
            return  # cancelled or superseded: a stale outcome never reaches the GUI
        if kind == "progress":
            done, total = cast(tuple[int, int], payload)
            handle._deliver_progress(done, total)
            return
        if handle.key is not None and self._latest.get(handle.key, task_id) > task_id:
            handle.cancel()  # cannot normally happen (submission cancels older ones); never deliver it anyway
            return
        self._settle(handle, TaskState(kind), payload)

    def _settle(self, handle: TaskHandle, state: TaskState, payload: Any) -> None:
        self._live.pop(handle.id, None)
        handle._deliver(state, payload)
