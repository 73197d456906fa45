import json

import pytest

from socialrx_desk.bench.__main__ import main as bench_main


def test_search_benchmark_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["search", "--services", "300", "--queries", "120"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["services"] == 300 and figures["queries"] >= 120
    for key in ("import_seconds", "p50_ms", "p95_ms", "p99_ms", "baseline_p50_ms", "speedup"):
        assert figures[key] is not None and figures[key] >= 0


def test_relevance_benchmark_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import data_path

    args = [
        "relevance",
        "--directory",
        str(data_path("liverpool-oruk-v1.json")),
        "--key",
        str(data_path("liverpool-needs-key.json")),
        "--queries",
        str(data_path("relevance_liverpool.json")),
    ]
    assert bench_main(args) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["queries"] == 112 and 0 <= figures["top1"] <= figures["topk"] <= 1


def test_unknown_benchmark_is_a_usage_error() -> None:
    assert bench_main(["nope"]) == 2


def test_sync_benchmark_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["sync", "--queued", "5"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["queued"] == 5 and figures["duplicates"] == 0 and figures["lost"] == 0
    assert figures["seconds"] > 0 and figures["per_s"] > 0
