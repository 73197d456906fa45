"""The kiosk's languages: which there are, and switching between them at run time with Qt's translators."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from socialrx_desk.ui.kiosk import translations

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    native: str  # the language's name in itself: what a person looks for on the language screen
    english: str  # for the staff and for the services reading the request
    rtl: bool = False
    locale: str = ""  # dates and numbers as written in the UK community that reads this language

    @property
    def qlocale(self) -> str:
        return self.locale or self.code


LANGUAGES = (
    Language("en", "English", "English", locale="en_GB"),
    Language("pl", "Polski", "Polish", locale="pl_PL"),
    Language("ar", "العربية", "Arabic", rtl=True, locale="ar_EG"),
    Language("ur", "اردو", "Urdu", rtl=True, locale="ur_PK"),
    Language("so", "Soomaali", "Somali", locale="so_SO"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = "en"


def language(code: str | None) -> Language:
    return BY_CODE.get((code or DEFAULT).lower().split("_")[0].split("-")[0], BY_CODE[DEFAULT])


class Translations:
    """Installs the translators of one language at a time on the application."""

    def __init__(self, app: QApplication, build_dir: Path | None = None) -> None:
        self._app = app
        self._build_dir = build_dir
        self._installed: list[QTranslator] = []
        self.current = BY_CODE[DEFAULT]
        self.missing: set[str] = set()

    def switch(self, code: str) -> Language:
        chosen = language(code)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if chosen.code != DEFAULT:
            self._install_kiosk(chosen.code)
            # Qt's own strings (keyboard names, context menus) where Qt ships them for this language.
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._install(f"qtbase_{chosen.code}", qt_dir)
        QLocale.setDefault(QLocale(chosen.qlocale))
        direction = Qt.LayoutDirection.RightToLeft if chosen.rtl else Qt.LayoutDirection.LeftToRight
        self._app.setLayoutDirection(direction)
        self.current = chosen
        return chosen

    def _install_kiosk(self, code: str) -> None:
        path = translations.qm_path(code, self._build_dir)
        if path is None or not self._install(path.stem, str(path.parent)):
            # The screen stays usable in English; staff see why in the log.
            self.missing.add(code)
            log.warning("no compiled kiosk translation for %s: run packaging/build_translations.py", code)

    def _install(self, name: str, folder: str) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, folder):
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True
