"""Where state lives. The only user of platformdirs.

Everything a profile owns (database, settings, logs, locks) sits under one directory, so a desk and a kiosk on
the same machine, or a test, never share state by accident. ``--profile DIR`` or ``SOCIALRX_PROFILE`` choose it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "socialrx-desk"
HUB_APP_NAME = "socialrx-hub"
PROFILE_ENV = "SOCIALRX_PROFILE"
RESOURCES_ENV = "SOCIALRX_RESOURCES"


@dataclass(frozen=True, slots=True)
class Profile:
    root: Path

    @property
    def name(self) -> str:
        """A stable name for this profile, used as the keyring user name."""
        return str(self.root.resolve())

    @property
    def database(self) -> Path:
        return self.root / "socialrx.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def sync_lock(self) -> Path:
        return self.root / "sync.lock"

    def ensure(self) -> Profile:
        self.root.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(exist_ok=True)
        return self


def default_profile_dir(kiosk: bool = False) -> Path:
    import platformdirs  # here, not at the top: a desk started with --profile never needs it (start-up time)

    base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base / ("kiosk" if kiosk else "desk")


def hub_data_dir() -> Path:
    """Where the reference hub keeps its SQLite database unless told otherwise."""
    import platformdirs

    return Path(platformdirs.user_data_dir(HUB_APP_NAME, appauthor=False))


def resolve_profile(explicit: str | os.PathLike[str] | None = None, kiosk: bool = False) -> Profile:
    """--profile wins, then SOCIALRX_PROFILE, then the platform's user data dir (desk and kiosk apart)."""
    chosen = explicit or os.environ.get(PROFILE_ENV) or default_profile_dir(kiosk)
    return Profile(Path(chosen).expanduser().absolute())


def resources_dir() -> Path:
    """The shipped resources: vocabularies, stylesheets, icons, translations, demo data."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder build
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
