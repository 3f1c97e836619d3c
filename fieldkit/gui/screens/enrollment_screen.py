"""The enrolment wizard: card → roster → face → left palm → right palm → duplicates → sign → receipt.

Why a fixed sequence with a visible step bar: a clerk enrolling dozens of elderly people a day must
always know where they are and what comes next; each page does one thing and offers one obvious
button. The steps, the draft and the navigation are Qt-free (``fieldkit.services.enrolment_wizard``); this
screen maps each step name to a page. The pages only collect; the wizard's ``save`` stores everything
at once. "Start over" throws the unsaved draft away after asking.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtWidgets import QApplication, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from fieldkit.gui.screens.enrollment_capture_steps import FaceStep, PalmStep
from fieldkit.gui.screens.enrollment_draft import WizardStep
from fieldkit.gui.screens.enrollment_finish_steps import DuplicateStep, ReceiptStep, ReviewStep
from fieldkit.gui.screens.enrollment_identity_steps import CardStep, MatchStep
from fieldkit.gui.session import Session
from fieldkit.gui.widgets.common import button, confirm_destructive, label, set_role
from fieldkit.services.enrolment_wizard import STEPS, EnrolmentDraft, EnrolmentWizard

translate = QCoreApplication.translate


def step_names() -> dict[str, str]:
    return {
        "card": translate("Enrolment", "ID card"),
        "match": translate("Enrolment", "Roster"),
        "face": translate("Enrolment", "Face"),
        "left": translate("Enrolment", "Left palm"),
        "right": translate("Enrolment", "Right palm"),
        "duplicates": translate("Enrolment", "Duplicates"),
        "review": translate("Enrolment", "Sign"),
        "receipt": translate("Enrolment", "Receipt"),
    }


class EnrollmentScreen(QWidget):
    """The wizard; ``certify_instead`` asks the window to open certification for this person."""

    certify_instead = pyqtSignal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.state = EnrolmentWizard()
        self.stack = QStackedWidget()
        self.steps: list[WizardStep] = [
            CardStep(self),
            MatchStep(self),
            FaceStep(self),
            PalmStep(self, "left"),
            PalmStep(self, "right"),
            DuplicateStep(self),
            ReviewStep(self),
            ReceiptStep(self),
        ]
        for step in self.steps:
            self.stack.addWidget(step)
            step.completed.connect(self.advance)
        names = step_names()
        self.markers = [label(names[key], "muted", wrap=False) for key in STEPS]
        bar = QHBoxLayout()
        for index, marker in enumerate(self.markers):
            if index:
                bar.addWidget(label("›", "muted", wrap=False))
            bar.addWidget(marker)
        bar.addStretch(1)
        self.back_button = button(translate("Enrolment", "Back"), name="wizardBack")
        self.back_button.clicked.connect(self.back)
        self.restart_button = button(translate("Enrolment", "Start over"), "danger", name="wizardRestart")
        self.restart_button.clicked.connect(self.ask_restart)
        # note: Back and Start over share the step bar's row, far from each page's primary button at
        # the bottom right, and a row of height is kept for the page on a 768-pixel screen
        bar.addWidget(self.back_button)
        bar.addWidget(self.restart_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # note: the scroll area around the screen has margins
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._show(0)

    # -- navigation ---------------------------------------------------------------------------------
    @property
    def draft(self) -> EnrolmentDraft:
        return self.state.draft

    @draft.setter
    def draft(self, draft: EnrolmentDraft) -> None:
        self.state.draft = draft

    def current_step(self) -> WizardStep:
        return self.steps[self.state.index]

    def step(self, key: str) -> WizardStep:
        return self.steps[STEPS.index(key)]

    @property
    def step_index(self) -> int:
        """Where the wizard stands (kept across a rebuild in another language)."""
        return self.state.index

    def show_step(self, index: int) -> None:
        """Go to a step by position (the window uses it to restore a draft after a rebuild)."""
        self._show(index)

    def _show(self, index: int) -> None:
        self.current_step().leave()
        self.state.go(index)
        self.stack.setCurrentIndex(index)
        names = step_names()
        for position, (marker, key) in enumerate(zip(self.markers, STEPS, strict=True)):
            # note: only the current step is named in full, so the bar fits 1366 pixels at 24 pt
            current = position == index
            marker.setText(f"{position + 1}. {names[key]}" if current else str(position + 1))
            marker.setToolTip(names[key])
            set_role(marker, "title" if current else "muted")
        self.back_button.setEnabled(self.state.can_go_back)
        self.restart_button.setVisible(self.state.current != "receipt")
        self.current_step().enter()
        self._focus_step()

    def _focus_step(self) -> None:
        """Keep keyboard focus on the shown page: its primary button, else the page itself.

        note: when the pressed button's page is hidden Qt hands focus to the next widget in the tab
        chain, which used to be the red "Start over" (issue 17, item 2); a page that is still busy
        takes focus itself, so Enter then does nothing instead of something unexpected.
        """
        step = self.current_step()
        focused = QApplication.focusWidget()
        if focused is not None and focused is not step and step.isAncestorOf(focused) and focused.isVisible():
            return
        step.focus_target().setFocus()

    def advance(self) -> None:
        before = self.state.index
        if self.state.next() != STEPS[before]:
            self.state.go(before)  # note: _show leaves the old page before it moves
            self._show(before + 1)

    def back(self) -> None:
        before = self.state.index
        if self.state.back() != STEPS[before]:
            self.state.go(before)
            self._show(before - 1)

    def restart(self) -> None:
        """Forget the draft and begin again with the card."""
        self.current_step().leave()
        self.state.restart()
        self.session.hub.present(None)
        card_step = self.step("card")
        assert isinstance(card_step, CardStep)
        card_step.input.clear()
        self._show(0)

    def ask_restart(self) -> None:
        """Ask before discarding a draft; the question defaults to No (Enter keeps the draft)."""
        if self.draft.in_progress:
            self.restart_question = confirm_destructive(
                self,
                translate("Enrolment", "Start over?"),
                translate("Enrolment", "Nothing has been saved for this person yet. Throw it away?"),
                self.restart,
            )
            return
        self.restart()

    def prefill(self, id_number: str, name: str) -> None:
        """Start an enrolment with typed details (from the Today list)."""
        if self.draft.in_progress:
            return
        self.restart()
        card_step = self.step("card")
        assert isinstance(card_step, CardStep)
        card_step.input.prefill(id_number, name)

    def pause(self) -> None:
        """Stop captures (the window was locked or another screen shown); the draft is kept."""
        self.current_step().leave()

    def resume(self) -> None:
        self.current_step().enter()

    # -- facts for the save -------------------------------------------------------------------------
    def device_name(self) -> str:
        hub = self.session.hub
        return "+".join(hub.state(role).driver for role in ("palm_scanner", "face_camera"))

    def place(self) -> str:
        config = self.session.config
        return config.place or config.team
