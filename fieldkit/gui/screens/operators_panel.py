"""Operator accounts, for supervisors: who may log in, who is locked out, add / disable / reset.

Why in the app: a team in the field has no administrator; when a clerk forgets a password or locks
the account with wrong guesses, the team's supervisor fixes it on the spot. Everything goes through
``fieldkit.services.operators`` (the same as ``fieldkit operator …``); a clerk sees the list, and any
change asks for a supervisor's password first.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.screens.supervisor_dialog import SupervisorDialog
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, card, label, list_table, selected_row, show_message
from fieldkit.services import operators
from fieldkit.services.operators import OperatorRow
from storage.records import Operator

translate = QCoreApplication.translate


def role_text(role: str) -> str:
    return (
        translate("Operators", "supervisor") if role == "supervisor" else translate("Operators", "operator")
    )


def state_text(row: OperatorRow) -> str:
    if not row.active:
        return translate("Operators", "disabled")
    if row.locked:
        return translate("Operators", "locked until {when}").format(when=row.locked_until)
    return translate("Operators", "active")


class OperatorsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[OperatorRow] = []
        self.table = list_table(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("State")], name="operatorsTable"
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.toggle_button = button(self.tr("Disable"), name="operatorToggle")
        self.toggle_button.clicked.connect(self.toggle_active)
        self.unlock_button = button(self.tr("Unlock"), name="operatorUnlock")
        self.unlock_button.clicked.connect(self.unlock)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("operatorNewPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("New password (8 characters or more)"))
        self.reset_button = button(self.tr("Set this password"), name="operatorReset")
        self.reset_button.clicked.connect(self.reset_password)
        self.login, self.name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.login.setObjectName("newOperatorLogin")
        self.name.setObjectName("newOperatorName")
        self.password.setObjectName("newOperatorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        self.role.setObjectName("newOperatorRole")
        self.role.addItem(role_text("operator"), "operator")
        self.role.addItem(role_text("supervisor"), "supervisor")
        self.add_button = button(self.tr("Add the account"), "primary", name="addOperator")
        self.add_button.clicked.connect(self.add)
        self.message = label("", "muted", name="operatorsMessage")

        actions = QHBoxLayout()
        actions.addWidget(self.toggle_button)
        actions.addWidget(self.unlock_button)
        actions.addWidget(self.new_password, 1)
        actions.addWidget(self.reset_button)
        add_box, add_layout = card()
        add_layout.addWidget(label(self.tr("New account"), "subtitle"))
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.add_button)
        add_layout.addLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                self.tr(
                    "Only a supervisor can change accounts; a clerk is asked for a supervisor's password."
                ),
                "muted",
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(add_box)
        self._selected()

    # -- showing ------------------------------------------------------------------------------------
    def load(self) -> None:
        store = self.session.store
        if store is None:
            return
        self.session.tasks.store(lambda: operators.operator_rows(store), self._show, self._failed, owner=self)

    def _show(self, rows: list[OperatorRow]) -> None:
        login = self.selected_login()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate((row.login, row.name, role_text(row.role), state_text(row))):
                self.table.setItem(index, column, QTableWidgetItem(text))
            if row.login == login:
                self.table.selectRow(index)
        self._selected()

    def selected_login(self) -> str | None:
        index = selected_row(self.table)
        return self.rows[index].login if index is not None and index < len(self.rows) else None

    def _selected(self) -> None:
        index = selected_row(self.table)
        row = self.rows[index] if index is not None and index < len(self.rows) else None
        for widget in (self.toggle_button, self.unlock_button, self.reset_button):
            widget.setEnabled(row is not None)
        if row is not None:
            self.toggle_button.setText(self.tr("Disable") if row.active else self.tr("Enable"))
            self.unlock_button.setEnabled(row.locked)

    # -- changes (each confirmed by a supervisor) ---------------------------------------------------
    def _as_supervisor(self, reason: str, then: Callable[[Operator], None]) -> None:
        operator = self.session.operator
        if self.session.is_supervisor and operator is not None:
            then(operator)
            return
        self.dialog = SupervisorDialog(self.session, reason, then, self)
        self.dialog.open()

    def _run(self, work: Callable[[Operator], object], done_text: str) -> Callable[[Operator], None]:
        def go(supervisor: Operator) -> None:
            show_message(self.message, self.tr("Saving…"), "progress")
            self.session.tasks.store(
                lambda: work(supervisor), lambda _: self._done(done_text), self._failed, owner=self
            )

        return go

    def _done(self, text: str) -> None:
        show_message(self.message, text, "success")
        self.load()

    def _failed(self, error: BaseException) -> None:
        show_message(self.message, describe(error).full(), "error")

    def add(self) -> None:
        store = self.session.require_store()
        login, name, role, password = (
            self.login.text(),
            self.name.text(),
            str(self.role.currentData()),
            self.password.text(),
        )
        self.password.clear()
        self._as_supervisor(
            self.tr("Adding an account needs a supervisor."),
            self._run(
                lambda sup: operators.add_operator(
                    store, sup, login=login, name=name, role=role, password=password
                ),
                self.tr("Account {login} added ✔").format(login=login.strip()),
            ),
        )
        self.login.clear()
        self.name.clear()

    def toggle_active(self) -> None:
        index = selected_row(self.table)
        if index is None:
            return
        row, store = self.rows[index], self.session.require_store()
        active = not row.active
        text = (
            self.tr("Account {login} enabled ✔") if active else self.tr("Account {login} disabled ✔")
        ).format(login=row.login)
        reason = (
            self.tr("Enabling {login} needs a supervisor.")
            if active
            else self.tr("Disabling {login} needs a supervisor.")
        ).format(login=row.login)
        self._as_supervisor(
            reason, self._run(lambda sup: operators.set_active(store, sup, row.login, active=active), text)
        )

    def unlock(self) -> None:
        login, store = self.selected_login(), self.session.require_store()
        if login is None:
            return
        self._as_supervisor(
            self.tr("Unlocking {login} needs a supervisor.").format(login=login),
            self._run(
                lambda sup: operators.unlock(store, sup, login),
                self.tr("Account {login} unlocked ✔").format(login=login),
            ),
        )

    def reset_password(self) -> None:
        login, store = self.selected_login(), self.session.require_store()
        if login is None:
            return
        password = self.new_password.text()
        self.new_password.clear()
        self._as_supervisor(
            self.tr("A new password for {login} needs a supervisor.").format(login=login),
            self._run(
                lambda sup: operators.reset_password(store, sup, login, password),
                self.tr("New password set for {login}; the account is unlocked ✔").format(login=login),
            ),
        )
