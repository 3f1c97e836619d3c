"""The paperwork after a certification's answer: a case for a supervisor, the signed result
notice of an attempt that did not pass, and the receipt (or its reprint) in a dialog that fits.

Why apart from ``certification_screen``: the screen runs the visit (card, liveness, captures,
decision); what follows the answer is a separate job with its own store calls, and the screen had
grown past 500 lines. ``CertificationScreen`` inherits these actions; the attributes below are the
screen's, declared here so the types are checked. The texts keep the screen's translation context
("CertificationScreen"), so the translations did not move.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import show_message
from fieldkit.gui.widgets.followup_bar import FollowUpBar
from fieldkit.gui.widgets.receipt_panel import ReceiptPanel
from fieldkit.services.certify_followup import open_case_for
from fieldkit.services.receipts import issue_not_passed_slip
from fieldkit.services.visit import CertifyCheck
from fieldkit.workflows.certification import CertificationOutcome

translate = QCoreApplication.translate


class CertificationPaperwork(QWidget):
    """Case, result notice and receipt actions of the certification screen."""

    session: Session
    check: CertifyCheck | None
    outcome: CertificationOutcome | None
    case_reference: str | None
    followup: FollowUpBar
    status: QLabel
    slip_button: QPushButton
    next_button: QPushButton
    receipt_dialog: QDialog | None

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def _other_hand(self) -> str | None:
        raise NotImplementedError

    def _face_offered(self) -> bool:
        raise NotImplementedError

    def open_case(self) -> None:
        """A case for a supervisor with every attempt of this cycle (the service gathers them)."""
        check, outcome = self.check, self.outcome
        person = outcome.person if outcome is not None else None
        if check is None or person is None:
            return
        store, actor, cycle = self.session.require_store(), self.session.actor, self.session.cycle
        last = outcome.certification.uuid if outcome and outcome.certification else None
        self.followup.case_button.setEnabled(False)
        show_message(self.status, translate("CertificationScreen", "Opening a case…"), "progress")
        self.session.tasks.store(
            lambda: open_case_for(store, person.uuid, cycle=cycle, actor=actor, last_uuid=last),
            self._case_opened,
            self._failed,
            owner=self,
        )

    def _case_opened(self, case: object) -> None:
        self.case_reference = str(getattr(case, "reference", ""))
        decision = self.outcome.decision if self.outcome else None
        self.followup.offer(
            decision.outcome if decision else "reject",
            other_hand=self._other_hand(),
            face=self._face_offered(),
            case_reference=self.case_reference,
        )
        self.status.clear()  # note: "opening a case…" is done; the line above the buttons says the rest
        self.session.data_changed.emit()
        self.next_button.setFocus()

    def print_slip(self) -> None:
        """Issue the signed result notice of the last attempt (it names the case once one is open)
        and open it like a receipt: preview, paper choice, print."""
        certification = self.outcome.certification if self.outcome is not None else None
        if certification is None:
            return
        store, actor, uuid = self.session.require_store(), self.session.actor, certification.uuid
        self.slip_button.setEnabled(False)
        issue = lambda: issue_not_passed_slip(store, actor, uuid).number  # noqa: E731
        self.session.tasks.store(issue, self._slip_issued, self._failed, owner=self)

    def _slip_issued(self, number: str) -> None:
        self.slip_button.setEnabled(True)
        self.open_receipt(number)

    def show_receipt(self) -> None:
        if self.outcome is not None and self.outcome.receipt is not None:
            self.open_receipt(self.outcome.receipt.number)

    def _reprint(self) -> None:
        if self.check is not None and self.check.receipt_number:
            self.open_receipt(self.check.receipt_number)

    def open_receipt(self, number: str) -> None:
        """The receipt with its whole page, paper choice, preview and print, in a dialog that fits."""
        dialog = self.receipt_dialog = QDialog(self)
        dialog.setWindowTitle(translate("CertificationScreen", "Receipt"))
        panel = ReceiptPanel(self.session, dialog)
        QVBoxLayout(dialog).addWidget(panel)
        screen = self.screen()
        free = screen.availableGeometry() if screen is not None else None
        dialog.resize(
            min(860, free.width() - 40) if free else 860, min(760, free.height() - 60) if free else 640
        )
        panel.show_receipt(number)
        dialog.open()
        panel.print_button.setFocus()
