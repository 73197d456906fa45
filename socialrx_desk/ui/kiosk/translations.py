"""Building the kiosk's ``.qm`` translation files from the ``.ts`` sources with Qt's ``lrelease``.

Used by ``packaging/build_translations.py`` (the build) and by the kiosk on start-up when a ``.qm`` is missing or
older than its ``.ts`` (a fresh clone). Nothing here imports Qt: lrelease is run as a program.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from socialrx_desk.paths import resources_dir

log = logging.getLogger(__name__)
PREFIX = "kiosk_"
LRELEASE_NAMES = ("pyside6-lrelease", "lrelease6", "lrelease")
LRELEASE_TIMEOUT_S = 60


def sources_dir() -> Path:
    return resources_dir() / "translations"


def ts_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or sources_dir()).glob(f"{PREFIX}*.ts"))


def language_of(path: Path) -> str:
    return path.stem.removeprefix(PREFIX)


def find_lrelease() -> Path | None:
    # The venv's own copy first: the one that matches the Qt the app runs on.
    here = Path(sys.executable).parent
    for name in LRELEASE_NAMES:
        candidate = here / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    for name in LRELEASE_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def is_stale(ts: Path, qm: Path) -> bool:
    try:
        return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime
    except OSError:
        return True


def build(
    out_dir: Path | None = None, *, sources: Path | None = None, only_stale: bool = False, lrelease: Path | None = None
) -> list[Path]:
    """Compile every ``kiosk_*.ts`` into ``out_dir`` (default: next to the sources). Returns the ``.qm`` written.

    Raises FileNotFoundError when lrelease cannot be found and RuntimeError when it fails.
    """
    source_dir = sources or sources_dir()
    target = out_dir or source_dir
    todo = [ts for ts in ts_files(source_dir) if not only_stale or is_stale(ts, target / f"{ts.stem}.qm")]
    if not todo:
        return []
    tool = lrelease or find_lrelease()
    if tool is None:
        raise FileNotFoundError("Qt's lrelease was not found (pyside6-lrelease comes with PySide6)")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in todo:
        qm = target / f"{ts.stem}.qm"
        result = subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            timeout=LRELEASE_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed on {ts.name}: {(result.stderr or result.stdout).strip()}")
        written.append(qm)
    return written


def qm_path(language: str, fallback_dir: Path | None = None) -> Path | None:
    """The compiled translation for ``language``, building it first if it is missing or stale and lrelease exists.

    The shipped resources may be read-only (an installed app); then it is built into ``fallback_dir``.
    """
    ts = sources_dir() / f"{PREFIX}{language}.ts"
    shipped = sources_dir() / f"{PREFIX}{language}.qm"
    if not ts.exists():
        return shipped if shipped.exists() else None
    if not is_stale(ts, shipped):
        return shipped
    for folder in (sources_dir(), fallback_dir):
        if folder is None:
            continue
        qm = folder / f"{PREFIX}{language}.qm"
        if not is_stale(ts, qm):
            return qm
        try:
            build(folder, only_stale=True)
        except FileNotFoundError as error:
            log.warning("translations cannot be built here: %s", error)
            break
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            log.info("could not build translations into %s: %s", folder, error)
            continue
        if qm.exists():
            return qm
    return shipped if shipped.exists() else None
