from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from socialrx_desk.ui.tasks import Lane, TaskCancelled, TaskContext, TaskRunner, TaskState

WAIT_MS = 5_000


def gate_task(runner: TaskRunner) -> tuple[threading.Event, threading.Event]:
    """Occupy the database lane until the returned ``release`` event is set."""
    started = threading.Event()
    release = threading.Event()

    def hold(_context: TaskContext) -> None:
        started.set()
        release.wait(10)

    runner.run_db(hold)
    assert started.wait(5)
    return started, release


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    gui = threading.current_thread()

    def work(_context: TaskContext) -> int:
        assert threading.current_thread() is not gui
        return 42

    handle = runner.run_db(work, on_success=lambda value: seen.append((value, threading.current_thread() is gui)))
    qtbot.waitSignal(handle.finished, timeout=WAIT_MS).wait()
    assert seen == [(42, True)]
    assert handle.state is TaskState.SUCCEEDED
    assert handle.lane is Lane.DB


def test_errors_are_delivered_not_raised(qtbot: QtBot, runner: TaskRunner) -> None:
    def broken(_context: TaskContext) -> None:
        raise ValueError("no such thing")

    errors: list[BaseException] = []
    handle = runner.run_db(broken, on_error=errors.append)
    blocker = qtbot.waitSignal(handle.failed, timeout=WAIT_MS)
    blocker.wait()
    assert isinstance(blocker.args[0], ValueError)
    assert [str(e) for e in errors] == ["no such thing"]
    assert handle.state is TaskState.FAILED


def test_database_lane_runs_one_task_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    order: list[int] = []
    threads: set[int] = set()
    running = threading.Semaphore(1)

    def work(number: int) -> None:
        assert running.acquire(blocking=False), "two database tasks ran at once"
        try:
            order.append(number)
            threads.add(threading.get_ident())
        finally:
            running.release()

    handles = [runner.run_db(lambda _c, n=n: work(n)) for n in range(20)]
    qtbot.waitUntil(lambda: all(h.done for h in handles), timeout=WAIT_MS)
    assert order == list(range(20))
    assert len(threads) == 1


def test_newer_task_with_the_same_key_supersedes_an_older_running_one(qtbot: QtBot, runner: TaskRunner) -> None:
    release_old = threading.Event()
    old_finished = threading.Event()
    delivered: list[str] = []

    def old(_context: TaskContext) -> str:
        release_old.wait(5)
        old_finished.set()
        return "old"

    first = runner.run_network(old, key="search", on_success=delivered.append)
    second = runner.run_network(lambda _c: "new", key="search", on_success=delivered.append)
    assert first.state is TaskState.CANCELLED  # superseded at once
    qtbot.waitSignal(second.succeeded, timeout=WAIT_MS).wait()
    release_old.set()
    assert old_finished.wait(5)
    # The old result is on its way through the event queue; give it every chance to (wrongly) arrive.
    qtbot.wait(50)
    assert delivered == ["new"]


def test_stale_result_finishing_after_the_newer_one_is_dropped_on_the_db_lane(qtbot: QtBot, runner: TaskRunner) -> None:
    _started, release = gate_task(runner)
    delivered: list[str] = []
    first = runner.run_db(lambda _c: "first", key="k", on_success=delivered.append)
    second = runner.run_db(lambda _c: "second", key="k", on_success=delivered.append)
    release.set()
    qtbot.waitSignal(second.finished, timeout=WAIT_MS).wait()
    assert delivered == ["second"]
    assert first.state is TaskState.CANCELLED


def test_cancelled_task_that_has_not_started_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    _started, release = gate_task(runner)
    ran = threading.Event()
    handle = runner.run_db(lambda _c: ran.set())
    cancelled: list[bool] = []
    handle.cancelled.connect(lambda: cancelled.append(True))
    handle.cancel()
    assert cancelled == [True]
    release.set()
    after = runner.run_db(lambda _c: None)
    qtbot.waitSignal(after.finished, timeout=WAIT_MS).wait()
    assert not ran.is_set()


def test_stop_reports_how_the_task_really_ended(qtbot: QtBot, runner: TaskRunner) -> None:
    looping = threading.Event()

    def cooperative(context: TaskContext) -> None:
        looping.set()
        while True:
            context.check()
            threading.Event().wait(0.005)

    handle = runner.run_db(cooperative)
    assert looping.wait(5)
    with qtbot.waitSignal(handle.cancelled, timeout=WAIT_MS):
        handle.stop()
        assert handle.stopping
    assert handle.state is TaskState.CANCELLED

    finishing = threading.Event()

    def stubborn(_context: TaskContext) -> str:
        finishing.wait(5)
        return "committed anyway"

    began = threading.Event()

    def stubborn_started(context: TaskContext) -> str:
        began.set()
        return stubborn(context)

    late = runner.run_db(stubborn_started)
    assert began.wait(5)
    late.stop()
    finishing.set()
    blocker = qtbot.waitSignal(late.succeeded, timeout=WAIT_MS)
    blocker.wait()
    assert blocker.args == ["committed anyway"]


def test_progress_reaches_the_gui(qtbot: QtBot, runner: TaskRunner) -> None:
    reports: list[tuple[int, int]] = []

    def work(context: TaskContext) -> None:
        for done in range(1, 4):
            context.progress(done, 3)

    handle = runner.run_db(work, on_progress=lambda done, total: reports.append((done, total)))
    qtbot.waitSignal(handle.finished, timeout=WAIT_MS).wait()
    assert reports and reports[-1] == (3, 3)


def test_task_cancelled_exception_counts_as_cancelled(qtbot: QtBot, runner: TaskRunner) -> None:
    def give_up(_context: TaskContext) -> None:
        raise TaskCancelled

    handle = runner.run_db(give_up)
    qtbot.waitSignal(handle.cancelled, timeout=WAIT_MS).wait()


def test_shutdown_runs_the_last_work_on_the_db_lane_and_refuses_more(qtbot: QtBot) -> None:
    runner = TaskRunner()
    lane_thread: list[int] = []
    first = runner.run_db(lambda _c: lane_thread.append(threading.get_ident()))
    qtbot.waitUntil(lambda: first.done, timeout=WAIT_MS)
    closing: list[int] = []
    assert runner.shutdown(timeout=5, last=lambda: closing.append(threading.get_ident()))
    assert closing and closing == lane_thread
    with pytest.raises(RuntimeError):
        runner.run_db(lambda _c: None)
    assert runner.shutdown()  # twice is harmless
