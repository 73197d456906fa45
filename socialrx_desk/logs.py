"""Logging to a rotating file in the profile's log dir (and warnings to stderr for the CLI)."""

from __future__ import annotations

import logging
from pathlib import Path

from socialrx_desk.paths import Profile

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2_000_000
BACKUPS = 5


class _RotatingLog(logging.Handler):
    """The rotating log file, opened at the first record.

    ``logging.handlers`` (with socket, pickle and queue behind it) costs the desk's first window several
    milliseconds, and nothing is logged before that window is up; so the real handler is made when needed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            self._file.setFormatter(self.formatter)
        self._file.handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def configure_logging(profile: Profile, verbose: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_socialrx", False):
            root.removeHandler(handler)
            handler.close()
    profile.log_dir.mkdir(parents=True, exist_ok=True)
    file_handler = _RotatingLog(profile.log_dir / "socialrx.log")
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
