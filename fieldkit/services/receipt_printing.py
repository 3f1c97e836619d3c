"""A receipt for the operating system's own print system: pages as images, then the print recorded.

Why pages and not a PDF handed to ``lp``: the desktop app prints through Qt (``QPrinter``,
``QPrintDialog``, ``QPrintPreviewDialog``), the printers and dialogs a Windows clerk knows, on A4
or an 80 mm roll. Qt paints images; the receipt is drawn by ``reports`` as a PDF and rasterised
here in memory (PDFium), at the printer's resolution, so nothing with a person's name touches the
disk. The same rule as ``print_receipt`` holds: the first print is the original, every later one a
counted copy marked as such, and the print is recorded only after the pages went to the printer
(``record_print``), so a cancelled dialog neither uses up the original nor counts a copy.

Reprints ("from the person", "already certified") use ``receipts_for_person`` /
``receipt_for_record`` to find the number; any print after the first is a marked copy.
"""

from __future__ import annotations

import importlib
import struct
from dataclasses import dataclass, replace

from fieldkit.errors import UserError
from fieldkit.services.receipts import documents_available
from storage.errors import NotFound
from storage.store import Store

LAYOUTS = ("a4", "roll80")
PRINT_DPI = 200  # sharp on a thermal roll (203 dpi) and fine on A4 lasers; ~1.7 Mpx per A4 page
PREVIEW_DPI = 110


@dataclass(frozen=True)
class ReceiptPages:
    """The receipt as it will print now: PNG pages and each page's size in millimetres."""

    number: str
    layout: str
    is_copy: bool
    copy_number: int  # 0 for the original
    pages: list[bytes]
    page_mm: tuple[float, float]


@dataclass(frozen=True)
class PrintRecord:
    """What was recorded after a print: original or which copy."""

    number: str
    is_copy: bool
    copy_number: int


def receipt_pages(
    store: Store, number: str, *, layout: str = "a4", english: bool = True, dpi: int = PRINT_DPI
) -> ReceiptPages:
    """The pages of the next print of receipt ``number`` (original, or the next copy, marked)."""
    if layout not in LAYOUTS:
        raise UserError(f"Layout must be one of {', '.join(LAYOUTS)}.", code="receipt.bad_layout")
    if not documents_available():
        raise UserError("Receipt printing is not available.", code="receipt.documents_missing")
    documents = importlib.import_module("fieldkit.workflows.receipt_documents")
    try:
        receipt = store.receipts.get_by_number(number.strip().upper())
    except NotFound:
        raise UserError(f"No receipt with number {number}.", code="receipt.not_found") from None
    is_copy = store.receipts.first_printed_at(receipt.number) is not None
    data = documents.receipt_data(store, receipt.number, copy=is_copy, english=english)
    copy_number = receipt.copies + 1 if is_copy else 0
    if is_copy:
        data = replace(data, copy_number=copy_number)
    with documents.reports_errors():
        pdf = documents.render_receipt(data, layout)
    pages = _raster(pdf, dpi)
    return ReceiptPages(receipt.number, layout, is_copy, copy_number, pages, _size_mm(pages[0], dpi))


def _raster(pdf: bytes, dpi: int) -> list[bytes]:
    try:
        from reports.errors import ReportsError
        from reports.raster import pdf_to_pngs
    except ImportError:
        raise UserError("The receipt page cannot be drawn here.", code="receipt.render_failed") from None
    try:
        return pdf_to_pngs(pdf, dpi=dpi)
    except ReportsError:
        raise UserError("The receipt page could not be drawn.", code="receipt.render_failed") from None


def _size_mm(png: bytes, dpi: int) -> tuple[float, float]:
    """Page size from the image's pixels (the PDF was rendered at ``dpi``): the PNG header's IHDR."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise UserError("The receipt page could not be drawn.", code="receipt.render_failed")
    width, height = struct.unpack(">II", png[16:24])
    return float(round(width / dpi * 25.4)), float(round(height / dpi * 25.4))  # whole mm: pixels round up


def record_print(store: Store, actor: str, number: str) -> PrintRecord:
    """After the pages went to the printer: the original is used up, or one more copy is counted."""
    number = number.strip().upper()
    with store.transaction(actor):
        if store.receipts.first_printed_at(number) is None:
            store.receipts.mark_printed(number)
            return PrintRecord(number, False, 0)
        receipt = store.receipts.count_copy(number)
        return PrintRecord(number, True, receipt.copies)


def receipts_for_person(store: Store, person_uuid: str) -> list[str]:
    """A person's receipt numbers, newest first (reprint from the person)."""
    return [r.number for r in store.receipts.for_person(person_uuid)]


def receipt_for_record(store: Store, person_uuid: str, record_uuid: str) -> str | None:
    """The receipt issued for a certification or enrolment record (reprint from "already certified")."""
    return next(
        (r.number for r in store.receipts.for_person(person_uuid) if r.record_uuid == record_uuid), None
    )
