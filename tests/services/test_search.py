import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialrx_desk.bench.relevance import evaluate, load_key
from socialrx_desk.paths import Profile
from socialrx_desk.services.directory_import import import_directory
from socialrx_desk.services.search import SearchQuery
from socialrx_desk.services.workspace import Workspace
from tests.conftest import data_path


@pytest.fixture(scope="module")
def liverpool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with Workspace.open(Profile(tmp_path_factory.mktemp("liverpool"))) as workspace:
        import_directory(workspace.engine, str(data_path("liverpool-oruk-v1.json")), workspace.vocabulary)
        yield workspace


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with Workspace.open(Profile(tmp_path_factory.mktemp("heldout"))) as workspace:
        import_directory(workspace.engine, str(data_path("heldout_directory.json")), workspace.vocabulary)
        yield workspace


def names(workspace: Workspace, text: str, **filters: object) -> list[str]:
    return [hit.name for hit in workspace.search.search(SearchQuery(text, **filters)).hits]  # type: ignore[arg-type]


HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    "'",
    "*",
    "**",
    "grab*",
    "NEAR(",
    "NEAR(grab rail, 3)",
    "AND",
    "OR OR OR",
    "NOT",
    "grab AND rail",
    "name:grab",
    "{name description}: grab",
    "^grab",
    "grab + rail",
    "col:",
    "'; DROP TABLE services; --",
    "1=1 OR 'a'='a'",
    "\x00\x01\x02",
    "🙂👵🏽🔥",
    "ग्रैब रेल",
    "x" * 10_000,
    "falls " * 2000,
    "(((((((",
    ")",
    "\\",
    "%_%",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises(liverpool: Workspace, text: str) -> None:
    result = liverpool.search.search(SearchQuery(text))
    assert isinstance(result.hits, list)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_is_safe(liverpool: Workspace, text: str) -> None:
    liverpool.search.search(SearchQuery(text, limit=5))


def test_services_table_survives_injection_attempt(liverpool: Workspace) -> None:
    liverpool.search.search(SearchQuery("'); DROP TABLE services; --"))
    assert names(liverpool, "debt advice")


def test_prefix_matching_while_typing(liverpool: Workspace) -> None:
    assert names(liverpool, "grab ra")[0].startswith("Grab rails")
    assert any("befriending" in n.lower() for n in names(liverpool, "befri")[:3])


def test_typo_tolerance(liverpool: Workspace) -> None:
    result = liverpool.search.search(SearchQuery("bioler broken"))
    assert result.interpretation.corrections.get("bioler") == "boiler"
    assert "boiler" in result.hits[0].name.lower()
    assert "Hearing" in names(liverpool, "hearign loss")[0]


def test_filters(liverpool: Workspace) -> None:
    assert all("(" not in n or "Liverpool" in n for n in names(liverpool, "debt"))
    drop_in = liverpool.search.search(SearchQuery("advice", access="drop-in")).hits
    assert drop_in and all("drop-in" in hit.access for hit in drop_in)
    assert not any(hit.min_age == 60 for hit in liverpool.search.search(SearchQuery("grab rails", age=40)).hits)
    saturday = liverpool.search.search(SearchQuery("walks", open_weekday=5)).hits
    assert all(hit.open_days & (1 << 5) for hit in saturday)
    money_only = liverpool.search.search(SearchQuery("advice", need="money")).hits
    assert money_only and all("money" in hit.needs for hit in money_only)
    assert liverpool.search.search(SearchQuery("advice", need="no_such_need")).hits == []


def test_need_with_empty_text_browses_that_need(liverpool: Workspace) -> None:
    hits = liverpool.search.search(SearchQuery("", need="loneliness", limit=50)).hits
    assert hits and all("loneliness" in hit.needs for hit in hits)


def test_inactive_services_are_hidden_unless_asked(heldout: Workspace) -> None:
    key = json.loads(data_path("heldout_needs_key.json").read_text())
    directory = json.loads(data_path("heldout_directory.json").read_text())["contents"]
    inactive = [s for s in directory if s["status"] in ("inactive", "defunct")]
    assert inactive
    for service in inactive:
        shown = {h.id for h in heldout.search.search(SearchQuery(service["name"], limit=50)).hits}
        assert service["id"] not in shown
        everything = heldout.search.search(SearchQuery(service["name"], limit=50, include_inactive=True)).hits
        assert service["id"] in {h.id for h in everything}
    assert key


def _relevance(workspace: Workspace, key_file: str, queries_file: str) -> float:
    key = load_key(data_path(key_file))
    queries = json.loads(data_path(queries_file).read_text())
    outcomes = evaluate(workspace, key, queries, k=3)
    misses = [o for o in outcomes if o.rank is None]
    for miss in misses:
        print(f"MISS {miss.query!r}: wanted {miss.expected}, got {miss.got}")
    return 1 - len(misses) / len(outcomes)


def test_relevance_on_the_sample_directory(liverpool: Workspace) -> None:
    """A service of the right need in the top 3 for at least 9 in 10 lay queries (written by someone else)."""
    assert _relevance(liverpool, "liverpool-needs-key.json", "relevance_liverpool.json") >= 0.9


def test_relevance_on_a_held_out_directory(heldout: Workspace) -> None:
    """A directory with other names and taxonomy, and its queries, written apart from the vocabulary.

    The figure is a measurement of how the search generalises (see the closing notes), kept here as a guard
    against regressions rather than a target the vocabulary was tuned to.
    """
    assert _relevance(heldout, "heldout_needs_key.json", "relevance_heldout.json") >= 0.9


def test_relevance_on_a_second_held_out_directory(tmp_path: Path) -> None:
    """A second independent directory (South West, v1 shape, broad council headings) and 148 queries."""
    with Workspace.open(Profile(tmp_path)) as workspace:
        import_directory(workspace.engine, str(data_path("heldout2_directory.json")), workspace.vocabulary)
        assert _relevance(workspace, "heldout2_needs_key.json", "relevance_heldout2.json") >= 0.9
