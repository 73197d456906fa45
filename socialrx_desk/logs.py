"""Logging to a rotating file in the profile's log dir (and warnings to stderr for the CLI)."""

from __future__ import annotations

import logging
import logging.handlers

from socialrx_desk.paths import Profile

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(profile: Profile, verbose: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_socialrx", False):
            root.removeHandler(handler)
            handler.close()
    profile.log_dir.mkdir(parents=True, exist_ok=True)
    file_handler = logging.handlers.RotatingFileHandler(
        profile.log_dir / "socialrx.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    file_handler._socialrx = True  # type: ignore[attr-defined]
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console._socialrx = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.addHandler(console)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # httpx logs every request URL at INFO; URLs can carry ids, so keep them out of the file by default.
    logging.getLogger("httpx").setLevel(logging.WARNING)
