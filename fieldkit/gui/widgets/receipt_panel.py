"""A receipt on screen: the page as it will print, a printer choice, Print and Save as PDF.

Why both a page and text: the PDF comes from ``fieldkit.workflows.receipt_documents`` (through
``fieldkit.services.receipts``), rendered to an image (PDFium, ``reports.raster``) on the compute
pool; if that module is unavailable or rendering fails, the clerk still sees the receipt's number,
result and signature check as text, with a line saying why there is no page. Printing is the workflow's
``print_receipt`` (the first print is the original, later ones are counted copies); the printers
offered are the system's (CUPS on Linux).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PyQt5.QtCore import QCoreApplication, Qt, pyqtSignal
from PyQt5.QtGui import QImage, QPixmap, QResizeEvent
from PyQt5.QtPrintSupport import QPrinterInfo
from PyQt5.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from fieldkit.errors import UserError
from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.texts import kind_text, result_text
from fieldkit.gui.widgets.common import button, label, set_role
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
        self.printer = QComboBox()
        self.printer.setObjectName("printerChoice")
        self.printer.addItem(translate("Receipt", "Default printer"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        self.print_button = button(translate("Receipt", "Print"), "primary", name="printReceipt")
        self.print_button.clicked.connect(self.print_now)
        self.save_button = button(translate("Receipt", "Save as PDF…"), name="saveReceipt")
        self.save_button.clicked.connect(self._choose_save)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.printer)
        row.addWidget(self.save_button)
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
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_receipt(self, number: str) -> None:
        """Load the receipt (store thread) and draw its page (compute pool)."""
        store = self.session.require_store()
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
        self.print_button.setEnabled(can_print)
        self.save_button.setEnabled(can_print)
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
        """The page scaled to the visible width (no sideways scrolling)."""
        if self.page is None or self.page.isNull():
            return
        viewport = self.scroller.viewport()
        bar = self.scroller.verticalScrollBar()
        room = (viewport.width() if viewport else 600) - (bar.sizeHint().width() if bar else 16) - 4
        width = min(self.page.width(), max(room, 200))
        pixmap = QPixmap.fromImage(self.page).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent | None) -> None:
        super().resizeEvent(event)
        self._show_page()

    def _render_failed(self, error: BaseException) -> None:
        if self.view is not None:
            self.image.setText(self._as_text(self.view))
        self.notice.setText(describe(error).full())

    def print_now(self) -> None:
        """Send the receipt to the chosen printer (original first time, counted copy after)."""
        self._print(printer=str(self.printer.currentData() or "") or None, save_to=None)

    def _choose_save(self) -> None:
        if self.view is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, translate("Receipt", "Save the receipt"), f"receipt-{self.view.number}.pdf", "*.pdf"
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        self._print(printer=None, save_to=path)

    def _print(self, *, printer: str | None, save_to: Path | None) -> None:
        view = self.view
        if view is None:
            return
        store, actor = self.session.require_store(), self.session.actor
        self.print_button.setEnabled(False)
        set_role(self.print_status, "muted")
        self.print_status.setText(translate("Receipt", "Printing…"))
        self.session.tasks.store(
            lambda: print_receipt(store, actor, view.number, printer=printer, save_to=save_to),
            self._printed,
            self._print_failed,
            owner=self,
        )

    def _printed(self, outcome: Any) -> None:
        self.print_button.setEnabled(True)
        if getattr(outcome, "is_copy", False):
            text = translate("Receipt", "Copy {n} printed ({where}).").format(
                n=getattr(outcome, "copy_number", ""), where=getattr(outcome, "sent_to", "")
            )
        else:
            text = translate("Receipt", "Original printed ({where}).").format(
                where=getattr(outcome, "sent_to", "")
            )
        set_role(self.print_status, "ok")
        self.print_status.setText(text)
        self.printed.emit(outcome)
        if self.view is not None:
            self.show_receipt(self.view.number)  # note: the next print is a copy; show it as such

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.notice.setText("")
        set_role(self.print_status, "error")
        self.print_status.setText(describe(error).full())
