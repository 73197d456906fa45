"""``python -m socialrx_desk.bench search [--services N] [--queries Q]``

Builds a synthetic directory of N services in a temporary profile through the real importer, runs Q lay queries
through the real search (query understanding, FTS5, re-ranking, summaries), then the same queries as a plain
``LIKE '%word%'`` scan, and prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from socialrx_desk.bench.synthetic import lay_queries, synthetic_records
from socialrx_desk.core.needs import FUNCTION_WORDS
from socialrx_desk.core.text import search_words, stem
from socialrx_desk.paths import Profile
from socialrx_desk.services.directory_import import import_records, records_from
from socialrx_desk.services.search import NOISE, SearchQuery
from socialrx_desk.services.workspace import Workspace
from socialrx_desk.store.search_index import like_scan


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench search")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)

    with (
        tempfile.TemporaryDirectory(prefix="socialrx-bench-") as tmp,
        Workspace.open(Profile(Path(tmp))) as workspace,
    ):
        started = time.perf_counter()
        report = import_records(workspace.engine, records_from(synthetic_records(args.services)), workspace.vocabulary)
        import_seconds = time.perf_counter() - started
        print(f"imported {report.usable} services in {import_seconds:.1f} s", flush=True)

        search = workspace.search
        search.refresh()
        queries = lay_queries(args.queries)
        for query in queries[:50]:  # warm the page cache and the stemmer's memo, as a running desk has
            search.search(SearchQuery(query, limit=args.limit))
        timings = []
        empty = 0
        for query in queries:
            started = time.perf_counter()
            result = search.search(SearchQuery(query, limit=args.limit))
            timings.append((time.perf_counter() - started) * 1000)
            empty += not result.hits
        print(f"searched {len(queries)} queries ({empty} with no results)", flush=True)

        baseline = []
        with workspace.engine.connect() as connection:
            for query in queries:
                words = [w for w in search_words(query) if stem(w) not in FUNCTION_WORDS | NOISE]
                started = time.perf_counter()
                like_scan(connection, words, args.limit)
                baseline.append((time.perf_counter() - started) * 1000)

    p50 = statistics.median(timings)
    baseline_p50 = statistics.median(baseline)
    figures = {
        "services": args.services,
        "queries": len(timings),
        "import_seconds": round(import_seconds, 2),
        "p50_ms": round(p50, 3),
        "p95_ms": round(percentile(timings, 0.95), 3),
        "p99_ms": round(percentile(timings, 0.99), 3),
        "max_ms": round(max(timings), 3),
        "baseline_p50_ms": round(baseline_p50, 3),
        "baseline_p99_ms": round(percentile(baseline, 0.99), 3),
        "speedup": round(baseline_p50 / p50, 1) if p50 else None,
    }
    print(json.dumps(figures))
    return 0
