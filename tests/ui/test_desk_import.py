"""The empty directory, importing a directory (and cancelling it), and plain error messages."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.services.workspace import demo_directory_path
from socialrx_desk.ui.desk.window import DeskWindow, State
from socialrx_desk.ui.tasks import TaskContext, TaskRunner

from .conftest import WAIT_MS, open_window


def block_db_lane(runner: TaskRunner) -> threading.Event:
    holding = threading.Event()
    release = threading.Event()

    def hold(_context: TaskContext) -> None:
        holding.set()
        release.wait(10)

    runner.run_db(hold)
    assert holding.wait(5)
    return release


def test_empty_directory_explains_how_to_import(empty_desk: DeskWindow) -> None:
    assert empty_desk.state == State.EMPTY
    assert empty_desk.message.kind == "empty"
    assert "File &gt; Import" in empty_desk.message.body.text() or "File > Import" in empty_desk.message.body.text()
    assert empty_desk.message.button.isVisible()
    assert not empty_desk.search_box.isEnabled()
    assert "0 services" in empty_desk.directory_label.text()


def test_import_from_the_empty_state_fills_the_directory(
    qtbot: QtBot, empty_desk: DeskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(empty_desk, "choose_import_file", lambda: str(demo_directory_path()))
    with qtbot.waitSignal(empty_desk.directory_ready, timeout=WAIT_MS) as ready:
        empty_desk.message.button.click()
    assert ready.args[0].services == 80
    assert empty_desk.state == State.READY
    assert empty_desk.search_box.isEnabled()
    assert empty_desk.focusWidget() is empty_desk.search_box
    assert empty_desk.notice.kind == "success"
    assert "80 new" in empty_desk.notice.text
    assert empty_desk.findChild(QProgressDialog) is None or not empty_desk.findChild(QProgressDialog).isVisible()
    with qtbot.waitSignal(empty_desk.results_shown, timeout=WAIT_MS):
        empty_desk.search_for("lonely")
    assert empty_desk.results_model.rowCount() > 0


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancelling_an_import_changes_nothing(qtbot: QtBot, empty_desk: DeskWindow, how: str) -> None:
    release = block_db_lane(empty_desk.runner)  # the import waits its turn, so Cancel comes first
    empty_desk.import_file(str(demo_directory_path()))
    progress = empty_desk.findChild(QProgressDialog, "importProgress")
    assert progress is not None and progress.isVisible()
    with qtbot.waitSignal(empty_desk.import_finished, timeout=WAIT_MS) as finished:
        if how == "button":
            qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(progress, Qt.Key.Key_Escape)
        release.set()
    assert finished.args == ["cancelled"]
    assert "Nothing was changed" in empty_desk.notice.text
    assert not progress.isVisible()
    assert empty_desk.state == State.EMPTY
    with qtbot.waitSignal(empty_desk.directory_ready, timeout=WAIT_MS) as ready:
        empty_desk._reload_state()
    assert ready.args[0].services == 0


def test_cancel_during_a_running_import_rolls_it_back(qtbot: QtBot, empty_desk: DeskWindow, tmp_path: Path) -> None:
    # Big enough for the importer to check for Cancel many times; the progress report is our cue to press it.
    records = json.loads(demo_directory_path().read_text(encoding="utf-8"))["content"]
    many = [dict(record, id=f"{record['id']}-{n}") for n in range(60) for record in records]
    source = tmp_path / "big.json"
    source.write_text(json.dumps(many), encoding="utf-8")
    handle = empty_desk.import_file(str(source))
    qtbot.waitSignal(handle.progressed, timeout=WAIT_MS).wait()
    progress = empty_desk.findChild(QProgressDialog, "importProgress")
    with qtbot.waitSignal(empty_desk.import_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    # Either the import noticed (rolled back) or it had already committed; the notice must say which.
    if finished.args == ["cancelled"]:
        assert "Nothing was changed" in empty_desk.notice.text
        with qtbot.waitSignal(empty_desk.directory_ready, timeout=WAIT_MS) as ready:
            empty_desk._reload_state()
        assert ready.args[0].services == 0
    else:
        assert finished.args == ["imported"]
        assert "Imported" in empty_desk.notice.text


def test_a_file_that_is_not_a_directory_gives_a_plain_message(
    qtbot: QtBot, empty_desk: DeskWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("this is not json", encoding="utf-8")
    with qtbot.waitSignal(empty_desk.import_finished, timeout=WAIT_MS) as finished:
        empty_desk.import_file(str(bad))
    assert finished.args == ["failed"]
    message = empty_desk.notice.text
    assert empty_desk.notice.kind == "error"
    assert "Traceback" not in message and "Error:" not in message
    assert "notes.json" in message


def test_inactive_services_are_shown_only_when_asked(qtbot: QtBot, empty_desk: DeskWindow, tmp_path: Path) -> None:
    records = json.loads(demo_directory_path().read_text(encoding="utf-8"))["content"]
    closed = [dict(record, status="inactive") for record in records if "Lunch club" in record["name"]]
    assert closed
    source = tmp_path / "closed.json"
    source.write_text(json.dumps(closed + [r for r in records if "Lunch club" not in r["name"]]), encoding="utf-8")
    with qtbot.waitSignal(empty_desk.directory_ready, timeout=WAIT_MS):
        empty_desk.import_file(str(source))
    with qtbot.waitSignal(empty_desk.results_painted, timeout=WAIT_MS):
        empty_desk.search_for("lunch club")
    names = [empty_desk.results_model.row_at(n).name for n in range(empty_desk.results_model.rowCount())]
    assert not any("Lunch club" in name for name in names)
    with qtbot.waitSignal(empty_desk.results_painted, timeout=WAIT_MS):
        empty_desk.filters.inactive.setChecked(True)
    rows = [empty_desk.results_model.row_at(n) for n in range(empty_desk.results_model.rowCount())]
    lunch = [row for row in rows if row and "Lunch club" in row.name]
    assert lunch and all(row.inactive for row in lunch)
    assert lunch[0].facts.startswith("Inactive")


def test_a_store_that_cannot_be_opened_says_so_plainly(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "broken")
    profile.ensure()
    profile.database.write_bytes(b"this is not a database" * 100)
    from socialrx_desk.ui.desk.backend import DeskBackend

    window = DeskWindow(DeskBackend(profile), runner)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.directory_failed, timeout=WAIT_MS) as failed:
        window.start()
    assert window.state == State.FAILED
    assert window.message.kind == "error"
    assert "Traceback" not in failed.args[0]
    assert str(profile.database) in failed.args[0] or "database" in failed.args[0].lower()
    assert not window.search_box.isEnabled()


def test_opening_again_after_import_keeps_the_directory(
    qtbot: QtBot, runner: TaskRunner, demo_profile: Profile
) -> None:
    window = open_window(qtbot, runner, demo_profile)
    assert window.directory is not None and window.directory.services == 80
    runner.shutdown(timeout=10, last=window.backend.close)
