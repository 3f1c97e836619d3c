"""Ask a supervisor to confirm one decision with their own login, without switching the session.

Why: in the field the clerk is logged in and the supervisor is often standing beside them; deciding
a case or changing the policy must name the supervisor in the audit trail, so the supervisor types
their password here. Wrong passwords count towards the same lock-out as any log-in.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, label
from storage.records import Operator


class SupervisorDialog(QDialog):
    """Calls ``on_confirmed`` with the supervisor's account once the password checks out."""

    def __init__(
        self,
        session: Session,
        reason: str,
        on_confirmed: Callable[[Operator], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(self.tr("Supervisor needed"))
        self.session, self.on_confirmed = session, on_confirmed
        self.login = QLineEdit()
        self.login.setObjectName("supervisorLogin")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.returnPressed.connect(self.confirm)
        self.message = label("", "error", name="supervisorMessage")
        self.ok_button = button(self.tr("Confirm"), "primary", name="supervisorConfirm")
        self.ok_button.clicked.connect(self.confirm)
        cancel = button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Supervisor login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label(reason))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.setMinimumWidth(520)

    def confirm(self) -> None:
        self.ok_button.setEnabled(False)
        self.session.check_supervisor(self.login.text(), self.password.text(), self._confirmed, self._failed)

    def _confirmed(self, supervisor: Operator) -> None:
        self.password.clear()
        self.accept()
        self.on_confirmed(supervisor)

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.password.clear()
        self.message.setText(describe(error).full())
