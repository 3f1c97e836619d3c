"""Printing a receipt through Qt's print system: the paper, the painting, the preview dialog.

Why Qt and not ``lp``: ``QPrintDialog`` and ``QPrintPreviewDialog`` are the printers and dialogs a
Windows clerk knows (and CUPS's on Linux), with the paper chosen here: A4, or an 80 mm roll as long
as the receipt. The pages come ready as images from ``fieldkit.services.receipt_printing``; this
module only sets the paper and paints each image over the whole page, keeping its proportions.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QRectF, QSizeF, Qt
from PyQt5.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PyQt5.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PyQt5.QtWidgets import QApplication, QWidget

from fieldkit.services.receipt_printing import ReceiptPages

translate = QCoreApplication.translate


def paper_names() -> dict[str, str]:
    return {
        "a4": translate("Receipt", "A4 sheet"),
        "roll80": translate("Receipt", "80 mm receipt roll"),
    }


def make_printer(pages: ReceiptPages, printer: QPrinter | None = None) -> QPrinter:
    """A printer set to the receipt's paper, without margins (the receipt draws its own)."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if pages.layout == "a4":
        size = QPageSize(QPageSize.PageSizeId.A4)
    else:
        width, height = pages.page_mm
        size = QPageSize(
            QSizeF(width, height), QPageSize.Unit.Millimeter, paper_names()["roll80"], QPageSize.ExactMatch
        )
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(0, 0, 0, 0, QPrinter.Unit.Millimeter)
    printer.setFullPage(True)
    printer.setDocName(f"receipt-{pages.number}")
    return printer


def paint_pages(printer: QPrinter, pages: ReceiptPages) -> bool:
    """Paint every page onto ``printer``; False when the printer could not start (nothing printed)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index, png in enumerate(pages.pages):
            if index and not printer.newPage():
                return False
            image = QImage.fromData(png, "PNG")
            area = QRectF(painter.viewport())
            scale = min(area.width() / max(image.width(), 1), area.height() / max(image.height(), 1))
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(area.x() + (area.width() - width) / 2, area.y(), width, height)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def preview_dialog(parent: QWidget, pages: ReceiptPages) -> QPrintPreviewDialog:
    """Qt's print preview showing whole pages, sized to the screen; its Print button prints."""
    printer = make_printer(pages)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.receipt_printer = printer  # note: Qt keeps only a pointer; keep it alive
    dialog.setObjectName("receiptPreview")
    dialog.setWindowTitle(
        translate("Receipt", "Receipt {number} — print preview").format(number=pages.number)
    )

    def paint(target: QPrinter) -> None:
        paint_pages(target, pages)

    dialog.paintRequested.connect(paint)
    screen = parent.screen() or QApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        dialog.resize(min(900, free.width() - 40), free.height() - 60)
    dialog.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
    view = dialog.findChild(QPrintPreviewWidget)
    if view is not None:
        view.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)  # the whole page, not its top third
    return dialog
