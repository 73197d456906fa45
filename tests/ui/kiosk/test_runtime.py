"""Start-up details: translations compiled on first start when the build did not, and silence without a speech
engine."""

from __future__ import annotations

import os
import shutil
import stat
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


@pytest.mark.skipif(translations.find_lrelease() is None, reason="lrelease is not installed")
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


@pytest.mark.skipif(translations.find_lrelease() is None, reason="lrelease is not installed")
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_resources_build_into_the_profile(fresh_resources: Path, tmp_path: Path) -> None:
    folder = fresh_resources / "translations"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        built = translations.qm_path("ar", tmp_path / "profile-translations")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert built == tmp_path / "profile-translations" / "kiosk_ar.qm"


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
