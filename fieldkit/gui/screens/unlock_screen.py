"""Unlock and log in: the store passphrase first (once per session), then the operator.

Why two steps: the passphrase opens the encrypted file (key derivation, ~0.3 s, on the store thread);
the operator login says who is acting, for the audit trail, and is all that is asked again after an
idle lock — the store stays open, so a half-finished enrolment survives a coffee break. Repeated
wrong passwords lock the account (``fieldkit.auth``); the message says for how long.
"""

from __future__ import annotations

from PyQt5.QtCore import Qt, pyqtSignal
from PyQt5.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, card, label, title
from storage.records import Operator


class UnlockScreen(QWidget):
    """Emits ``unlocked`` with the operator once both steps succeed."""

    unlocked = pyqtSignal(object)
    language_toggled = pyqtSignal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QStackedWidget()

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setObjectName("unlockPassphrase")
        self.passphrase.returnPressed.connect(self.open_store)
        self.open_button = button(self.tr("Open"), "primary", name="openStore")
        self.open_button.clicked.connect(self.open_store)
        self.store_message = label("", "error", name="storeMessage")
        box, inner = card()
        inner.addWidget(title(self.tr("Unlock the store")))
        inner.addWidget(label(self.tr("Type the store passphrase of this laptop."), "muted"))
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        inner.addLayout(form)
        inner.addWidget(self.store_message)
        inner.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.pages.addWidget(box)

        self.login = QLineEdit()
        self.login.setObjectName("unlockLogin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setObjectName("unlockPassword")
        self.login.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.log_in)
        self.login_button = button(self.tr("Log in"), "primary", name="logIn")
        self.login_button.clicked.connect(self.log_in)
        self.close_button = button(self.tr("Close the store"), name="closeStore")
        self.close_button.clicked.connect(self._close_store)
        self.login_message = label("", "error", name="loginMessage")
        self.login_hint = label("", "muted")
        box, inner = card()
        inner.addWidget(title(self.tr("Who is working?")))
        inner.addWidget(self.login_hint)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        inner.addLayout(form)
        inner.addWidget(self.login_message)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        row.addWidget(self.login_button)
        inner.addLayout(row)
        self.pages.addWidget(box)

        language = button("中文 / English", name="toggleLanguage")
        language.clicked.connect(self.language_toggled)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(language)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.pages, 2)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addLayout(middle)
        layout.addStretch(2)

    def prepare(self, *, locked_by_idle: bool = False) -> None:
        """Show the right step: passphrase if the store is closed, else the operator login."""
        self.store_message.clear()
        self.login_message.clear()
        self.password.clear()
        if self.session.store is None:
            self.pages.setCurrentIndex(0)
            self.passphrase.setFocus()
            return
        self.pages.setCurrentIndex(1)
        self.login_hint.setText(
            self.tr("The screen was locked after a quiet period. Log in to continue where you were.")
            if locked_by_idle
            else self.tr("Log in with your own account: every record names who made it.")
        )
        self.login.setFocus() if not self.login.text() else self.password.setFocus()

    @property
    def on_login_step(self) -> bool:
        return self.pages.currentIndex() == 1

    def open_store(self) -> None:
        if not self.passphrase.text():
            return
        self.open_button.setEnabled(False)
        self.store_message.setText(self.tr("Opening…"))
        self.session.open_store(self.passphrase.text(), self._opened, self._open_failed)

    def _opened(self, _: object) -> None:
        self.passphrase.clear()
        self.open_button.setEnabled(True)
        self.prepare()

    def _open_failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.passphrase.selectAll()
        self.store_message.setText(describe(error).full())

    def log_in(self) -> None:
        if not self.login.text().strip():
            self.login.setFocus()
            return
        self.login_button.setEnabled(False)
        self.session.log_in(self.login.text(), self.password.text(), self._logged_in, self._login_failed)

    def _logged_in(self, operator: Operator) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.login_message.clear()
        self.unlocked.emit(operator)

    def _login_failed(self, error: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.login_message.setText(describe(error).full())

    def _close_store(self) -> None:
        self.session.close_store()
        self.login.clear()
        self.prepare()
