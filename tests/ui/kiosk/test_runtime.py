"""Start-up details: translations compiled on first start when the build did not, and silence without a speech
engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from socialrx_desk.paths import RESOURCES_ENV, resources_dir
from socialrx_desk.ui.kiosk import translations
from socialrx_desk.ui.kiosk.i18n import Translations
from socialrx_desk.ui.kiosk.speech import Speaker
from socialrx_desk.ui.kiosk.window import KioskWindow


@pytest.fixture
def fresh_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped resources as a fresh clone has them: .ts sources, no .qm."""
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy, ignore=shutil.ignore_patterns("*.qm", "demo"))
    monkeypatch.setenv(RESOURCES_ENV, str(copy))
    return copy


def test_missing_translations_are_built_on_first_start(fresh_resources: Path, qapp: QApplication) -> None:
    assert not list((fresh_resources / "translations").glob("*.qm"))
    manager = Translations(qapp)
    try:
        assert manager.switch("pl").code == "pl"
        assert qapp.translate("KioskTiles", "Money worries") == "Kłopoty z pieniędzmi"
    finally:
        manager.switch("en")
    assert not manager.missing
    assert (fresh_resources / "translations" / "kiosk_pl.qm").exists()


def test_read_only_resources_build_into_the_profile(
    fresh_resources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed app's resources are read-only. Permission bits do not stop root (CI runs as root), so the
    # shipped folder refuses writes here the way a read-only file system would; other folders build for real.
    shipped = fresh_resources / "translations"
    real_build = translations.build

    def build(folder: Path, only_stale: bool = False) -> object:
        if Path(folder) == shipped:
            raise PermissionError(13, "Read-only file system", str(folder))
        return real_build(folder, only_stale=only_stale)

    monkeypatch.setattr(translations, "build", build)
    built = translations.qm_path("ar", tmp_path / "profile-translations")
    assert built == tmp_path / "profile-translations" / "kiosk_ar.qm"
    assert built.exists() and not list(shipped.glob("*.qm"))


def test_without_lrelease_the_kiosk_stays_in_english(
    fresh_resources: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations, "find_lrelease", lambda: None)
    manager = Translations(qapp)
    try:
        manager.switch("so")
        assert qapp.translate("KioskTiles", "Money worries") == "Money worries"
        assert manager.missing == {"so"}
    finally:
        manager.switch("en")


def test_no_speech_engine_means_silence_and_no_button(kiosk: KioskWindow) -> None:
    speaker = Speaker()
    if not speaker.available:
        assert not kiosk.speech_button.isVisible()
    speaker.enabled = True
    speaker.say("hello")  # never raises, whether or not an engine exists
    speaker.stop()
