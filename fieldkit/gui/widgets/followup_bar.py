"""What the clerk can do after a certification that did not pass: never just "next person".

Why a bar of its own: "比对不符" used to end the visit with nothing but 下一位. The ways on are, in
order: another attempt, the other enrolled hand, a face attempt where a face is enrolled, and a
case that a supervisor decides. The bar only shows the ways that exist for this person and says in
one line what to do; the screen decides what each button starts. The safe way on is the default
(Enter presses it); nothing here discards anything.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from fieldkit.gui.texts import hand_text
from fieldkit.gui.widgets.common import button, label, show_message

translate = QCoreApplication.translate


class FollowUpBar(QWidget):
    """Retry / other hand / face / open a case, with one line of guidance."""

    retry = pyqtSignal()
    other_hand = pyqtSignal()
    face = pyqtSignal()
    open_case = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUp")
        self.guidance = label("", "warning", name="followUpGuidance")
        self.retry_button = button(translate("Certify", "Try again"), "primary", name="certifyRetry")
        self.other_hand_button = button("", name="certifyOtherHand")
        self.face_button = button(translate("Certify", "Try the face"), name="certifyFace")
        self.case_button = button(
            translate("Certify", "Send to a supervisor (open a case)"), name="certifyCase"
        )
        self.retry_button.clicked.connect(self.retry)
        self.other_hand_button.clicked.connect(self.other_hand)
        self.face_button.clicked.connect(self.face)
        self.case_button.clicked.connect(self.open_case)
        # note: two by two, so the ways on fit the right-hand column at 24 pt; the screen's own buttons
        # (receipt, next person) follow in a row of their own (``add_trailing``)
        ways = QGridLayout()
        ways.setContentsMargins(0, 0, 0, 0)
        for index, widget in enumerate(
            (self.retry_button, self.other_hand_button, self.face_button, self.case_button)
        ):
            ways.addWidget(widget, index // 2, index % 2)
        row = self.row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guidance)
        layout.addLayout(ways)
        layout.addLayout(row)
        self.hide_all()

    def add_trailing(self, widget: QWidget) -> None:
        """The screen's own buttons (receipt, next person), right-aligned below the ways on."""
        self.row.addWidget(widget)

    @property
    def offering(self) -> bool:
        """Whether ways on are shown now."""
        return self.guidance.isVisibleTo(self)

    def hide_all(self) -> None:
        for widget in (self.retry_button, self.other_hand_button, self.face_button, self.case_button):
            widget.setVisible(False)
            widget.setEnabled(True)
        self.guidance.clear()
        self.guidance.setVisible(False)

    def offer(
        self,
        outcome: str,
        *,
        other_hand: str | None,
        face: bool,
        case_reference: str | None = None,
    ) -> None:
        """Show the ways on after ``outcome`` ("retry", "reject", "needs_review", or "capture_failed")."""
        review = outcome == "needs_review"
        self.retry_button.setVisible(not review)
        self.other_hand_button.setVisible(other_hand is not None)
        if other_hand is not None:
            self.other_hand_button.setText(
                translate("Certify", "Switch to: {hand}").format(hand=hand_text(other_hand))
            )
        self.face_button.setVisible(face)
        self.case_button.setVisible(outcome in ("reject", "needs_review"))
        self.case_button.setEnabled(case_reference is None)
        if case_reference is not None:
            text = translate("Certify", "Case {reference} is open: a supervisor will decide.")
            text = text.format(reference=case_reference)
            show_message(self.guidance, text, "success")
        elif review:
            show_message(
                self.guidance,
                translate("Certify", "A supervisor must look at this: open a case, or try the other hand."),
                "warning",
            )
        elif outcome == "reject":
            show_message(
                self.guidance,
                translate("Certify", "Is it this person's card? Try again, the other hand, or a supervisor."),
                "warning",
            )
        else:
            show_message(
                self.guidance,
                translate("Certify", "Lay the palm flat in the middle of the scanner and press Try again."),
                "warning",
            )
        self.guidance.setVisible(True)
        first = next(
            (
                b
                for b in (self.retry_button, self.case_button, self.other_hand_button, self.face_button)
                if b.isVisibleTo(self) and b.isEnabled()
            ),
            None,
        )
        for widget in (self.retry_button, self.other_hand_button, self.face_button, self.case_button):
            widget.setDefault(widget is first)
        if first is not None:
            first.setFocus()
