"""First start: create the encrypted store, the first (supervisor) account and the team settings.

Why all on one page: it happens once per laptop, usually with a supervisor at hand; one page shows
everything that will be set, with the passphrase strength and mistakes shown beside the fields
instead of in a chain of dialogs. The work (key derivation, password hashing) runs on the store
thread; the page stays responsive.
"""

from __future__ import annotations

from PyQt5.QtCore import pyqtSignal
from PyQt5.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, card, label, title
from fieldkit.gui.widgets.strength_meter import StrengthMeter
from fieldkit.services.setup import MIN_PASSPHRASE, FirstStart, first_start
from storage.records import Operator
from storage.store import Store


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    return field


class FirstStartScreen(QWidget):
    """The form; emits ``created`` with the first operator once the store exists."""

    created = pyqtSignal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.passphrase, self.passphrase2 = _secret(), _secret()
        self.passphrase.setObjectName("passphrase")
        self.passphrase2.setObjectName("passphrase2")
        self.meter = StrengthMeter()
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.login, self.name = QLineEdit(), QLineEdit()
        self.login.setObjectName("login")
        self.name.setObjectName("name")
        self.password, self.password2 = _secret(), _secret()
        self.password.setObjectName("password")
        self.password2.setObjectName("password2")
        self.team, self.place, self.region = QLineEdit(), QLineEdit(), QLineEdit()
        self.region.setPlaceholderText("130400")
        self.hq_url, self.hq_key = QLineEdit(), QLineEdit()
        self.hq_url.setPlaceholderText("http://hq.example:8600")
        self.hq_key.setPlaceholderText(self.tr("hq_public.key from headquarters"))
        self.message = label("", "error", name="firstStartMessage")
        self.create_button = button(self.tr("Create the store"), "primary", name="createStore")
        self.create_button.clicked.connect(self.submit)
        load_key = button(self.tr("Choose…"))
        load_key.clicked.connect(self._load_key)

        store_box, store_layout = card()
        store_layout.addWidget(label(self.tr("1. The store passphrase"), "subtitle"))
        store_layout.addWidget(
            label(
                self.tr(
                    "Everything on this laptop is encrypted with it. Use several words; "
                    "without it nobody, not even headquarters, can open the data."
                ),
                "muted",
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.passphrase2)
        form.addRow(self.tr("Strength"), self.meter)
        store_layout.addLayout(form)

        operator_box, operator_layout = card()
        operator_layout.addWidget(label(self.tr("2. The first account (supervisor)"), "subtitle"))
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Full name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Again"), self.password2)
        operator_layout.addLayout(form)

        team_box, team_layout = card()
        team_layout.addWidget(label(self.tr("3. Team and headquarters"), "subtitle"))
        form = QFormLayout()
        form.addRow(self.tr("Team"), self.team)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Region code"), self.region)
        form.addRow(self.tr("HQ address (optional)"), self.hq_url)
        key_row = QHBoxLayout()
        key_row.addWidget(self.hq_key, 1)
        key_row.addWidget(load_key)
        form.addRow(self.tr("HQ key file (optional)"), key_row)
        team_layout.addLayout(form)
        team_layout.addStretch(1)

        grid = QGridLayout()
        grid.addWidget(store_box, 0, 0)
        grid.addWidget(operator_box, 1, 0)
        grid.addWidget(team_box, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(title(self.tr("Welcome to fieldkit: set up this laptop")))
        layout.addLayout(grid)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _load_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Headquarters key file"), "", "*.key")
        if path:
            self.hq_key.setText(path)

    def _problem(self) -> str:
        """A mistake the clerk can see without asking the store, or ''."""
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr("The passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE)
        if self.passphrase.text() != self.passphrase2.text():
            return self.tr("The two passphrases differ; type them again.")
        if not self.login.text().strip() or not self.name.text().strip():
            return self.tr("The first account needs a login and a full name.")
        if self.password.text() != self.password2.text():
            return self.tr("The two passwords differ; type them again.")
        return ""

    def submit(self) -> None:
        problem = self._problem()
        if problem:
            self.message.setText(problem)
            return
        form = FirstStart(
            passphrase=self.passphrase.text(),
            login=self.login.text(),
            name=self.name.text(),
            password=self.password.text(),
            team=self.team.text(),
            place=self.place.text(),
            region=self.region.text(),
            hq_url=self.hq_url.text(),
            hq_key_file=self.hq_key.text(),
        )
        self.create_button.setEnabled(False)
        self.message.setText(self.tr("Creating the encrypted store…"))

        def work() -> Operator:
            store: Store
            store, operator = first_start(self.session.home, form)
            self.session.adopt_store(store)
            return operator

        self.session.tasks.store(work, self._created, self._failed, owner=self)

    def _created(self, operator: Operator) -> None:
        for field in (self.passphrase, self.passphrase2, self.password, self.password2):
            field.clear()
        self.message.setText("")
        self.session.operator = operator
        self.session.operator_changed.emit()
        self.created.emit(operator)

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.message.setText(describe(error).full())
