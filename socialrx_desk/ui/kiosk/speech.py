"""Spoken prompts with QtTextToSpeech, where the computer has a speech engine; silent otherwise.

Qt ships a "mock" engine for its own tests, which makes no sound: it is never used.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject

log = logging.getLogger(__name__)


class Speaker(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = False
        self._engine: object | None = None
        self.available = False
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engines = [name for name in QTextToSpeech.availableEngines() if name != "mock" and _loadable(name)]
            if engines:
                engine = QTextToSpeech(engines[0], self)
                if engine.state() != QTextToSpeech.State.Error:
                    self._engine = engine
                    self.available = True
        except Exception:  # any failure here only means no speech
            log.info("no speech engine: spoken prompts are off", exc_info=True)

    def say(self, text: str) -> None:
        if not (self.enabled and self.available and text):
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engine = self._engine
            assert isinstance(engine, QTextToSpeech)
            locale = QLocale()
            if any(known.language() == locale.language() for known in engine.availableLocales()):
                engine.setLocale(locale)
            engine.stop()
            engine.say(text)
        except Exception:
            log.info("speaking failed", exc_info=True)

    def stop(self) -> None:
        if self._engine is None:
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engine = self._engine
            assert isinstance(engine, QTextToSpeech)
            engine.stop()
        except Exception:
            log.info("stopping speech failed", exc_info=True)


def _loadable(engine: str) -> bool:
    """Qt's speech-dispatcher engine needs libspeechd; without it Qt prints an error on every start. Ask first."""
    if engine != "speechd":
        return True
    import ctypes.util

    return ctypes.util.find_library("speechd") is not None
