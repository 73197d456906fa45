"""``python -m socialrx_desk.bench startup [--repeat N]``

Cold start of the desk to its first window on screen, against a bare PySide6 window, measured in the same run:
each repetition starts a fresh ``socialrx-desk`` process and a fresh bare-window process (alternating, so drift in
machine load hits both alike) and takes the time from spawning the process to the moment the process reports
that its window has been painted (``SOCIALRX_STARTUP_PROBE``, see :mod:`socialrx_desk.ui.startup_probe`).

The desk runs on a profile that already holds the sample directory, as a receptionist's desk would. A second
figure, ``ready_s``, is the time until that directory is open and searchable. A third, ``ui_only_s``, starts the
same window through ``socialrx_desk.ui.launch`` without the entry point's module-level imports (the store,
SQLAlchemy, pydantic settings, the CLI): the share of the start-up that belongs to the window itself.

Prints one JSON object on its last line: ``desk_s``, ``bare_s``, ``ratio`` (medians) and details.
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

PROBE_ENV = "SOCIALRX_STARTUP_PROBE"  # as in socialrx_desk.ui.startup_probe, which this must not import (Qt)
FIRST_WINDOW = "socialrx-first-window"
READY = "socialrx-ready"
TIMEOUT_S = 60

# The baseline, run by path so that it loads PySide6 alone (importing it would load the socialrx_desk.ui package).
BARE_WINDOW = Path(__file__).resolve().parent.parent / "ui" / "bare_window.py"


UI_ONLY = """
import argparse, sys
from pathlib import Path
from socialrx_desk.paths import Profile
from socialrx_desk.ui.launch import launch
args = argparse.Namespace(kiosk=False, demo=False, screenshot=None, language=None, verbose=False)
sys.exit(launch(args, Profile(Path({profile!r}))))
"""


def desk_command(profile: Path) -> list[str]:
    script = Path(sys.executable).with_name("socialrx-desk")
    if script.exists():
        return [str(script), "--profile", str(profile)]
    return [sys.executable, "-m", "socialrx_desk", "--profile", str(profile)]


def timed(command: list[str], env: dict[str, str], marker: str) -> float:
    """Seconds from spawning ``command`` to its ``marker`` line (a Unix time stamp printed by the child)."""
    started = time.time()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    for line in completed.stdout.splitlines():
        if line.startswith(marker + " "):
            return float(line.split()[1]) - started
    raise RuntimeError(
        f"{command[0]} did not report {marker} (exit {completed.returncode}): {completed.stderr.strip()[-500:]}"
    )


def prepare_profile(root: Path) -> None:
    from socialrx_desk.paths import Profile
    from socialrx_desk.services.directory_import import import_directory
    from socialrx_desk.services.workspace import Workspace, demo_directory_path

    with Workspace.open(Profile(root)) as workspace:
        import_directory(workspace.engine, str(demo_directory_path()), workspace.vocabulary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench startup")
    parser.add_argument("--repeat", type=int, default=7, help="measured runs of each (after one warm-up each)")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the children")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="socialrx-bench-startup-"))
    try:
        profile = tmp / "profile"
        prepare_profile(profile)
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
        env.pop(PROBE_ENV, None)
        # Installed apps run from compiled bytecode; a checkout with PYTHONDONTWRITEBYTECODE would recompile the
        # desk's own modules on every start (and not the bare window's), so both get a bytecode cache here.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        window_env = dict(env, **{PROBE_ENV: "window"})
        ready_env = dict(env, **{PROBE_ENV: "ready"})
        bare = [sys.executable, str(BARE_WINDOW)]
        desk = desk_command(profile)
        # The window alone, started the way app.py starts it but without app.py's own imports: what the desk
        # costs once the entry point imports the store and the CLI lazily (see the module docstring).
        ui_only = [sys.executable, "-c", UI_ONLY.format(profile=str(profile))]

        timed(bare, env, FIRST_WINDOW)  # warm the file and bytecode caches, as on a machine in daily use
        timed(desk, window_env, FIRST_WINDOW)
        timed(ui_only, window_env, FIRST_WINDOW)
        bare_times: list[float] = []
        desk_times: list[float] = []
        ready_times: list[float] = []
        ui_times: list[float] = []
        for _ in range(max(1, args.repeat)):
            bare_times.append(timed(bare, env, FIRST_WINDOW))
            desk_times.append(timed(desk, window_env, FIRST_WINDOW))
            ui_times.append(timed(ui_only, window_env, FIRST_WINDOW))
            ready_times.append(timed(desk, ready_env, READY))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    bare_s = statistics.median(bare_times)
    desk_s = statistics.median(desk_times)
    figures = {
        "repeat": len(desk_times),
        "platform": args.platform,
        "desk_s": round(desk_s, 3),
        "bare_s": round(bare_s, 3),
        "ratio": round(desk_s / bare_s, 2),
        "ready_s": round(statistics.median(ready_times), 3),
        "ui_only_s": round(statistics.median(ui_times), 3),
        "ui_only_ratio": round(statistics.median(ui_times) / bare_s, 2),
        "desk_runs_s": [round(t, 3) for t in desk_times],
        "bare_runs_s": [round(t, 3) for t in bare_times],
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
