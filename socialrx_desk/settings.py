"""Typed profile settings, stored as JSON next to the database. Never holds secrets (see secrets.py)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from socialrx_desk.errors import FriendlyError

SETTINGS_SCHEMA_VERSION = 1


class SettingsError(FriendlyError):
    """The settings file cannot be read or belongs to a newer version."""


class Settings(BaseModel):
    schema_version: int = SETTINGS_SCHEMA_VERSION
    mode: Literal["desk", "kiosk"] = "desk"
    site_name: str = "Front desk"
    hub_url: str | None = None
    # Patient details of synced referrals are purged after this many days.
    retention_days: int = Field(default=30, ge=1, le=3650)
    sync_interval_seconds: int = Field(default=60, ge=5, le=3600)
    kiosk_idle_seconds: int = Field(default=60, ge=15, le=3600)
    kiosk_warning_seconds: int = Field(default=15, ge=5, le=120)
    language: str = "en"
    large_text: bool = False
    high_contrast: bool = False


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SettingsError(f"cannot read settings {path}: {error}") from None
    if isinstance(data, dict) and int(data.get("schema_version", 1)) > SETTINGS_SCHEMA_VERSION:
        raise SettingsError(
            f"settings {path} were written by a newer version of socialrx-desk; upgrade the app to use them"
        )
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        raise SettingsError(f"settings {path} are not valid: {error}") from None


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(settings.model_dump_json(indent=2))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
