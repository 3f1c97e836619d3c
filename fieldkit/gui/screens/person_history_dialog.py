"""One person's history on this laptop, with their receipts to reprint (from the Today list).

Why a dialog over Today: "did I already do it?" and "I lost the paper" are asked at the counter with
the person in front of the clerk; the answer (every enrolment, certification, case and receipt, in
time order) and the reprint (marked as a copy once the original was printed) are one click away.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QApplication, QDialog, QHBoxLayout, QTableWidgetItem, QVBoxLayout, QWidget

from fieldkit.gui.session import Session
from fieldkit.gui.texts import case_kind_text, kind_text, outcome_text, result_text
from fieldkit.gui.widgets.common import button, label, list_table, selected_row
from fieldkit.gui.widgets.receipt_panel import ReceiptPanel
from fieldkit.services.person_history import HistoryLine, PersonHistory, person_history

translate = QCoreApplication.translate


def line_text(line: HistoryLine) -> tuple[str, str]:
    """(what, result) of a history line in words."""
    if line.kind == "enrollment":
        return translate("History", "Enrolment"), result_text(line.result)
    if line.kind == "certification":
        return translate("History", "Certification"), outcome_text(line.result)[0]
    if line.kind == "case":
        return translate("History", "Case {ref}").format(ref=line.reference), case_kind_text(line.result)
    return translate("History", "Receipt {number}").format(number=line.reference), kind_text(line.result)


class PersonHistoryDialog(QDialog):
    def __init__(self, session: Session, person_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personHistory")
        self.setWindowTitle(translate("History", "History"))
        self.session = session
        self.history: PersonHistory | None = None
        self.heading = label("", "subtitle", name="historyPerson")
        self.table = list_table(
            [translate("History", "When"), translate("History", "What"), translate("History", "Result")],
            name="historyTable",
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.panel = ReceiptPanel(session, self)
        close = button(translate("History", "Close"))
        close.clicked.connect(self.accept)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.table, 1)
        left.addWidget(close)
        body = QHBoxLayout(self)
        body.addLayout(left, 1)
        body.addWidget(self.panel, 1)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            self.resize(min(1200, free.width() - 40), min(720, free.height() - 60))
        store = session.require_store()
        session.tasks.store(lambda: person_history(store, person_uuid), self._show, owner=self)

    def _show(self, history: PersonHistory) -> None:
        self.history = history
        self.heading.setText(f"{history.name} · {history.masked_id}")
        self.table.setRowCount(len(history.lines))
        for index, line in enumerate(history.lines):
            what, result = line_text(line)
            for column, text in enumerate((line.when, what, result)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if history.receipts:
            self.panel.show_receipt(history.receipts[0])  # the newest, ready to reprint

    def _selected(self) -> None:
        row = selected_row(self.table)
        if self.history is None or row is None:
            return
        line = self.history.lines[row]
        if line.kind == "receipt":
            self.panel.show_receipt(line.reference)
