"""``python -m socialrx_desk.bench NAME [options]``: each benchmark prints one JSON object on its last line."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "search": "socialrx_desk.bench.search",
    "hub-race": "socialrx_desk.bench.hub_race",
    "sync": "socialrx_desk.bench.sync",
    "desk-typing": "socialrx_desk.bench.desk_typing",
    "startup": "socialrx_desk.bench.startup",
    "relevance": "socialrx_desk.bench.relevance",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print("usage: python -m socialrx_desk.bench {" + ",".join(BENCHMARKS) + "} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(BENCHMARKS[argv[0]])
    result: int = module.main(argv[1:])
    return result


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
