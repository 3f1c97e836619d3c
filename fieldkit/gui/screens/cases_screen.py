"""Cases: what people must decide (ID mismatches, capture failures, suspected duplicates, ...).

Why a supervisor's own password for each decision: ``decide_case`` refuses anyone but a supervisor,
and the audit trail must name who decided. A supervisor who is logged in decides directly; anyone
else calls one over (``SupervisorDialog``). A note saying why is always required.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.screens.supervisor_dialog import SupervisorDialog
from fieldkit.gui.session import Session
from fieldkit.gui.texts import case_kind_text, case_status_text, detail_text
from fieldkit.gui.widgets.common import button, card, label, list_table, selected_row, show_message, title
from fieldkit.services.overview import CaseDetail, case_detail
from fieldkit.times import display_time
from fieldkit.workflows.cases import case_rows, decide_case
from fieldkit.workflows.enrolment_holds import releases_enrolment
from reports.rows import CaseRow
from storage.records import Case, Operator
from storage.store import Store

translate = QCoreApplication.translate


class CasesScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[CaseRow] = []
        self.detail: CaseDetail | None = None
        self.released = ("", "")  # (case, words) said while that case is shown after it released an enrolment
        self.show_all = QCheckBox(self.tr("Show decided cases too"))
        self.show_all.setObjectName("showDecided")
        self.show_all.toggled.connect(lambda _: self.refresh())
        self.table = list_table(
            [self.tr("Reference"), self.tr("Kind"), self.tr("State"), self.tr("Person")], name="casesTable"
        )
        self.table.itemSelectionChanged.connect(self._selected)

        self.heading = label("", "subtitle", name="caseHeading")
        self.body = label("", name="caseBody")
        self.note = QPlainTextEdit()
        self.note.setObjectName("caseNote")
        self.note.setPlaceholderText(self.tr("Why? (required)"))
        self.note.setMaximumHeight(110)
        self.message = label("", "error", name="caseMessage")
        self.approve_button = button(self.tr("Approve"), "primary", name="approveCase")
        self.reject_button = button(self.tr("Reject"), "danger", name="rejectCase")
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.who = label("", "muted")

        detail, inner = card()
        inner.addWidget(self.heading)
        inner.addWidget(self.body)
        inner.addStretch(1)
        inner.addWidget(label(self.tr("Decision note")))
        inner.addWidget(self.note)
        inner.addWidget(self.message)
        inner.addWidget(self.who)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        inner.addLayout(buttons)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.show_all)
        left.addWidget(self.table, 1)
        body.addLayout(left, 3)
        body.addWidget(detail, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title(self.tr("Cases")))
        layout.addLayout(body, 1)
        self._show_detail(None)

    def refresh(self) -> None:
        if self.session.store is None:
            return
        store, everything = self.session.store, self.show_all.isChecked()
        self.session.tasks.store(
            lambda: case_rows(store, status=None if everything else "open", masked=False),
            self._show_rows,
            owner=self,
        )

    def _show_rows(self, rows: list[CaseRow]) -> None:
        selected = self.detail.case.reference if self.detail else None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [row.reference, case_kind_text(row.kind), case_status_text(row.status), row.person]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
            if row.reference == selected:
                self.table.selectRow(index)
        if not rows:
            self._show_detail(None)

    def select(self, reference: str) -> None:
        for index, row in enumerate(self.rows):
            if row.reference == reference:
                self.table.selectRow(index)

    def _selected(self) -> None:
        chosen = selected_row(self.table)
        if chosen is None or self.session.store is None:
            return
        store, reference = self.session.store, self.rows[chosen].reference
        self.session.tasks.store(lambda: case_detail(store, reference), self._show_detail, owner=self)

    def _show_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        self.message.clear()
        reference, text = self.released
        if text and detail is not None and detail.case.reference == reference:
            show_message(self.message, text, "success")
        open_case = detail is not None and detail.case.status == "open"
        self.approve_button.setEnabled(open_case)
        self.reject_button.setEnabled(open_case)
        self.note.setEnabled(open_case)
        if detail is None:
            self.heading.setText(self.tr("Choose a case on the left."))
            self.body.clear()
            self.who.clear()
            return
        case = detail.case
        self.heading.setText(
            f"{case.reference} · {case_kind_text(case.kind)} · {case_status_text(case.status)}"
        )
        lines = [
            self.tr("Person: {name} {number}").format(name=detail.person_name, number=detail.id_number),
            self.tr("Opened: {when}").format(when=display_time(case.opened_at)),
        ]
        lines += [detail_text(key, value) for key, value in detail.details]
        if case.decided_at:
            lines.append(
                self.tr("Decided {when}: {note}").format(
                    when=display_time(case.decided_at), note=case.decision_note or ""
                )
            )
        self.body.setText("\n".join(lines))
        self.who.setText(
            self.tr("You are a supervisor: your decision is recorded under your name.")
            if self.session.is_supervisor
            else self.tr("A supervisor must confirm the decision with their password.")
        )

    def decide(self, approve: bool) -> None:
        if self.detail is None:
            return
        note = self.note.toPlainText().strip()
        if not note:
            show_message(self.message, describe(_NoNote()).full(), "error")
            return
        reference = self.detail.case.reference
        if self.session.is_supervisor and self.session.operator is not None:
            self._decide_as(self.session.operator, reference, approve, note)
            return
        dialog = SupervisorDialog(
            self.session,
            (
                self.tr("Case {ref}: a supervisor must confirm that it is APPROVED.")
                if approve
                else self.tr("Case {ref}: a supervisor must confirm that it is REJECTED.")
            ).format(ref=reference),
            lambda supervisor: self._decide_as(supervisor, reference, approve, note),
            self,
        )
        dialog.open()

    def _decide_as(self, supervisor: Operator, reference: str, approve: bool, note: str) -> None:
        store = self.session.require_store()
        self.session.tasks.store(
            lambda: _decide(store, reference, approve=approve, note=note, supervisor=supervisor),
            self._decided,
            lambda error: show_message(self.message, describe(error).full(), "error"),
            owner=self,
        )

    def _decided(self, decided: tuple[Case, bool]) -> None:
        case, released = decided
        self.note.clear()
        self.message.clear()
        # note: a held enrolment is usable once every case that held it is approved; said once the
        # case's detail is shown again (showing it clears the line)
        self.released = (
            case.reference,
            self.tr("Case {ref} approved: the enrolment it held can now be used for certification.").format(
                ref=case.reference
            )
            if released
            else "",
        )
        self.session.data_changed.emit()
        self.refresh()
        store = self.session.require_store()
        self.session.tasks.store(lambda: case_detail(store, case.reference), self._show_detail, owner=self)


def _decide(
    store: Store, reference: str, *, approve: bool, note: str, supervisor: Operator
) -> tuple[Case, bool]:
    """Decide, then say whether that released a held enrolment (both in the store's worker)."""
    case = decide_case(store, reference, approve=approve, note=note, supervisor=supervisor)
    return case, releases_enrolment(store, case)


class _NoNote(Exception):
    code = "case.no_note"
