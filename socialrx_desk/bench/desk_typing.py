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
import random
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
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from socialrx_desk.bench.synthetic import lay_queries
    from socialrx_desk.paths import Profile
    from socialrx_desk.ui.desk.backend import DeskBackend
    from socialrx_desk.ui.desk.window import DeskWindow
    from socialrx_desk.ui.style import apply_desk_style
    from socialrx_desk.ui.tasks import TaskRunner

    def wait(ms: int) -> None:
        # Not QTest.qWait: it keeps the GIL while it sleeps, which starves the database thread.
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    apply_desk_style(app)
    runner = TaskRunner()
    window = DeskWindow(DeskBackend(Profile(profile_root)), runner, debounce_ms=DEBOUNCE_MS)
    window.show()
    QTest.qWaitForWindowExposed(window)
    ready: list[object] = []
    window.directory_ready.connect(ready.append)
    window.start()
    opened = time.perf_counter()
    while not ready and time.perf_counter() - opened < 120:
        wait(20)
    if not ready:
        raise RuntimeError("the desk did not open its directory")
    print(f"desk ready in {time.perf_counter() - opened:.2f} s", flush=True)

    fired: dict[int, float] = {}
    latencies: list[float] = []
    painted: set[int] = set()
    window.search_started.connect(lambda request_id: fired.__setitem__(request_id, time.perf_counter()))

    def on_painted(request_id: int) -> None:
        if request_id in fired and request_id not in painted:
            painted.add(request_id)
            latencies.append((time.perf_counter() - fired[request_id]) * 1000)

    window.results_painted.connect(on_painted)
    rng = random.Random(seed)
    queries = lay_queries(max(query_count, 1), seed=seed)[:query_count]
    window.search_box.setFocus()
    for query in queries:
        QTest.keyClick(window.search_box, Qt.Key.Key_Escape)  # clear, as between two patients
        for character in query:
            QTest.keyClicks(window.search_box, character)
            gap = PAUSE_GAP_MS if rng.random() < PAUSE_CHANCE else KEY_GAP_MS
            wait(rng.randint(*gap))
        # Wait for the last search of this query to reach the screen.
        deadline = time.perf_counter() + SETTLE_TIMEOUT_MS / 1000
        wait(DEBOUNCE_MS + 10)
        while window._latest_request not in painted and time.perf_counter() < deadline:
            wait(5)
    rss, peak = memory_mb()
    window.close()
    runner.shutdown(last=window.backend.close)

    if not latencies:
        raise RuntimeError("no search reached the screen")
    return {
        "queries": len(queries),
        "searches": len(fired),
        "painted": len(latencies),
        "superseded": len(fired) - len(latencies),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "rss_mb": round(rss, 1),
        "rss_peak_mb": round(peak, 1),
    }


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
