"""Kiosk fixtures: a kiosk window on a copy of the sample directory, and the real hub of the sync tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.settings import Settings
from socialrx_desk.ui.kiosk.backend import KioskBackend
from socialrx_desk.ui.kiosk.i18n import Translations
from socialrx_desk.ui.kiosk.window import KioskWindow
from socialrx_desk.ui.tasks import TaskRunner
from tests.sync.conftest import hub, make_desk  # noqa: F401 - fixtures re-exported

WAIT_MS = 10_000
SIZE = (1280, 800)

KioskFactory = Callable[..., KioskWindow]


@pytest.fixture
def restore_app(qapp: QApplication) -> Iterator[None]:
    """The kiosk styles the whole application; put it back so the desk's tests see a plain one."""
    locale = QLocale()
    yield
    qapp.setStyleSheet("")
    qapp.setPalette(qapp.style().standardPalette())
    qapp.setFont(QFont())
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(locale)


@pytest.fixture
def make_kiosk(qtbot: QtBot, runner: TaskRunner, restore_app: None) -> Iterator[KioskFactory]:
    made: list[KioskWindow] = []

    def factory(profile: Profile, settings: Settings | None = None, **options: Any) -> KioskWindow:
        options.setdefault("full_screen", False)
        options.setdefault("printer_factory", None)
        window = KioskWindow(
            KioskBackend(profile),
            runner,
            settings or Settings(mode="kiosk"),
            Translations(QApplication.instance(), build_dir=profile.root / "translations"),  # type: ignore[arg-type]
            **options,
        )
        made.append(window)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.ready, timeout=WAIT_MS):
            window.start()
        return window

    yield factory
    for window in made:
        window.unlocked = True
        window.close()
        window.translations.switch("en")
    for window in made:
        runner.run_db(window.backend.close)


@pytest.fixture
def kiosk(make_kiosk: KioskFactory, demo_profile: Profile) -> KioskWindow:
    return make_kiosk(demo_profile)


def open_tile(qtbot: QtBot, window: KioskWindow, tile: str = "help_at_home") -> None:
    with qtbot.waitSignal(window.services_shown, timeout=WAIT_MS):
        qtbot.mouseClick(window.home.tiles[tile], Qt.MouseButton.LeftButton)


def open_service(qtbot: QtBot, window: KioskWindow, *, self_referral: bool = True) -> None:
    if window.current_screen() != "services":
        open_tile(qtbot, window)
    cards = [c for c in window.services.cards if c.card.can_self_refer == self_referral]
    assert cards, "the sample directory should have both kinds of service"
    with qtbot.waitSignal(window.service_shown, timeout=WAIT_MS):
        qtbot.mouseClick(cards[0], Qt.MouseButton.LeftButton)


def type_digits(qtbot: QtBot, keypad: Any, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(keypad.keys[digit], Qt.MouseButton.LeftButton)


def fill_form(
    qtbot: QtBot,
    window: KioskWindow,
    *,
    name: str = "Zebedee Quux",
    birth: str = "14031951",
    phone: str = "07700900461",
    other: str = "stairs are getting hard",
) -> None:
    """Answer every question the way a person would: typing, the keypads, the options."""
    form = window.form
    qtbot.keyClicks(form.name, name)
    qtbot.mouseClick(form.steps["name"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "birth"
    type_digits(qtbot, form.birth.keypad, birth)
    qtbot.mouseClick(form.steps["birth"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "phone", form.steps["birth"].problem.text()
    type_digits(qtbot, form.phone.keypad, phone)
    qtbot.mouseClick(form.steps["phone"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "help", form.steps["phone"].problem.text()
    qtbot.mouseClick(form.options["call"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.other, other)
    qtbot.mouseClick(form.steps["help"].next_button, Qt.MouseButton.LeftButton)
    assert form.current() == "consent"


def visible_texts(root: QWidget) -> list[str]:
    """Every string a widget holds that could show or be read out: text, placeholder, accessible name/description."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        for getter in ("text", "placeholderText", "toPlainText", "accessibleName", "accessibleDescription", "toolTip"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    texts.append(value)
        if isinstance(widget, QLineEdit):
            texts.append(widget.displayText())
    return texts
