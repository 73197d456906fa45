"""``python -m socialrx_desk.bench relevance --directory ORUK.json --key KEY.json --queries QUERIES.json``

Search quality on a labelled directory: KEY maps service id -> {"need": ...}; QUERIES is a list of
``{"query": ..., "needs": [...]}``. A query passes when a service of one of its needs is in the top K.
Prints the failures, then one JSON object with ``queries``, ``top1``, ``topk`` (fractions) on the last line.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from socialrx_desk.paths import Profile
from socialrx_desk.services.directory_import import import_directory
from socialrx_desk.services.search import SearchQuery
from socialrx_desk.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Outcome:
    query: str
    expected: tuple[str, ...]
    got: tuple[str, ...]  # needs (from the key) of the top K results
    rank: int | None  # 1-based rank of the first right service


def evaluate(workspace: Workspace, key: dict[str, str], queries: list[dict[str, object]], k: int = 3) -> list[Outcome]:
    outcomes = []
    for item in queries:
        text = str(item["query"])
        expected = tuple(str(n) for n in item["needs"])  # type: ignore[attr-defined]
        hits = workspace.search.search(SearchQuery(text, limit=k)).hits
        got = tuple(key.get(hit.id, "?") for hit in hits)
        rank = next((i + 1 for i, need in enumerate(got) if need in expected), None)
        outcomes.append(Outcome(text, expected, got, rank))
    return outcomes


def load_key(path: Path) -> dict[str, str]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {sid: (v["need"] if isinstance(v, dict) else str(v)) for sid, v in raw.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench relevance")
    parser.add_argument("--directory", required=True, type=Path)
    parser.add_argument("--key", required=True, type=Path)
    parser.add_argument("--queries", required=True, type=Path)
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args(argv)
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="socialrx-relevance-") as tmp, Workspace.open(Profile(Path(tmp))) as ws:
        import_directory(ws.engine, str(args.directory), ws.vocabulary)
        outcomes = evaluate(ws, load_key(args.key), queries, args.top)
    for outcome in outcomes:
        if outcome.rank is None:
            print(f"MISS {outcome.query!r}: wanted {'/'.join(outcome.expected)}, got {', '.join(outcome.got)}")
    total = len(outcomes)
    figures = {
        "queries": total,
        "top1": round(sum(o.rank == 1 for o in outcomes) / total, 3),
        "topk": round(sum(o.rank is not None for o in outcomes) / total, 3),
        "k": args.top,
    }
    print(json.dumps(figures))
    return 0
