"""Receipts & reports: find a receipt, see it, print it again, check one someone shows you; and the
day's summary and the case list as files.

Why reprints go through the workflow: a lost receipt is reprinted marked "copy" and counted, so a
second original never exists (``print_receipt``). Checking a receipt — its QR text from a scanner, or
a scan/photo/PDF of the paper — verifies the signature against this laptop's device key: "genuine",
"altered", or "made by another laptop" (headquarters holds every laptop's key and can check it).
"""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.texts import kind_text, result_text
from fieldkit.gui.widgets.common import button, card, label, list_table, selected_row, set_role, title
from fieldkit.gui.widgets.receipt_panel import ReceiptPanel
from fieldkit.services.person_history import RECEIPT_NUMBER_MARK, find_receipts
from fieldkit.services.receipts import ReceiptView, check_code, check_file, known_keys, recent_receipts
from fieldkit.services.reports import write_cases, write_daily
from fieldkit.times import display_date
from fieldkit.workflows.receipts import ReceiptCheck

translate = QCoreApplication.translate


class ReceiptsScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.views: list[ReceiptView] = []
        self.number = QLineEdit()
        self.number.setObjectName("receiptNumber")
        self.number.setPlaceholderText(self.tr("Receipt number, or the person: name, pinyin, last 4 digits"))
        self.number.returnPressed.connect(self.find_number)
        find = button(self.tr("Find"), name="findReceipt")
        find.clicked.connect(self.find_number)
        self.table = list_table(
            [self.tr("Number"), self.tr("Kind"), self.tr("Result"), self.tr("Name"), self.tr("Issued")],
            name="receiptsTable",
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.panel = ReceiptPanel(session)
        self.panel.printed.connect(lambda _: self.refresh())
        self.message = label("", "error", name="receiptsMessage")
        self.code = QLineEdit()
        self.code.setObjectName("receiptCode")
        self.code.setPlaceholderText(self.tr("Scan or paste the receipt's QR code (FK1:…)"))
        self.code.returnPressed.connect(self.verify)
        verify = button(self.tr("Check"), name="verifyReceipt")
        verify.clicked.connect(self.verify)
        scan = button(self.tr("Check a scan or PDF…"), name="verifyReceiptFile")
        scan.clicked.connect(self._choose_scan)
        self.verdict = label("", "subtitle", name="receiptVerdict")
        daily = button(self.tr("Today's summary…"), name="dailyReport")
        daily.clicked.connect(self._choose_daily)
        case_list = button(self.tr("Case list…"), name="casesReport")
        case_list.clicked.connect(self._choose_cases)
        self.report_message = label("", "muted", name="reportMessage")

        search = QHBoxLayout()
        search.addWidget(self.number, 1)
        search.addWidget(find)
        left = QVBoxLayout()
        left.addLayout(search)
        left.addWidget(label(self.tr("Latest receipts from this laptop"), "muted"))
        left.addWidget(self.table, 1)
        check_box, check_layout = card()
        check_layout.addWidget(label(self.tr("Check a receipt"), "subtitle"))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(verify)
        check_layout.addLayout(row)
        check_layout.addWidget(scan)
        check_layout.addWidget(self.verdict)
        left.addWidget(check_box)
        report_box, report_layout = card()
        report_layout.addWidget(label(self.tr("Reports (names and ID numbers masked)"), "subtitle"))
        buttons = QHBoxLayout()
        buttons.addWidget(daily)
        buttons.addWidget(case_list)
        report_layout.addLayout(buttons)
        report_layout.addWidget(self.report_message)
        left.addWidget(report_box)
        right = QVBoxLayout()
        right.addWidget(self.panel, 1)
        right.addWidget(self.message)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title(self.tr("Receipts")))
        layout.addLayout(body, 1)

    def refresh(self) -> None:
        if self.session.store is None:
            return
        store = self.session.store
        self.session.tasks.store(lambda: recent_receipts(store), self._show, owner=self)

    def _show(self, views: list[ReceiptView]) -> None:
        self.message.clear()
        self.views = views
        self.table.setRowCount(len(views))
        for index, view in enumerate(views):
            cells = [
                view.number,
                kind_text(view.kind),
                result_text(view.result),
                view.person_name,
                view.issued_at,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))

    def _selected(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.open(self.views[row].number)

    def find_number(self) -> None:
        """A receipt number opens it; anything else (name, pinyin, last four digits) lists that person's."""
        query = self.number.text().strip()
        if not query:
            self.refresh()
            return
        if RECEIPT_NUMBER_MARK in query.upper():
            self.open(query)
            return
        store, cycle = self.session.require_store(), self.session.cycle
        self.session.tasks.store(lambda: find_receipts(store, query, cycle=cycle), self._found, owner=self)

    def _found(self, views: list[ReceiptView]) -> None:
        self._show(views)
        if not views:
            self.message.setText(self.tr("No receipt found for this person."))
        elif len(views) == 1:
            self.table.selectRow(0)

    def open(self, number: str) -> None:
        self.message.clear()
        try:
            self.panel.show_receipt(number)
        except Exception as exc:
            self.message.setText(describe(exc).full())

    def verify(self) -> None:
        text = self.code.text()
        if not text.strip():
            return
        store = self.session.require_store()
        self.session.tasks.store(
            lambda: check_code(store, text), self._verdict, self._verify_failed, owner=self
        )

    def _choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("A scan, photo or PDF of the receipt"), "", "*.pdf *.png *.jpg *.jpeg"
        )
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path) -> None:
        store = self.session.require_store()
        self.session.tasks.store(
            lambda: check_file(path, known_keys(store)),
            lambda checks: self._verdict(checks[0]) if checks else None,
            self._verify_failed,
            owner=self,
        )

    def _verdict(self, check: ReceiptCheck) -> None:
        if check.status == "genuine" and check.payload is not None:
            set_role(self.verdict, "ok")
            self.verdict.setText(
                self.tr("Genuine ✔ receipt {number}, {kind}, issued {when}").format(
                    number=check.payload.get("number", ""),
                    kind=kind_text(str(check.payload.get("kind", ""))),
                    when=display_date(str(check.payload.get("issued_at", ""))),
                )
            )
        elif check.status == "unknown_device":
            set_role(self.verdict, "warning")
            self.verdict.setText(
                self.tr("Made by another laptop (key {key}); headquarters can check it.").format(
                    key=check.key_id
                )
            )
        else:
            set_role(self.verdict, "error")
            self.verdict.setText(self.tr("ALTERED: this receipt does not match its signature."))

    def _verify_failed(self, error: BaseException) -> None:
        set_role(self.verdict, "error")
        self.verdict.setText(describe(error).full())

    # -- reports --------------------------------------------------------------------------------------
    def _choose_daily(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for today's summary"))
        if folder:
            self.daily_report(Path(folder))

    def daily_report(self, folder: Path) -> None:
        store, cycle = self.session.require_store(), self.session.cycle
        self.report_message.setText(self.tr("Writing the report…"))
        self.session.tasks.store(
            lambda: write_daily(store, folder, cycle=cycle),
            lambda paths: self.report_message.setText(
                self.tr("Written: {files}").format(files=", ".join(p.name for p in paths))
            ),
            lambda error: self.report_message.setText(describe(error).full()),
            owner=self,
        )

    def _choose_cases(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the case list"), "cases.pdf", "*.pdf")
        if path:
            self.cases_report(Path(path))

    def cases_report(self, target: Path) -> None:
        store = self.session.require_store()
        self.report_message.setText(self.tr("Writing the report…"))
        self.session.tasks.store(
            lambda: write_cases(store, target),
            lambda path: self.report_message.setText(self.tr("Written: {files}").format(files=path.name)),
            lambda error: self.report_message.setText(describe(error).full()),
            owner=self,
        )
