"""``python -m socialrx_desk.bench desk-typing [--services N] [--queries Q]``

Typing into the real desk window (offscreen) over a directory of N synthetic services: each lay query is typed
keystroke by keystroke with human gaps between keys (some shorter than the search debounce, some longer, so
searches fire mid-word as they do at a real counter). For every search that fires, the time from the debounce
firing to its results being painted in the list is measured. Searches overtaken by a later keystroke never
paint (stale answers are discarded); they are counted, not timed.

The directory is built through the real importer in a child process first, so the memory figure is the desk's
own: ``rss_mb`` is the resident set size of this process (Qt, the window, the store and the search) after typing;
``rss_peak_mb`` its high-water mark.

Prints one JSON object on its last line: ``p50_ms``, ``p95_ms``, ``rss_mb`` and details.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEBOUNCE_MS = 150
# Gaps between keystrokes of a receptionist typing while listening: mostly quick, with pauses between words.
KEY_GAP_MS = (35, 110)
PAUSE_GAP_MS = (170, 420)
PAUSE_CHANCE = 0.18
SETTLE_TIMEOUT_MS = 10_000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def prepare(profile: Path, services: int) -> None:
    """Import N synthetic services into ``profile`` (run in a child process; see the module docstring)."""
    from socialrx_desk.bench.synthetic import synthetic_records
    from socialrx_desk.paths import Profile
    from socialrx_desk.services.directory_import import import_records, records_from
    from socialrx_desk.services.workspace import Workspace

    with Workspace.open(Profile(profile)) as workspace:
        import_records(workspace.engine, records_from(synthetic_records(services)), workspace.vocabulary)


def memory_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MB."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
        return peak_mb, peak_mb
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)

    def kb(name: str) -> float:
        return float(fields[name].split()[0]) / 1024

    return kb("VmRSS"), kb("VmHWM")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench desk-typing")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="lay queries to type")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--prepare", metavar="PROFILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(Path(args.prepare), args.services)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="socialrx-bench-typing-"))
    try:
        profile = tmp / "profile"
        started = time.perf_counter()
        builder = [sys.executable, "-m", "socialrx_desk.bench.desk_typing", "--prepare", str(profile)]
        subprocess.run([*builder, "--services", str(args.services)], check=True)
        print(f"built {args.services} services in {time.perf_counter() - started:.1f} s", flush=True)
        figures = _type_queries(profile, args.queries, args.seed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    figures = {"services": args.services, **figures}
    print(json.dumps(figures))
    return 0


def _type_queries(profile_root: Path, query_count: int, seed: int) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from socialrx_desk.bench.synthetic import lay_queries
    from socialrx_desk.ui.desk.typing_probe import Typing, type_into_desk

    queries = lay_queries(max(query_count, 1), seed=seed)[:query_count]
    typing = Typing(
        debounce_ms=DEBOUNCE_MS,
        key_gap_ms=KEY_GAP_MS,
        pause_gap_ms=PAUSE_GAP_MS,
        pause_chance=PAUSE_CHANCE,
        settle_timeout_ms=SETTLE_TIMEOUT_MS,
        seed=seed,
    )
    result = type_into_desk(profile_root, queries, typing, on_ready=lambda s: print(f"desk ready in {s:.2f} s"))
    rss, peak = memory_mb()
    latencies = result.latencies_ms
    if not latencies:
        raise RuntimeError("no search reached the screen")
    return {
        "queries": len(queries),
        "searches": result.searches,
        "painted": len(latencies),
        "superseded": result.searches - len(latencies),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "rss_mb": round(rss, 1),
        "rss_peak_mb": round(peak, 1),
    }


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
