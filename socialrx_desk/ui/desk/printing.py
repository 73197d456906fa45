"""Printed paper: a slip for the patient and a referral summary for the service.

Both are rich-text documents laid out by Qt and printed through Qt's print support, so the same code makes a PDF
(``QPdfWriter``), prints to paper (``QPrinter`` + ``QPrintDialog``) or saves through the print dialog's "print
to file". The QR code of the service's web page is built with the ``qrcode`` package and painted module by
module with ``QPainter``; text stays text, so a PDF can be searched and read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRect, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from socialrx_desk.ui import style
from socialrx_desk.ui.models.patients import nhs_number_text
from socialrx_desk.ui.models.referrals import reason_words, state_words
from socialrx_desk.ui.models.rows import ServiceView
from socialrx_desk.ui.when import clock, local, long_day_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from socialrx_desk.services.referrals import ReferralView

QR_RESOURCE = "socialrx://qr"
QR_MODULE_PX = 10  # pixels per QR module in the painted image: sharp at any print size
QR_QUIET_MODULES = 4  # the blank border scanners need
QR_SIZE_PT = 110


class Paper(Enum):
    SLIP = "slip"  # for the patient
    SUMMARY = "summary"  # for the service


@dataclass(frozen=True, slots=True)
class PrintJob:
    paper: Paper
    service: ServiceView
    referral: ReferralView | None = None
    site_name: str = ""
    need_labels: tuple[str, ...] = ()
    printed_at: datetime | None = None  # local time; now when None

    @property
    def title(self) -> str:
        if self.paper is Paper.SUMMARY:
            return f"Referral {self.referral.reference}" if self.referral else f"Service {self.service.name}"
        return f"Slip {self.referral.reference}" if self.referral else f"About {self.service.name}"


# --- the QR code -------------------------------------------------------------------------------------------------


def web_address(service: ServiceView) -> str:
    url = service.website.strip()
    if not url:
        return ""
    return url if "://" in url else f"https://{url}"


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules, True for dark, without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def qr_image(text: str, module_px: int = QR_MODULE_PX) -> QImage:
    """The QR code painted square by square, with its quiet zone, black on white."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QR_QUIET_MODULES
    image = QImage(modules * module_px, modules * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        dark = QColor("black")
        for y, row in enumerate(matrix):
            for x, on in enumerate(row):
                if on:
                    left, top = (x + QR_QUIET_MODULES) * module_px, (y + QR_QUIET_MODULES) * module_px
                    painter.fillRect(QRect(left, top, module_px, module_px), dark)
    finally:
        painter.end()
    return image


# --- the documents -----------------------------------------------------------------------------------------------

CSS = f"""
body {{ font-family: sans-serif; color: {style.TEXT}; font-size: 12pt; }}
h1 {{ font-size: 22pt; color: {style.ACCENT_DARK}; margin: 0 0 6px 0; }}
h2 {{ font-size: 14pt; color: {style.ACCENT_DARK}; margin: 16px 0 4px 0; }}
p {{ margin: 0 0 6px 0; }}
.big {{ font-size: 16pt; }}
.muted {{ color: {style.TEXT_MUTED}; }}
.reference {{ font-size: 18pt; font-weight: bold; letter-spacing: 1px; }}
.warning {{ color: {style.ERROR}; font-weight: bold; }}
td {{ padding: 2px 10px 2px 0; vertical-align: top; }}
th {{ text-align: left; padding: 2px 12px 2px 0; color: {style.TEXT_MUTED}; font-weight: normal; }}
"""


def _lines(items: list[str] | tuple[str, ...]) -> str:
    return "<br>".join(escape(item) for item in items if item)


def _when_long(referral: ReferralView) -> str:
    if referral.slot_start is None:
        return ""
    start = local(referral.slot_start)
    text = f"{long_day_text(start.date())}, {clock(start)}"
    if referral.slot_end is not None:
        text += f" to {clock(local(referral.slot_end))}"
    return text


def _where(service: ServiceView) -> list[str]:
    """Where the patient goes; for a home visit or a phone service the address is only the office's."""
    attending = service.attending.lower()
    office = [f"Their office: {service.addresses[0]}"] if service.addresses else []
    if "home" in attending:
        return ["They visit you at home.", *office]
    if "phone" in attending:
        return ["By telephone: the service will call you.", *office]
    return list(service.addresses)


def _what_to_bring(service: ServiceView, referral: ReferralView | None) -> list[str]:
    """Only what we know: the directory has no 'what to bring' field, so no invented advice."""
    items = ["This slip, with your reference number."] if referral is not None else []
    if service.fees:
        items.append(f"Cost: {service.fees}")
    return items


def _header(title: str, job: PrintJob, qr_url: str) -> str:
    right = (
        f"<td width='{QR_SIZE_PT + 8}' align='right'><img src='{QR_RESOURCE}' width='{QR_SIZE_PT}' "
        f"height='{QR_SIZE_PT}'><br><span class='muted'>Scan for the web page</span></td>"
        if qr_url
        else ""
    )
    service = job.service
    organisation = f"<br>{escape(service.organization)}" if service.organization else ""
    return (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr><td>"
        f"<h1>{escape(title)}</h1>"
        f"<p class='big'><b>{escape(service.name)}</b>{organisation}</p>"
        f"</td>{right}</tr></table>"
    )


def slip_html(job: PrintJob, qr_url: str) -> str:
    service, referral = job.service, job.referral
    parts: list[str] = []
    if referral is None:
        parts.append(_header("Service details", job, qr_url))
    elif referral.slot_start is not None:
        parts.append(_header("Your appointment", job, qr_url))
        parts.append(f"<h2>When</h2><p class='big'><b>{escape(_when_long(referral))}</b></p>")
        if referral.state in ("provisional", "queued", "conflict"):
            parts.append("<p class='warning'>Not confirmed yet: the surgery will contact you if this time changes.</p>")
    else:
        parts.append(_header("Your referral", job, qr_url))
        parts.append("<h2>What happens next</h2><p>The service will contact you to arrange a time.</p>")
    where = _where(service)
    if where:
        parts.append(f"<h2>Where</h2><p>{_lines(where)}</p>")
    contact = [f"Phone {phone}" for phone in service.phones[:2]]
    if service.email:
        contact.append(f"Email {service.email}")
    if service.website:
        contact.append(f"Web {service.website}")
    if contact:
        parts.append(f"<h2>Contact the service</h2><p>{_lines(contact)}</p>")
    if service.opening_lines and referral is None:
        parts.append(f"<h2>Opening times</h2><p>{_lines(service.opening_lines)}</p>")
    bring = _what_to_bring(service, referral)
    if bring:
        parts.append(f"<h2>What to bring</h2><p>{_lines(bring)}</p>")
    if referral is not None:
        parts.append(
            f"<h2>Your reference</h2><p class='reference'>{escape(referral.reference)}</p>"
            "<p class='muted'>Give this reference if you call the service or the surgery.</p>"
        )
    parts.append(_footer(job))
    return "".join(parts)


def summary_html(job: PrintJob, qr_url: str) -> str:
    referral = job.referral
    if referral is None:
        return slip_html(job, qr_url)
    rows: list[tuple[str, str]] = [
        ("Reference", referral.reference),
        ("Referred on", f"{long_day_text(local(referral.created_at).date())}"),
        ("Referred by", job.site_name),
    ]
    patient = referral.patient
    if patient is not None:
        rows += [
            ("Name", patient.name),
            ("Date of birth", f"{patient.birth_date:%d/%m/%Y}" if patient.birth_date else ""),
            ("NHS number", nhs_number_text(patient.nhs_number)),
            ("Phone", patient.phone or ""),
            ("Postcode", patient.postcode or ""),
        ]
    else:
        rows.append(("Patient", "Details removed from this desk after the retention period"))
    consent = "The patient agreed to share these details with the service for this referral"
    if referral.consent_at is not None:
        moment = local(referral.consent_at)
        consent += f" ({long_day_text(moment.date())}, {moment:%H:%M})"
    rows.append(("Consent", consent + "."))
    if job.need_labels:
        rows.append(("Needs", ", ".join(job.need_labels)))
    if referral.reason:
        rows.append(("Reason", referral.reason))
    if referral.slot_start is not None:
        rows.append(("Appointment", _when_long(referral)))
    else:
        rows.append(("Appointment", "None booked: please contact the patient to arrange a time."))
    status = state_words(referral)
    reason = reason_words(referral)
    rows.append(("Status", f"{status}. {reason}".strip() if reason else status))
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows if v)
    return (
        _header("Referral summary", job, qr_url)
        + f"<table cellspacing='0' cellpadding='0'>{table}</table>"
        + _footer(job)
    )


