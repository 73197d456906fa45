"""Turning exceptions into sentences a receptionist can act on. Tracebacks go to the log file, never the screen."""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong ({kind}). Please try again; if it keeps happening, tell your IT support."


def plain_message(error: BaseException) -> str:
    """One or two plain sentences for ``error``.

    The service layers raise errors whose text is already meant for people (store, source, vocabulary,
    settings); those are shown as they are. Anything else is an unexpected fault and gets a generic message.
    """
    # Imported here: these modules pull in SQLAlchemy and httpx, which the first window must not wait for.
    # By the time an error from them exists they are loaded, so this costs nothing.
    import sqlite3

    from socialrx_desk.core.needs import VocabularyError
    from socialrx_desk.directory.source import SourceError
    from socialrx_desk.services.directory_import import ImportCancelled
    from socialrx_desk.settings import SettingsError
    from socialrx_desk.store.engine import StoreError

    if isinstance(error, ImportCancelled):
        return "Import cancelled. Nothing was changed."
    if isinstance(error, StoreError | SourceError | VocabularyError | SettingsError):
        return _sentence(str(error))
    problems = getattr(error, "problems", None)
    if isinstance(error, ValueError) and isinstance(problems, dict) and problems:
        return _sentence("Please check the patient's details: " + "; ".join(str(p) for p in problems.values()))
    if any(isinstance(error, kind) for kind in _people_errors()):
        return _sentence(str(error))
    if isinstance(error, sqlite3.OperationalError) or _is_sqlalchemy_operational(error):
        if "locked" in str(error) or "busy" in str(error):
            return "The directory is busy (another program is using it). Please try again in a moment."
        return "The local database could not be read. Please try again; if it keeps happening, tell IT support."
    if isinstance(error, PermissionError):
        return f"Permission denied: {error.filename or 'a file'} cannot be opened."
    if isinstance(error, FileNotFoundError):
        return f"File not found: {error.filename or 'the file'}."
    if isinstance(error, OSError):
        return _sentence(f"{error.strerror or 'The file could not be read'}: {error.filename or ''}".rstrip(": "))
    if isinstance(error, MemoryError):
        return "The computer ran out of memory. Close other programs and try again."
    return UNEXPECTED.format(kind=type(error).__name__)


# Errors of the booking and sync layers whose text is written for people. Looked up only among modules already
# loaded: an error of a module that was never imported cannot exist, and importing it here would cost the
# network stack on an unrelated error.
_PEOPLE_ERRORS = (
    ("socialrx_desk.errors", "FriendlyError"),
    ("socialrx_desk.services.referrals", "ReferralError"),
    ("socialrx_desk.core.patients", "PatientValidationError"),
    ("socialrx_desk.core.referrals", "TransitionError"),
    ("socialrx_desk.sync.enroll", "EnrolError"),
    ("socialrx_desk.sync.runner", "NotEnrolled"),
    ("socialrx_desk.sync.lock", "SyncBusy"),
)


def _people_errors() -> list[type[BaseException]]:
    found = []
    for module_name, class_name in _PEOPLE_ERRORS:
        module = sys.modules.get(module_name)
        kind = getattr(module, class_name, None) if module is not None else None
        if isinstance(kind, type) and issubclass(kind, BaseException):
            found.append(kind)
    return found


def _is_sqlalchemy_operational(error: BaseException) -> bool:
    return type(error).__name__ == "OperationalError" and type(error).__module__.startswith("sqlalchemy")


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return "Something went wrong."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
