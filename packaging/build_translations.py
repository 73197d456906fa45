#!/usr/bin/env python3
"""Build step: compile the kiosk's translations (resources/translations/kiosk_*.ts) into .qm files with Qt's lrelease.

    python packaging/build_translations.py            # .qm next to the .ts sources (git ignores them)
    python packaging/build_translations.py --out DIR  # or into DIR, e.g. a PyInstaller build folder

The .ts files are the sources (edit them with Qt Linguist, or refresh them from the code with pyside6-lupdate);
the .qm files are always built, never committed or edited by hand. The kiosk also builds missing ones on start-up
when lrelease is available.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from socialrx_desk.ui.kiosk.translations import build, ts_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the .qm files here instead of next to the sources")
    args = parser.parse_args()
    try:
        written = build(args.out)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"build_translations: {error}", file=sys.stderr)
        return 1
    for qm in written:
        print(f"built {qm}")
    if len(written) != len(ts_files()):
        print("build_translations: not every .ts produced a .qm", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
