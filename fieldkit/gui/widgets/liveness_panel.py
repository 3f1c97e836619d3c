"""The face liveness challenge as the clerk sees it: a big prompt to read out, the gestures' progress,
the camera picture, a "this gesture is not possible" skip, and the outcome in plain words.

Why the prompt is so large and Chinese first: the clerk reads it out to an elderly person across a
table, often in a noisy hall; the person then moves slowly, so the panel says how far the challenge
is rather than rushing them. The skip is visible all the time (one skip, as the challenge allows)
because a stiff neck is common and must not look like failure. The panel does no image work: the
frames and prompt codes come from ``LivenessJob``.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, Qt, pyqtSignal
from PyQt5.QtGui import QImage
from PyQt5.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from fieldkit.gui.widgets.common import button, card, label, show_message
from fieldkit.gui.widgets.preview_widget import FrameView
from matching.liveness.challenge import prompt_text

translate = QCoreApplication.translate
GESTURE_CODES = ("turn_left", "turn_right", "nod", "look_up")


def read_out_hint() -> str:
    """The clerk's instruction while the challenge runs (on the screen's status line)."""
    return translate("Liveness", "Read the prompt out to the person; there is plenty of time.")


def liveness_prompt(code: str) -> str:
    """The prompt in the clerk's language (Chinese through the shipped translation)."""
    return {
        "look_at_camera": translate("Liveness", "Please look straight at the camera"),
        "turn_left": translate("Liveness", "Please turn your head slowly to your left"),
        "turn_right": translate("Liveness", "Please turn your head slowly to your right"),
        "nod": translate("Liveness", "Please lower your head slowly (nod)"),
        "look_up": translate("Liveness", "Please raise your head slowly (look up)"),
        "back_to_centre": translate("Liveness", "Please face the camera again"),
        "done": translate("Liveness", "Done"),
    }.get(code, code)


def face_outcome_text(outcome: str, code: str) -> tuple[str, str]:
    """(sentence, message kind) for the face challenge's verdict."""
    # note: each text on one line, unformatted: pylupdate5 drops a call split over lines with a comma
    attack = translate("Liveness", "Face liveness: suspected presentation attack (a photo or a screen). This certification cannot be accepted: a case is opened for the supervisor.")  # fmt: skip # noqa: E501
    late = translate("Liveness", "Face liveness: the prompt was not followed in time. Repeat the check, or continue and a case is opened (liveness not possible).")  # fmt: skip # noqa: E501
    impossible = translate("Liveness", "Face liveness: not possible. This certification cannot be accepted: a case is opened for the supervisor.")  # fmt: skip # noqa: E501
    if outcome == "live":
        return translate("Liveness", "Face liveness: passed ✔"), "success"
    if outcome == "spoof":
        return attack, "error"
    if code in ("liveness.timeout", "liveness.no_face"):
        return late, "warning"
    return impossible, "warning"


def palm_liveness_text(status: str) -> str:
    """The palm liveness line every certification under a palm policy shows (never silent)."""
    return {
        "live": translate("Liveness", "Palm liveness: passed ✔"),
        "spoof": translate("Liveness", "Palm liveness: suspected presentation attack"),
        "not_available": translate("Liveness", "Palm liveness: not supported by this device (recorded)"),
    }.get(status, status)


class LivenessPanel(QWidget):
    """Shown on the certification screen while the face challenge runs, and with its outcome."""

    skip_requested = pyqtSignal()
    repeat_requested = pyqtSignal()
    continue_requested = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, box = card()
        self.heading = label(translate("Liveness", "Face liveness check"), "subtitle", name="livenessHeading")
        self.prompt = label("", "big", name="livenessPrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.spoken = label("", "muted", name="livenessSpoken")  # note: the Chinese words in an English UI
        self.spoken.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # note: steps in words and marks (✔ done, ● now, ○ to come), not a bar whose text the style clips
        self.progress = label("", "subtitle", name="livenessProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = FrameView()
        self.outcome = label("", "muted", name="livenessOutcome")
        self.skip_button = button(
            translate("Liveness", "This gesture is not possible (neck stiffness)"), name="livenessSkip"
        )
        self.skip_button.clicked.connect(self.skip_requested)
        self.repeat_button = button(
            translate("Liveness", "Repeat the check"), "primary", name="livenessRepeat"
        )
        self.repeat_button.clicked.connect(self.repeat_requested)
        self.continue_button = button(
            translate("Liveness", "Continue (a case is opened)"), name="livenessContinue"
        )
        self.continue_button.clicked.connect(self.continue_requested)
        box.addWidget(self.heading)
        box.addWidget(self.prompt)
        box.addWidget(self.spoken)
        box.addWidget(self.progress)
        box.addWidget(self.view, 1)
        box.addWidget(self.outcome)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.repeat_button)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self.code = ""
        self.steps = (0, 3)
        self.begin()

    def begin(self) -> None:
        """Ready for a new challenge."""
        self.code = "look_at_camera"
        self._set_prompt(self.code)
        self.show_steps(0, 3)
        self.view.clear()
        self.view.show()
        self.prompt.show()
        self.outcome.clear()
        self.outcome.hide()
        self.skip_button.setEnabled(False)
        self.skip_button.show()
        self.repeat_button.hide()
        self.continue_button.hide()

    def _set_prompt(self, code: str) -> None:
        text = liveness_prompt(code)
        self.prompt.setText(text)
        chinese = (
            prompt_text(code) if code in ("look_at_camera", "back_to_centre", "done", *GESTURE_CODES) else ""
        )
        self.spoken.setText(chinese if chinese and chinese != text else "")
        self.spoken.setVisible(bool(self.spoken.text()))

    def show_steps(self, done: int, total: int) -> None:
        """ "Gesture 2 of 3  ✔ ● ○": which gesture is asked now, and how many are done."""
        marks = " ".join("✔" if i < done else "●" if i == done else "○" for i in range(total))
        words = translate("Liveness", "Gesture {n} of {total}").format(n=min(done + 1, total), total=total)
        self.progress.setText(f"{words}   {marks}")
        self.steps = (done, total)

    def show_frame(self, image: QImage) -> None:
        self.view.show_frame(image, None)

    def show_prompt(self, code: str, done: int, total: int, skips_left: int) -> None:
        self.code = code
        self._set_prompt(code)
        self.show_steps(done, total)
        self.skip_button.setEnabled(skips_left > 0 and code in GESTURE_CODES)

    def show_outcome(self, outcome: str, code: str, reason: str) -> None:
        """The verdict; after a time-out the clerk may repeat the check or go on (and a case opens)."""
        text, kind = face_outcome_text(outcome, code)
        self.prompt.setText(liveness_prompt("done") if outcome == "live" else "")
        self.prompt.setVisible(outcome == "live")
        self.spoken.hide()
        self.view.hide()
        self.skip_button.hide()
        show_message(self.outcome, text, kind)
        self.outcome.setToolTip(reason)
        self.outcome.show()
        again = code in ("liveness.timeout", "liveness.no_face")
        self.repeat_button.setVisible(again)
        self.continue_button.setVisible(again)
        if again:
            self.repeat_button.setFocus()

    def show_stopped(self) -> None:
        """The challenge was interrupted (the clerk left the screen): repeat it, nothing was kept."""
        self.view.hide()
        self.prompt.hide()
        self.spoken.hide()
        self.skip_button.hide()
        show_message(
            self.outcome,
            translate("Liveness", "The face liveness check was interrupted; nothing was kept. Repeat it."),
            "warning",
        )
        self.outcome.show()
        self.repeat_button.show()
        self.continue_button.hide()
