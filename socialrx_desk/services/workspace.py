"""A profile opened for work: its store (migrated), settings and the needs vocabulary."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from socialrx_desk.core.needs import NeedsVocabulary
from socialrx_desk.paths import Profile, resources_dir
from socialrx_desk.services.directory_import import retag_if_vocabulary_changed
from socialrx_desk.services.search import DirectorySearch
from socialrx_desk.settings import Settings, load_settings
from socialrx_desk.store.engine import open_store


def vocabulary_path() -> Path:
    return resources_dir() / "needs" / "vocabulary.json"


@functools.cache
def load_vocabulary() -> NeedsVocabulary:
    return NeedsVocabulary.load(vocabulary_path())


def demo_directory_path() -> Path:
    return resources_dir() / "demo" / "directory-oruk-v1.json"


@dataclass
class Workspace:
    profile: Profile
    engine: Engine
    settings: Settings
    vocabulary: NeedsVocabulary
    _search: DirectorySearch | None = field(default=None, repr=False)

    @classmethod
    def open(cls, profile: Profile) -> Workspace:
        profile.ensure()
        settings = load_settings(profile.settings_file)
        vocabulary = load_vocabulary()
        engine = open_store(profile.database)
        retag_if_vocabulary_changed(engine, vocabulary)
        return cls(profile, engine, settings, vocabulary)

    @property
    def search(self) -> DirectorySearch:
        if self._search is None:
            self._search = DirectorySearch(self.engine, self.vocabulary)
        return self._search

    def directory_changed(self) -> None:
        if self._search is not None:
            self._search.refresh()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
