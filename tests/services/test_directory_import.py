import json
from pathlib import Path

import pytest
from sqlalchemy import text

from socialrx_desk.directory.source import SourceError
from socialrx_desk.services.directory_import import ImportCancelled, import_directory
from socialrx_desk.services.directory_view import directory_size, service_detail
from socialrx_desk.services.workspace import Workspace
from tests.conftest import data_path


def _count(workspace: Workspace, table: str) -> int:
    with workspace.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_import_v1_then_v3_upserts_by_id(workspace: Workspace) -> None:
    first = import_directory(workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary)
    assert (first.imported, first.updated, first.skipped) == (80, 0, [])
    second = import_directory(workspace.engine, str(data_path("liverpool-oruk-v3.json")), workspace.vocabulary)
    assert (second.imported, second.updated) == (0, 27)
    assert directory_size(workspace.engine) == 80
    # Children were replaced, not duplicated, and the index has one row per service.
    assert _count(workspace, "service_fts") == 80
    assert _count(workspace, "opening_hours") == 80
    again = import_directory(workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary)
    assert (again.imported, again.updated) == (0, 80)
    assert _count(workspace, "contacts") == 80


def test_service_detail_reads_back_what_was_imported(workspace: Workspace) -> None:
    import_directory(workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary)
    detail = service_detail(workspace.engine, workspace.vocabulary, "15ee69f3-2085-40b3-850e-1ddd90fb67b5")
    assert detail is not None
    assert detail.service.name == "Grab rails and stair rails fitting"
    assert detail.opening_lines == ("Mon-Fri 09:00-16:30",)
    assert detail.who_for.startswith("aged 60 or over")
    assert detail.needs, "the service should be tagged with at least one need"
    assert detail.service.locations[0].addresses[0].postcode == "L25 6WP"
    assert service_detail(workspace.engine, workspace.vocabulary, "no-such-id") is None


def test_bad_records_are_skipped_and_reported(workspace: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "mixed.json"
    source.write_text(
        json.dumps(
            [
                {"id": "ok-1", "name": "Good service"},
                {"name": "No id here"},
                {"id": "no-name"},
                "not an object",
                {"id": "ok-2", "name": "Another good one", "regular_schedules": None},
                {"id": "ok-1", "name": "Good service, second copy"},
            ]
        )
    )
    report = import_directory(workspace.engine, str(source), workspace.vocabulary)
    assert report.imported == 2 and report.read == 6
    reasons = [str(s) for s in report.skipped]
    assert reasons[0] == "item 2: no id"
    assert reasons[1] == "item 3 (id no-name): no name"
    assert reasons[2].startswith("item 4: expected a JSON object")
    assert "repeated id" in reasons[3]
    detail = service_detail(workspace.engine, workspace.vocabulary, "ok-1")
    assert detail is not None and detail.service.name == "Good service, second copy"


def test_nothing_usable_is_an_error_and_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    import_directory(workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary)
    source = tmp_path / "useless.json"
    source.write_text(json.dumps([{"name": "no id"}]))
    with pytest.raises(SourceError, match="nothing usable"):
        import_directory(workspace.engine, str(source), workspace.vocabulary)
    with pytest.raises(SourceError, match="not valid JSON"):
        broken = tmp_path / "broken.json"
        broken.write_text("[{")
        import_directory(workspace.engine, str(broken), workspace.vocabulary)
    assert directory_size(workspace.engine) == 80


def test_cancelled_import_rolls_back_everything(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small batches, so that several were already written inside the transaction when the cancel comes.
    monkeypatch.setattr("socialrx_desk.services.directory_import.BATCH", 10)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 40

    with pytest.raises(ImportCancelled):
        import_directory(
            workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary, cancelled=cancelled
        )
    assert directory_size(workspace.engine) == 0
    assert _count(workspace, "service_fts") == 0