def _footer(job: PrintJob) -> str:
    printed = job.printed_at or datetime.now()
    by = f" by {escape(job.site_name)}" if job.site_name else ""
    return f"<p class='muted'><br>Printed{by} on {printed:%d/%m/%Y} at {printed:%H:%M}.</p>"


def build_document(job: PrintJob) -> QTextDocument:
    qr_url = web_address(job.service)
    document = QTextDocument()
    document.setDefaultStyleSheet(CSS)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, job.title)
    if qr_url:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_RESOURCE), qr_image(qr_url))
    html = slip_html(job, qr_url) if job.paper is Paper.SLIP else summary_html(job, qr_url)
    document.setHtml(f"<html><body>{html}</body></html>")
    return document


def _prepare(device: QPagedPaintDevice) -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(18, 18, 18, 18),
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)


def print_to(device: QPagedPaintDevice, job: PrintJob) -> None:
    """Lay out and print ``job`` on a printer or PDF writer already set up (page size, file)."""
    document = build_document(job)
    # A document with its own page size is printed as laid out: the page's margins only, and no page numbers
    # or extra 2 cm border that Qt adds to documents printed without one.
    area = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    pixels_per_point = _document_dpi() / 72
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(area.width() * pixels_per_point, area.height() * pixels_per_point))
    document.print_(device)


def _document_dpi() -> float:
    """The resolution Qt lays documents out at (the screen's logical DPI; 96 without a screen)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def save_pdf(path: str, job: PrintJob) -> None:
    writer = QPdfWriter(path)
    writer.setTitle(job.title)
    writer.setCreator("socialrx-desk")
    _prepare(writer)
    print_to(writer, job)


def print_with_dialog(parent: QWidget, job: PrintJob) -> bool:
    """The system's print dialog (choose a printer, or print to a PDF file); True if it printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.title)
    _prepare(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the patient's slip" if job.paper is Paper.SLIP else "Print the referral summary")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(printer, job)
    return True
