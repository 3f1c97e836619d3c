"""Enrolment steps 3-5: the face, then the left and the right palm (several samples each).

Why auto-capture and a check after each hand: the capture loop keeps the first frame good enough
(``best_frame``), so the clerk never presses a shutter while holding a trembling hand; once a hand's
samples are in, ``check_hand`` (the workflow's own gate) runs on the compute pool and a hand whose
samples disagree is retaken at once, while the person is still there — not discovered at the save.
A hand that cannot be captured (injury, amputation, refusal) is recorded with its reason instead.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QTimer
from PyQt5.QtGui import QImage
from PyQt5.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout

from fieldkit.gui.capture_job import CaptureJob, to_qimage
from fieldkit.gui.errors import describe
from fieldkit.gui.screens.certification_liveness import LivenessStep
from fieldkit.gui.screens.enrollment_draft import Image, WizardHost, WizardStep
from fieldkit.gui.texts import failure_text, hand_text
from fieldkit.gui.widgets.common import button, label, show_message
from fieldkit.gui.widgets.liveness_panel import LivenessPanel, read_out_hint
from fieldkit.gui.widgets.preview_widget import PreviewWidget
from fieldkit.services.liveness import PALM_FRAMES
from fieldkit.workflows.enrollment import FAILURE_REASONS, HandResult, check_face, check_hand
from fieldkit.workflows.liveness import LivenessEvidence

translate = QCoreApplication.translate


class _CaptureStep(WizardStep):
    """Shared layout: title, preview, message line, and a row of buttons."""

    kind = "palm"

    def __init__(self, wizard: WizardHost, heading: str) -> None:
        super().__init__(wizard)
        self.preview = PreviewWidget(self.kind)
        self.message = label("", "", name=f"{self.key}Message")
        self.retake_button = button(translate("Capture", "Capture again"), name=f"{self.key}Retake")
        self.retake_button.clicked.connect(self.retake)
        self.next_button = button(translate("Capture", "Next"), "primary", name=f"{self.key}Next")
        self.next_button.clicked.connect(self.completed)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.retake_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.next_button)
        self.job: CaptureJob | None = None
        layout = self.column = QVBoxLayout(self)
        # note: the step bar names the step; the heading is kept for screen readers, and the room
        # goes to the preview (a 768-pixel screen at 24 pt)
        self.setAccessibleName(heading)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)

    def _start(self, **settings: float) -> None:
        if self.job is not None:
            self.job.cancel()
        session = self.wizard.session
        self.preview.set_simulated(
            session.hub.state(f"{self.kind}_camera" if self.kind == "face" else "palm_scanner").simulated
        )
        sequence = PALM_FRAMES if self.kind == "palm" and self._palm_pad() else 0
        job = self.job = CaptureJob(
            session.hub,
            self.kind,
            parent=self,
            sequence=sequence,
            **settings,  # type: ignore[arg-type]
        )
        job.preview.connect(self.preview.show_frame)
        # note: a stopped job may still answer late; only the current job's answer counts
        job.captured.connect(lambda image: self._captured(image) if self.job is job else None)
        job.failed.connect(lambda error: self._capture_failed(error) if self.job is job else None)
        job.start()

    def _palm_pad(self) -> bool:
        """Whether the enrolment policy asks for palm liveness (the job then keeps a sequence)."""
        return self.wizard.session.policy.liveness.for_enrolment().palm != "off"

    def leave(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def retake(self) -> None:
        raise NotImplementedError

    def _captured(self, image: Image) -> None:
        raise NotImplementedError

    def _capture_failed(self, error: BaseException) -> None:
        if getattr(error, "code", "") == "capture.cancelled":
            return
        show_message(self.message, describe(error).full(), "error")
        self.retake_button.setEnabled(True)
        self.retake_button.setFocus()


class FaceStep(_CaptureStep):
    key = "face"
    kind = "face"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard, translate("Enrolment", "Step 3: the face"))
        self.preview.set_caption(translate("Capture", "Ask the person to look at the camera."))
        self.skip_button = button(translate("Capture", "Skip the face"), name="faceSkip")
        self.skip_button.clicked.connect(self.skip)
        self.buttons.insertWidget(1, self.skip_button)
        # note: the face challenge the enrolment policy requires runs first on the same camera (as
        # in certification); its evidence goes into the draft, and the save holds the enrolment
        # with a case when it failed or was never done
        self.liveness_panel = LivenessPanel()
        self.liveness_panel.hide()
        self.liveness = LivenessStep(wizard.session.hub, self.liveness_panel, self._liveness_done)
        self.liveness.ended.connect(self._liveness_ended)
        self.column.insertWidget(0, self.liveness_panel, 0)

    def _challenge_needed(self) -> bool:
        policy = self.wizard.session.policy.liveness.for_enrolment()
        return policy.face_active == "required" and self.draft.liveness is None

    def enter(self) -> None:
        draft = self.draft
        if draft.liveness is None and draft.face_image is None and not draft.face_skipped:
            self.liveness_panel.hide()  # note: a new person: the last one's outcome is not theirs
        if self._challenge_needed() and draft.face_image is None and not draft.face_skipped:
            self.preview.hide()
            self.next_button.setEnabled(False)
            self.column.setStretchFactor(self.liveness_panel, 1)
            show_message(self.message, read_out_hint(), "progress")
            self.liveness.start(self.wizard.session.policy.liveness.for_enrolment())
            return
        self._enter_capture()

    def leave(self) -> None:
        super().leave()
        self.liveness.stop()

    def _liveness_ended(self) -> None:
        self.column.setStretchFactor(self.liveness_panel, 0)
        self.message.setText("")

    def _liveness_done(self) -> None:
        evidence = self.liveness.evidence or LivenessEvidence()
        self.draft.liveness = LivenessEvidence(face=evidence.face, face_verdict=evidence.face_verdict)
        self.preview.show()
        self._enter_capture()

    def _enter_capture(self) -> None:
        draft = self.draft
        if draft.face_image is not None:
            self._show_done(draft.face_image)
        elif draft.face_skipped:
            show_message(
                self.message, translate("Capture", "The face is skipped; the palms will be enrolled.")
            )
            self.next_button.setEnabled(True)
        else:
            self.retake()

    def retake(self) -> None:
        self.draft.face_image, self.draft.face_skipped = None, False
        self.preview.reset()
        show_message(self.message, translate("Capture", "Looking for the face…"), "progress")
        self.next_button.setEnabled(False)
        self._start(timeout=10.0)

    def skip(self) -> None:
        self.leave()
        self.preview.show()
        self.draft.face_image, self.draft.face_skipped = None, True
        self.completed.emit()

    def _captured(self, image: Image) -> None:
        show_message(self.message, translate("Capture", "Checking the picture…"), "progress")
        self.wizard.session.tasks.compute(
            lambda: check_face(image), lambda _: self._accept(image), self._capture_failed, owner=self
        )

    def _accept(self, image: Image) -> None:
        self.draft.face_image = image
        self._show_done(image)

    def _show_done(self, image: Image) -> None:
        self.preview.show_still(to_qimage(image), translate("Capture", "Face captured ✔"))
        self.message.setText("")
        self.next_button.setEnabled(True)
        self.next_button.setFocus()


class PalmStep(_CaptureStep):
    """One hand: ``samples_per_hand`` auto-captured samples, then the consistency check."""

    def __init__(self, wizard: WizardHost, hand: str) -> None:
        self.hand = hand
        self.key = hand
        number = 4 if hand == "left" else 5
        super().__init__(
            wizard, translate("Enrolment", "Step {n}: {hand}").format(n=number, hand=hand_text(hand))
        )
        self.reason = QComboBox()
        self.reason.setObjectName(f"{hand}Reason")
        for code in FAILURE_REASONS:
            self.reason.addItem(failure_text(code), code)
        self.cannot_button = button(
            translate("Capture", "This hand cannot be captured"), name=f"{hand}Cannot"
        )
        self.cannot_button.clicked.connect(self.cannot)
        self.buttons.insertWidget(1, self.reason)
        self.buttons.insertWidget(2, self.cannot_button)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @property
    def needed(self) -> int:
        return self.wizard.session.policy.samples_per_hand

    def _caption(self) -> None:
        count = len(self.draft.samples[self.hand])
        self.preview.set_caption(
            translate("Capture", "{hand}: sample {n} of {total}").format(
                hand=hand_text(self.hand), n=min(count + 1, self.needed), total=self.needed
            )
        )

    def enter(self) -> None:
        self.wizard.session.hub.present(self.draft.id_number, self.hand)
        draft = self.draft
        if self.hand in draft.hands:
            self._caption()
            show_message(
                self.message,
                translate("Capture", "{hand} done ✔").format(hand=hand_text(self.hand)),
                "success",
            )
            self.next_button.setEnabled(True)
            self.next_button.setFocus()
        elif self.hand in draft.failures:
            self.message.setText(
                translate("Capture", "Not captured: {reason}.").format(
                    reason=failure_text(draft.failures[self.hand])
                )
            )
            self.next_button.setEnabled(True)
        else:
            self.retake()

    def retake(self) -> None:
        """Capture again: after a device problem the samples already kept stay (nothing is lost);
        otherwise the hand starts over."""
        draft = self.draft
        kept = draft.samples[self.hand]
        if self.hand not in draft.hands and 0 < len(kept) < self.needed and not self.running:
            self._next_sample()
            return
        draft.samples[self.hand] = []
        draft.palm_frames.pop(self.hand, None)
        draft.hands.pop(self.hand, None)
        draft.failures.pop(self.hand, None)
        draft.duplicates = None
        self.preview.reset()
        self.next_button.setEnabled(False)
        self._next_sample()

    def _next_sample(self) -> None:
        self._caption()
        show_message(
            self.message,
            translate("Capture", "Lay the hand flat on the scanner, fingers spread."),
            "progress",
        )
        self._start(timeout=10.0)

    def cannot(self) -> None:
        self.leave()
        draft = self.draft
        draft.samples[self.hand] = []
        draft.palm_frames.pop(self.hand, None)
        draft.hands.pop(self.hand, None)
        draft.failures[self.hand] = str(self.reason.currentData())
        draft.duplicates = None
        self.completed.emit()

    def _captured(self, image: Image) -> None:
        samples = self.draft.samples[self.hand]
        samples.append(image)
        if self.job is not None and len(self.job.frames) > 1:  # the still hand, for palm liveness
            self.draft.palm_frames[self.hand] = list(self.job.frames)
        still: QImage = to_qimage(image)
        self.preview.show_still(
            still,
            translate("Capture", "Sample {n} kept ✔ — lift the hand.").format(n=len(samples)),
            keep_outline=True,
        )
        if len(samples) < self.needed:
            QTimer.singleShot(400, self._next_if_current)
            return
        show_message(self.message, translate("Capture", "Checking that the samples agree…"), "progress")
        session = self.wizard.session
        context, hand, needed = session.context, self.hand, self.needed
        images = list(samples)
        session.tasks.compute(
            lambda: check_hand(hand, images, context, samples=needed),  # type: ignore[arg-type]
            self._checked,
            self._check_failed,
            owner=self,
        )

    def _next_if_current(self) -> None:
        if self.wizard.current_step() is self and len(self.draft.samples[self.hand]) < self.needed:
            self._next_sample()

    def _checked(self, result: HandResult) -> None:
        self.draft.hands[self.hand] = result
        show_message(
            self.message, translate("Capture", "{hand} done ✔").format(hand=hand_text(self.hand)), "success"
        )
        self.next_button.setEnabled(True)
        self.next_button.setFocus()

    def _check_failed(self, error: BaseException) -> None:
        self.draft.samples[self.hand] = []
        # note: "sample 3 kept ✔" must not stay beside "the samples do not agree" (issue 17, item 7)
        self.preview.reset(waiting=False)
        show_message(self.message, describe(error).full(), "error")
        self.retake_button.setFocus()
