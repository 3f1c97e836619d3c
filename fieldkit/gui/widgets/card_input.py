"""The ID card: read it from the reader, or type the number and name when there is no card.

Why both on one panel: the reader is the normal path (one key, F2), but a forgotten card or a
broken reader must never stop the visit — the typed entry goes through the same GB 11643 checks
(``fieldkit.devices.registry.manual_card_reader``) and is recorded as ``source="manual"``. Waiting for a card
runs on the device pool; the screen stays live.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from capture.devices import CardRecord
from fieldkit.devices.registry import manual_card_reader
from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, label, set_role, simulation_badge

translate = QCoreApplication.translate
CARD_WAIT_SECONDS = 8.0


class CardInput(QWidget):
    """Emits ``card_ready`` with a CardRecord (from the reader or typed)."""

    card_ready = pyqtSignal(object)

    def __init__(self, session: Session, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.read_button = button(translate("CardInput", "Read card (F2)"), "primary", name="readCard")
        self.read_button.setShortcut("F2")
        self.read_button.clicked.connect(self.read)
        self.badge = simulation_badge()
        self.number = QLineEdit()
        self.number.setObjectName("manualNumber")
        self.number.setMaxLength(20)
        self.number.setPlaceholderText(translate("CardInput", "18-character ID number"))
        self.name = QLineEdit()
        self.name.setObjectName("manualName")
        self.use_button = button(translate("CardInput", "Use typed"), name="useManual")
        self.use_button.clicked.connect(self.use_typed)
        self.name.returnPressed.connect(self.use_typed)
        for field in (self.number, self.name):
            field.textEdited.connect(
                lambda _text: self.message.clear()
            )  # note: a fixed entry clears its error
        self.message = label("", "error", name="cardMessage")

        reader_row = QHBoxLayout()
        reader_row.addWidget(self.read_button)
        reader_row.addWidget(self.badge)
        reader_row.addStretch(1)
        form = QFormLayout()
        form.addRow(translate("CardInput", "ID number"), self.number)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.use_button)  # note: one row less on a 768-pixel screen at large fonts
        form.addRow(translate("CardInput", "Name"), name_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not compact:
            layout.addWidget(label(translate("CardInput", "Lay the ID card on the reader."), "muted"))
        layout.addLayout(reader_row)
        layout.addWidget(
            label(translate("CardInput", "No card, or the reader does not work? Type the details:"), "muted")
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.refresh_device()

    def refresh_device(self) -> None:
        self.badge.setVisible(self.session.hub.state("card_reader").simulated)

    def prefill(self, id_number: str, name: str) -> None:
        self.number.setText(id_number)
        self.name.setText(name)
        self.message.clear()

    def clear(self) -> None:
        self.number.clear()
        self.name.clear()
        self.message.clear()
        self.read_button.setEnabled(True)

    def read(self) -> None:
        """Wait for a card on the reader and read it (device pool)."""
        hub = self.session.hub
        self.read_button.setEnabled(False)
        set_role(self.message, "muted")
        self.message.setText(translate("CardInput", "Waiting for the card…"))

        def work() -> CardRecord:
            try:
                reader = hub.card_reader()
                if not reader.wait_for_card(timeout=CARD_WAIT_SECONDS):
                    from capture.errors import CardError

                    raise CardError("no card", code="card.none")
                return reader.read_card()
            except Exception as exc:
                if str(getattr(exc, "code", "")).startswith("device."):
                    hub.release("card_reader")
                raise

        self.session.tasks.io(work, self._got, self._failed, owner=self)

    def use_typed(self) -> None:
        """The typed number and name, checked by the ID-number rules."""
        typed = (self.number.text(), self.name.text())
        try:
            card = manual_card_reader(lambda: typed).read_card()
        except Exception as exc:
            self._failed(exc)
            return
        self._got(card)

    def _got(self, card: CardRecord) -> None:
        self.read_button.setEnabled(True)
        self.message.clear()
        self.card_ready.emit(card)

    def _failed(self, error: BaseException) -> None:
        self.read_button.setEnabled(True)
        set_role(self.message, "error")
        self.message.setText(describe(error).full())
