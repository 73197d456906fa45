"""The printed slip: the reference number, the service and what happens next. No name, birth date or phone number
is printed, so a slip left on a chair tells nobody anything about the person who printed it."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QMarginsF, QSizeF, QTime
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from socialrx_desk.ui.kiosk.widgets import isolate

log = logging.getLogger(__name__)
PrinterFactory = Callable[[], QPrinter | None]
# A receipt-sized page: what kiosk slip printers take, and it prints on A4 too.
SLIP_SIZE_MM = QSizeF(80, 140)


@dataclass(frozen=True, slots=True)
class Slip:
    reference: str
    service_name: str
    ask_desk: bool
    sent: bool
    rtl: bool
    moment: datetime


def system_printer() -> QPrinter | None:
    """The computer's default printer, or None when there is none (then the kiosk offers no slip)."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def can_print(factory: PrinterFactory | None) -> bool:
    """Whether to offer a slip: never promise a printout from a kiosk that has no printer."""
    if factory is None:
        return False
    if factory is system_printer:
        return not QPrinterInfo.defaultPrinter().isNull()
    return True


def pdf_printer(path: str) -> PrinterFactory:
    def make() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        return printer

    return make


def slip_html(slip: Slip) -> str:
    locale = QLocale()
    moment = slip.moment
    when = locale.toString(
        QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)),
        QLocale.FormatType.LongFormat,
    )
    service = html.escape(isolate(slip.service_name))
    translate = QCoreApplication.translate
    if slip.ask_desk:
        next_text = translate("Slip", "The desk team will book “%1” for you and phone you.")
    else:
        next_text = translate("Slip", "“%1” will phone you on the number you gave.")
    if slip.sent:
        status = translate("Slip", "Your request has been sent.")
    else:
        status = translate("Slip", "Your request is saved and will be sent as soon as the connection is back.")
    heading = translate("Slip", "Your request for help")
    service_caption = translate("Slip", "Service:")
    reference_caption = translate("Slip", "Your reference number")
    say = translate("Slip", "Say this number if you phone them or ask at the desk.")
    direction = "rtl" if slip.rtl else "ltr"
    return (
        f'<div dir="{direction}" style="font-size: 11pt;">'
        f"<h2>{html.escape(heading)}</h2>"
        f"<p>{html.escape(service_caption)} <b>{service}</b></p>"
        f"<p>{html.escape(reference_caption)}</p>"
        f'<p dir="ltr" style="font-size: 20pt; font-weight: bold;">{html.escape(slip.reference)}</p>'
        f"<p>{html.escape(status)}</p>"
        f"<p>{html.escape(next_text).replace('%1', service)}</p>"
        f"<p>{html.escape(say)}</p>"
        f"<p><small>{html.escape(when)}</small></p>"
        "</div>"
    )


def print_slip(printer: QPrinter, slip: Slip) -> bool:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(SLIP_SIZE_MM, QPageSize.Unit.Millimeter, "slip"),
            QPageLayout.Orientation.Portrait,
            QMarginsF(5, 5, 5, 5),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(slip_html(slip))
    try:
        document.print_(printer)
    except Exception:
        log.warning("printing the slip failed", exc_info=True)
        return False
    return printer.printerState() != QPrinter.PrinterState.Error
