"""Enrolment steps 1-2: the ID card, then the card side by side with the roster.

Why the comparison is shown and not just decided: a different name or birth date, or a person the
roster does not know, does not stop the enrolment (the retiree is here) but opens an ID-mismatch case
for headquarters; the clerk should see exactly what differs and can tell the retiree so.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from capture.devices import CardRecord
from fieldkit.gui.errors import describe
from fieldkit.gui.screens.enrollment_draft import WizardHost, WizardStep
from fieldkit.gui.texts import gender_text, mismatch_text
from fieldkit.gui.widgets.card_input import CardInput
from fieldkit.gui.widgets.common import button, card, label, set_role, title
from fieldkit.services.visit import EnrolCheck, check_for_enrolment

translate = QCoreApplication.translate


class CardStep(WizardStep):
    key = "card"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.input = CardInput(wizard.session)
        self.input.card_ready.connect(self._card_ready)
        self.status = label("", "muted", name="identifyStatus")
        box, inner = card()
        inner.addWidget(self.input)
        layout = QVBoxLayout(self)
        layout.addWidget(title(translate("Enrolment", "Step 1: the ID card")))
        layout.addWidget(box)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def enter(self) -> None:
        self.input.refresh_device()
        if not self.input.number.text():
            self.input.read_button.setFocus()

    def _card_ready(self, record: CardRecord) -> None:
        session = self.wizard.session
        store, cycle = session.require_store(), session.cycle
        self.status.setText(translate("Enrolment", "Looking the person up in the roster…"))
        session.tasks.store(
            lambda: check_for_enrolment(store, record, cycle=cycle),
            self._identified,
            self._failed,
            owner=self,
        )

    def _identified(self, check: EnrolCheck) -> None:
        self.status.clear()
        self.draft.card = check.identification.card
        self.draft.check = check
        self.wizard.session.hub.present(self.draft.id_number, "left")
        self.completed.emit()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error).full())


class MatchStep(WizardStep):
    key = "match"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.notes = label("", "warning", name="mismatchNotes")
        self.next_button = button(translate("Enrolment", "Continue to the face"), "primary", name="matchNext")
        self.next_button.clicked.connect(self.completed)
        self.certify_button = button(translate("Enrolment", "Go to certification"), name="goCertify")
        self.certify_button.clicked.connect(self._certify_instead)
        box, inner = card()
        inner.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(self.certify_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title(translate("Enrolment", "Step 2: card and roster side by side")))
        layout.addWidget(box)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        layout.addLayout(row)

    def _set(self, row: int, caption: str, on_card: str, in_roster: str) -> None:
        differs = row > 0 and bool(on_card and in_roster and on_card != in_roster)
        for column, text in enumerate((caption, on_card, in_roster)):
            item = self.grid.itemAtPosition(row, column)
            widget = item.widget() if item is not None else None
            if widget is None:
                widget = label()
                self.grid.addWidget(widget, row, column)
            widget.setText(text)
            set_role(widget, "subtitle" if row == 0 else ("error" if differs and column else ""))

    def enter(self) -> None:
        check = self.draft.check
        if check is None:
            return
        identification = check.identification
        record, person = identification.card, identification.person
        header = (
            "",
            translate("Enrolment", "On the card"),
            translate("Enrolment", "In the roster"),
        )
        self._set(0, *header)
        birth = identification.number.birth_date.isoformat()
        rows = [
            (translate("Enrolment", "Name"), record.name, person.name if person else "—"),
            (translate("Enrolment", "ID number"), record.id_number, person.id_number if person else "—"),
            (
                translate("Enrolment", "Birth date"),
                birth,
                person.birth_date.isoformat() if person and person.birth_date else "—",
            ),
            (
                translate("Enrolment", "Gender"),
                gender_text(identification.number.gender),
                gender_text(person.gender) if person else "—",
            ),
            (translate("Enrolment", "Unit"), "", check.roster_unit or "—"),
            (translate("Enrolment", "District"), "", check.roster_district or "—"),
        ]
        for index, row in enumerate(rows, start=1):
            self._set(index, *row)
        lines = [mismatch_text(code) for code in identification.mismatches]
        if lines:
            lines.append(
                translate("Enrolment", "You can continue: a case will be opened for headquarters to review.")
            )
        if check.already_enrolled:
            lines = [translate("Enrolment", "This person is already enrolled. Certify them instead.")]
        self.notes.setText("\n".join(lines))
        self.next_button.setEnabled(not check.already_enrolled)
        self.certify_button.setVisible(check.already_enrolled)
        (self.certify_button if check.already_enrolled else self.next_button).setFocus()

    def _certify_instead(self) -> None:
        record = self.draft.card
        if record is not None:
            self.wizard.certify_instead.emit(record.id_number, record.name)
        self.wizard.restart()
