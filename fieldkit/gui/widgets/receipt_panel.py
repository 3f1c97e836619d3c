"""A receipt on screen: the whole page as it will print, the paper, Print, Print preview, Save as PDF.

Why both a page and text: the PDF comes from ``fieldkit.workflows.receipt_documents`` (through
``fieldkit.services.receipts``), rendered to an image (PDFium, ``reports.raster``) on the compute
pool; if that module is unavailable or rendering fails, the clerk still sees the receipt's number,
result and signature check as text, with a line saying why there is no page. Printing goes through
Qt's print system (``QPrintDialog``, ``QPrintPreviewDialog``) on A4 or an 80 mm roll; the pages come
from ``fieldkit.services.receipt_printing``, which also records the print afterwards (the first print
is the original, later ones counted copies marked as such). Save as PDF is the workflow's
``print_receipt``. Showing another receipt clears the last one's print message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PyQt5.QtCore import QCoreApplication, Qt, pyqtSignal
from PyQt5.QtGui import QImage, QPixmap, QResizeEvent
from PyQt5.QtPrintSupport import QPrintDialog, QPrinter
from PyQt5.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from fieldkit.errors import UserError
from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.texts import kind_text, result_text
from fieldkit.gui.widgets.common import button, label, set_role, show_message
from fieldkit.gui.widgets.receipt_print import make_printer, paint_pages, paper_names, preview_dialog
from fieldkit.services.receipt_printing import ReceiptPages, receipt_pages, record_print
from fieldkit.services.receipts import (
    ReceiptView,
    documents_available,
    print_receipt,
    receipt_pdf,
    receipt_view,
    render_page,
)

translate = QCoreApplication.translate


@dataclass
class _Loaded:
    view: ReceiptView
    pdf: bytes | None
    problem: BaseException | None


class ReceiptPanel(QWidget):
    """Shows one receipt; ``print_now``/``save_pdf`` print it through the workflow."""

    printed = pyqtSignal(object)  # the workflow's PrintOutcome

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: ReceiptView | None = None
        self.page: QImage | None = None
        self.fields = label("", name="receiptFields")
        self.notice = label("", "muted", name="receiptNotice")
        self.print_status = label("", "ok", name="printStatus")
        self.image = QLabel()
        self.image.setObjectName("receiptImage")
        self.image.setAlignment(Qt.Alignment(Qt.AlignmentFlag.AlignHCenter) | Qt.AlignmentFlag.AlignTop)
        scroll = self.scroller = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        scroll.setMinimumHeight(220)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        for key, name in paper_names().items():
            self.paper.addItem(name, key)
        self.print_button = button(translate("Receipt", "Print…"), "primary", name="printReceipt")
        self.print_button.clicked.connect(self.print_now)
        self.preview_button = button(translate("Receipt", "Print preview…"), name="previewReceipt")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = button(translate("Receipt", "Save as PDF…"), name="saveReceipt")
        self.save_button.clicked.connect(self._choose_save)
        self.preview_dialog: Any = None
        self._enable(False)
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.paper)
        row.addWidget(self.save_button)
        row.addWidget(self.preview_button)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.addWidget(self.print_status)

    def clear(self) -> None:
        self.view, self.page = None, None
        self.fields.clear()
        self.notice.clear()
        self.print_status.clear()
        self.image.clear()
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for widget in (self.print_button, self.save_button, self.preview_button):
            widget.setEnabled(on)

    def layout_key(self) -> str:
        return str(self.paper.currentData() or "a4")

    def show_receipt(self, number: str) -> None:
        """Load the receipt (store thread) and draw its page (compute pool)."""
        store = self.session.require_store()
        if self.view is None or self.view.number != number.strip().upper():
            self.print_status.clear()  # note: the last person's print message never stays under this one
        self.notice.setText(translate("Receipt", "Preparing the receipt…"))

        def work() -> _Loaded:
            view = receipt_view(store, number)
            if not documents_available():
                return _Loaded(view, None, UserError("missing", code="receipt.documents_missing"))
            try:
                return _Loaded(view, receipt_pdf(store, view.number), None)
            except Exception as exc:  # note: any PDF failure still shows the receipt as text
                return _Loaded(view, None, exc)

        self.session.tasks.store(work, self._loaded, self._not_found, owner=self)

    def _not_found(self, error: BaseException) -> None:
        self.clear()
        self.notice.setText(describe(error).full())

    def _loaded(self, loaded: _Loaded) -> None:
        view = self.view = loaded.view
        check = (
            translate("Receipt", "signature valid ✔")
            if view.genuine
            else translate("Receipt", "SIGNATURE INVALID")
        )
        self.fields.setText(
            translate(
                "Receipt", "Receipt {number} — {kind}, {result}\n{name} · issued {issued} · {check}"
            ).format(
                number=view.number,
                kind=kind_text(view.kind),
                result=result_text(view.result),
                name=view.person_name,
                issued=view.issued_at,
                check=check,
            )
        )
        can_print = (
            not isinstance(loaded.problem, UserError) or loaded.problem.code != "receipt.documents_missing"
        )
        self._enable(can_print)
        if loaded.pdf is None:
            self.page = None
            self.image.setText(self._as_text(view))
            self.notice.setText(describe(loaded.problem).full() if loaded.problem else "")
            return
        pdf = loaded.pdf
        self.session.tasks.compute(lambda: render_page(pdf), self._rendered, self._render_failed, owner=self)

    def _as_text(self, view: ReceiptView) -> str:
        return "\n".join(
            [
                translate("Receipt", "Receipt number: {v}").format(v=view.number),
                translate("Receipt", "Kind: {v}").format(v=kind_text(view.kind)),
                translate("Receipt", "Result: {v}").format(v=result_text(view.result)),
                translate("Receipt", "Name: {v}").format(v=view.person_name),
                translate("Receipt", "Issued: {v}").format(v=view.issued_at),
                translate("Receipt", "Device key: {v}").format(v=view.key_id),
                translate("Receipt", "Copies printed: {v}").format(v=view.copies),
            ]
        )

    def _rendered(self, png: bytes) -> None:
        self.page = QImage.fromData(png, "PNG")
        self._show_page()
        self.notice.setText("")

    def _show_page(self) -> None:
        """The whole page, scaled to fit the visible area (no scrolling to see the bottom)."""
        if self.page is None or self.page.isNull():
            return
        viewport = self.scroller.viewport()
        width = max((viewport.width() if viewport else 600) - 8, 120)
        height = max((viewport.height() if viewport else 400) - 8, 120)
        pixmap = QPixmap.fromImage(self.page).scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent | None) -> None:
        super().resizeEvent(event)
        self._show_page()

    def _render_failed(self, error: BaseException) -> None:
        if self.view is not None:
            self.image.setText(self._as_text(self.view))
        self.notice.setText(describe(error).full())

    # -- printing through Qt ------------------------------------------------------------------------
    def _with_pages(self, then: Any) -> None:
        """Draw the pages of the next print (store thread), then hand them to ``then``."""
        view = self.view
        if view is None:
            return
        store, layout = self.session.require_store(), self.layout_key()
        self._enable(False)
        show_message(self.print_status, translate("Receipt", "Preparing the pages…"), "progress")

        def ready(pages: ReceiptPages) -> None:
            self._enable(True)
            self.print_status.clear()
            then(pages)

        self.session.tasks.store(
            lambda: receipt_pages(store, view.number, layout=layout), ready, self._print_failed, owner=self
        )

    def print_now(self) -> None:
        """The system's print dialog, then the receipt on the chosen printer (original once, then copies)."""
        self._with_pages(self._ask_printer)

    def _ask_printer(self, pages: ReceiptPages) -> None:
        printer = make_printer(pages)
        dialog = QPrintDialog(printer, self)
        dialog.receipt_printer = printer  # note: Qt keeps only a pointer
        dialog.setObjectName("receiptPrintDialog")
        dialog.accepted.connect(lambda: self.print_to(printer, pages))
        dialog.open()

    def print_to(self, printer: QPrinter, pages: ReceiptPages) -> None:
        """Paint the pages onto ``printer`` (a printer or a PDF file) and record the print."""
        if not paint_pages(printer, pages):
            show_message(
                self.print_status, translate("Receipt", "The printer could not be started."), "error"
            )
            return
        self._record(pages)

    def preview(self) -> None:
        """Qt's print preview of the whole receipt on the chosen paper; its Print button prints."""
        self._with_pages(self._open_preview)

    def _open_preview(self, pages: ReceiptPages) -> None:
        dialog = self.preview_dialog = preview_dialog(self, pages)
        dialog.accepted.connect(lambda: self._record(pages))  # note: accepted only after it printed
        dialog.open()

    def _record(self, pages: ReceiptPages) -> None:
        store, actor = self.session.require_store(), self.session.actor
        self.session.tasks.store(
            lambda: record_print(store, actor, pages.number), self._printed, self._print_failed, owner=self
        )

    def _choose_save(self) -> None:
        if self.view is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, translate("Receipt", "Save the receipt"), f"receipt-{self.view.number}.pdf", "*.pdf"
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Save the next print as a PDF file (counted like a print: original once, then copies)."""
        view = self.view
        if view is None:
            return
        store, actor, layout = self.session.require_store(), self.session.actor, self.layout_key()
        self._enable(False)
        show_message(self.print_status, translate("Receipt", "Saving…"), "progress")
        self.session.tasks.store(
            lambda: print_receipt(store, actor, view.number, layout=layout, save_to=path),
            self._printed,
            self._print_failed,
            owner=self,
        )

    def _printed(self, outcome: Any) -> None:
        self._enable(True)
        where = getattr(outcome, "sent_to", "")
        if getattr(outcome, "is_copy", False):
            n = getattr(outcome, "copy_number", "")
            text = (
                translate("Receipt", "Copy {n} printed ({where}).").format(n=n, where=where)
                if where
                else translate("Receipt", "Copy {n} printed.").format(n=n)
            )
        else:
            text = (
                translate("Receipt", "Original printed ({where}).").format(where=where)
                if where
                else translate("Receipt", "Original printed.")
            )
        set_role(self.print_status, "ok")
        self.print_status.setText(text)
        self.printed.emit(outcome)
        if self.view is not None:
            self.show_receipt(self.view.number)  # note: the next print is a copy; show it as such

    def _print_failed(self, error: BaseException) -> None:
        self._enable(True)
        self.notice.setText("")
        set_role(self.print_status, "error")
        self.print_status.setText(describe(error).full())
