"""Printing the patient's slip and the referral summary to PDF, and reading the text back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from socialrx_desk.ui.desk.printing import Paper, PrintJob, qr_image, qr_matrix, save_pdf
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.models.rows import ServiceView
from tests.sync.conftest import SERVICE

from .conftest import WAIT_MS
from .test_desk_booking import confirm, fill_patient, open_service, ready
from .test_desk_models import referral


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


def grab_rails(qtbot: QtBot, desk: DeskWindow) -> ServiceView:
    open_service(qtbot, desk, "grab rails", SERVICE)
    assert desk.detail.view is not None
    return desk.detail.view


def test_slip_for_a_booking_has_everything_the_patient_needs(qtbot: QtBot, desk: DeskWindow, tmp_path: Path) -> None:
    service = grab_rails(qtbot, desk)
    booking = referral(7, slot_start=datetime(2026, 7, 7, 8, 30), slot_end=datetime(2026, 7, 7, 9, 0))
    path = tmp_path / "slip.pdf"
    save_pdf(str(path), PrintJob(Paper.SLIP, service, booking, "Beech Surgery", ("Falls and home safety",)))
    text = pdf_text(path)
    assert "Your appointment" in text
    assert "Grab rails and stair rails fitting" in text
    assert "Tuesday 7 July 2026, 09:30 to 10:00" in text  # UK summer time, not the stored UTC
    assert "Not confirmed yet" in text  # it is still provisional
    assert "24 Allerton Road" in text and "L25 6WP" in text
    assert "01215 242802" in text
    assert "SRX-AAAA-0007" in text
    assert "Scan for the web page" in text
    assert "Printed by Beech Surgery" in text


def test_summary_for_the_service_has_the_patient_and_consent(qtbot: QtBot, desk: DeskWindow, tmp_path: Path) -> None:
    service = grab_rails(qtbot, desk)
    booked = referral(8, state="booked")
    path = tmp_path / "summary.pdf"
    save_pdf(str(path), PrintJob(Paper.SUMMARY, service, booked, "Beech Surgery", ("Falls and home safety",)))
    text = pdf_text(path)
    for expected in (
        "Referral summary",
        "SRX-AAAA-0008",
        "Ann Smith",
        "17/05/1948",
        "943 476 5919",
        "The patient agreed to share these details",
        "Falls and home safety",
        "keeps falling",
        "Booked: confirmed by the hub",
        "Referred by Beech Surgery",
    ):
        assert expected in text, expected


def test_qr_code_is_painted_module_by_module() -> None:
    url = "https://mersey-community-trust.example.org/services/1"
    matrix = qr_matrix(url)
    image = qr_image(url, module_px=4)
    quiet = 4
    assert image.width() == (len(matrix) + 2 * quiet) * 4
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = QColor(image.pixel((x + quiet) * 4 + 2, (y + quiet) * 4 + 2))
            assert (pixel.lightness() < 128) == dark
    assert QColor(image.pixel(1, 1)).lightness() > 200  # the quiet zone is white


def test_printing_from_the_booking_and_the_referrals_view(qtbot: QtBot, desk: DeskWindow, tmp_path: Path) -> None:
    printed: list[Path] = []

    def to_pdf(_parent: QWidget, job: PrintJob) -> bool:
        path = tmp_path / f"{len(printed)}-{job.paper.value}.pdf"
        save_pdf(str(path), job)
        printed.append(path)
        return True

    desk.printer = to_pdf
    grab_rails(qtbot, desk)
    with qtbot.waitSignal(desk.booking_opened, timeout=WAIT_MS) as opened:
        desk.refer()  # this desk has no hub, so no slots: a referral
    dialog = ready(qtbot, opened.args[0])
    fill_patient(qtbot, dialog)
    confirm(qtbot, dialog)
    made = dialog.made
    assert made is not None
    assert "not connected to a hub" in dialog.message_text  # honest: saved here only
    with qtbot.waitSignal(desk.printed, timeout=WAIT_MS):
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    slip = pdf_text(printed[-1])
    assert "Your referral" in slip and made.reference in slip and "will contact you" in slip
    dialog.accept()

    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk, timeout=WAIT_MS)
    desk.show_referrals(attention=False, select=made.id)
    page = desk.referrals_page()
    qtbot.waitUntil(lambda: page.panel.view is not None and page.panel.view.id == made.id, timeout=WAIT_MS)
    with qtbot.waitSignal(desk.printed, timeout=WAIT_MS):
        qtbot.keyClick(desk, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    summary = pdf_text(printed[-1])
    assert "Referral summary" in summary and "Ann Smith" in summary and "Saved here, not sent yet" in summary
