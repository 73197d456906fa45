"""Smoke runs of the desk benchmarks at tiny sizes: they run and print one JSON object on their last line."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run_bench(*args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "socialrx_desk.bench", *args],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def test_startup_benchmark_smoke() -> None:
    figures = run_bench("startup", "--repeat", "1")
    for key in ("desk_s", "bare_s", "ratio", "ready_s"):
        assert isinstance(figures[key], float) and figures[key] > 0


def test_desk_typing_benchmark_smoke() -> None:
    figures = run_bench("desk-typing", "--services", "200", "--queries", "2")
    assert figures["services"] == 200
    assert isinstance(figures["painted"], int) and figures["painted"] > 0
    for key in ("p50_ms", "p95_ms", "rss_mb"):
        assert isinstance(figures[key], float) and figures[key] > 0
