"""What the clerk can do after a certification that did not pass: never just "next person".

Why a bar of its own: "比对不符" used to end the visit with nothing but 下一位. The ways on are, in
order: another attempt, the other enrolled hand, a face attempt where a face is enrolled, and a
case that a supervisor decides. The bar only shows the ways that exist for this person and says in
one line what to do; the screen decides what each button starts. The safe way on is the default
(Enter presses it); nothing here discards anything.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtWidgets import QApplication, QGridLayout, QVBoxLayout, QWidget

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
        self.case_button = button(translate("Certify", "Supervisor case"), name="certifyCase")
        self.retry_button.clicked.connect(self.retry)
        self.other_hand_button.clicked.connect(self.other_hand)
        self.face_button.clicked.connect(self.face)
        self.case_button.clicked.connect(self.open_case)
        # note: the ways on and the screen's own buttons (receipt, next person: ``add_trailing``)
        # share one grid, two to a row, holding only the buttons shown: at 24 pt they fit the
        # right-hand column and a 768-pixel screen (``relayout`` after any change)
        self.ways = (self.retry_button, self.other_hand_button, self.face_button, self.case_button)
        for widget in self.ways:
            widget.setParent(self)  # note: a button outside the grid must never become a window of its own
        self.trailing: list[QWidget] = []
        self._shown: list[QWidget] | None = None
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guidance)
        layout.addLayout(self.grid)
        self.hide_all()

    def add_trailing(self, widget: QWidget) -> None:
        """One of the screen's own buttons, placed after the ways on."""
        widget.setParent(self)
        self.trailing.append(widget)
        self._shown = None
        self.relayout()

    def relayout(self) -> None:
        """Put the buttons not hidden into the grid, two to a row, in order."""
        shown = [w for w in (*self.ways, *self.trailing) if not w.isHidden()]
        if shown == self._shown:
            return
        self._shown = shown
        focused = QApplication.focusWidget()
        for widget in (*self.ways, *self.trailing):
            self.grid.removeWidget(widget)
        for index, widget in enumerate(shown):
            self.grid.addWidget(widget, index // 2, index % 2)
        if focused is not None and focused in shown:
            focused.setFocus()  # note: moving a button in the grid must not drop the keyboard focus

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
        self.relayout()

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
            # note: short, so the ways on fit at 24 pt; which hand is said in the tooltip and the Hand box
            self.other_hand_button.setText(translate("Certify", "Other hand"))
            self.other_hand_button.setToolTip(hand_text(other_hand))
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
        self.relayout()
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
