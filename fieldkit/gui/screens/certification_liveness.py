"""The liveness part of a certification visit: run the face challenge the policy requires, keep its
evidence for the visit, and add the palm report when the certification is decided.

Why apart from the certification screen: the screen already owns the card, the captures and the
answer; this step owns the challenge's job and panel and hands back ``LivenessEvidence`` for the
same ``certify`` call the CLI makes (so the workflow opens the presentation-attack or
"liveness not possible" case, never an accept). The evidence is kept for the whole visit: a
"Try again" of the palm does not make the person repeat the gestures.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtCore import QObject, pyqtSignal
from PyQt5.QtGui import QImage

from fieldkit.devices.hub import DeviceHub
from fieldkit.gui.errors import describe
from fieldkit.gui.liveness_job import LivenessJob
from fieldkit.gui.widgets.liveness_panel import LivenessPanel, palm_liveness_text
from fieldkit.services.liveness import device_palm_evidence
from fieldkit.workflows.liveness import LivenessEvidence, LivenessPolicy


class LivenessStep(QObject):
    """``start`` the challenge; ``done`` is called once the clerk may go on to the captures."""

    ended = pyqtSignal()  # the challenge stopped (any outcome): the panel now shows the outcome

    def __init__(self, hub: DeviceHub, panel: LivenessPanel, done: Callable[[], None]) -> None:
        super().__init__(panel)
        self.hub, self.panel, self._done = hub, panel, done
        self.policy = LivenessPolicy()
        self.evidence: LivenessEvidence | None = None
        self.job: LivenessJob | None = None
        panel.skip_requested.connect(self.skip)
        panel.repeat_requested.connect(self.repeat)
        panel.continue_requested.connect(self._go_on)

    def needs_face(self, policy: LivenessPolicy) -> bool:
        return policy.face_active == "required"

    def reset(self) -> None:
        self.stop()
        self.evidence = None
        self.panel.hide()

    def stop(self) -> None:
        """Stop a running challenge (the screen was left or the visit reset): nothing is kept, and
        the panel offers to repeat it rather than showing a prompt nobody answers."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
            self.panel.show_stopped()

    def start(self, policy: LivenessPolicy) -> None:
        """Run the face challenge (the panel shows it); the evidence is kept when it ends."""
        self.stop()
        self.policy, self.evidence = policy, None
        self.panel.begin()
        self.panel.show()
        job = self.job = LivenessJob(self.hub, policy, parent=self)
        job.preview.connect(lambda image, job=job: self._preview(job, image))
        job.prompted.connect(lambda *shown, job=job: self._prompted(job, *shown))
        job.finished.connect(lambda evidence, job=job: self._finished(job, evidence))
        job.failed.connect(lambda error, job=job: self._failed(job, error))
        job.start()

    def _preview(self, job: LivenessJob, image: QImage) -> None:
        if self.job is job:
            self.panel.show_frame(image)

    def _prompted(self, job: LivenessJob, code: str, done: int, total: int, skips: int) -> None:
        if self.job is job:
            self.panel.show_prompt(code, done, total, skips)

    def skip(self) -> None:
        if self.job is not None:
            self.panel.skip_button.setEnabled(False)  # note: one press, one skip
            self.job.request_skip()

    def repeat(self) -> None:
        self.start(self.policy)

    def _finished(self, job: LivenessJob, evidence: LivenessEvidence) -> None:
        if self.job is not job:
            return
        self.job, self.evidence = None, evidence
        verdict = evidence.face_verdict
        outcome, code, reason = (
            (verdict.outcome, verdict.code, verdict.reason) if verdict else ("not_possible", "", "")
        )
        self.panel.show_outcome(outcome, code, reason)
        self.ended.emit()
        if code not in ("liveness.timeout", "liveness.no_face"):
            self._done()  # note: after a time-out the clerk chooses: repeat, or go on (a case)

    def _failed(self, job: LivenessJob, error: BaseException) -> None:
        if self.job is not job:
            return
        self.job = None
        self.panel.show_outcome("not_possible", "liveness.timeout", str(error))
        self.panel.outcome.setText(describe(error).full())
        self.ended.emit()

    def _go_on(self) -> None:
        self.panel.repeat_button.hide()
        self.panel.continue_button.hide()
        self._done()

    def for_certify(
        self, policy: LivenessPolicy, palm_image: object | None, palm_frames: list[object] | None = None
    ) -> LivenessEvidence | None:
        """The evidence for ``certify`` (call on a worker thread: the palm checks look at the kept
        frame and the frames after it); None when the policy requires nothing."""
        if not policy.any_required:
            return None
        face = self.evidence or LivenessEvidence()
        evidence = LivenessEvidence(face=face.face, face_verdict=face.face_verdict)
        if policy.palm != "off":
            scanner = self.hub.get("palm_scanner")
            evidence.palm = device_palm_evidence(scanner, palm_image, palm_frames)  # type: ignore[arg-type]
        return evidence


def palm_line(evidence: dict[str, object]) -> str:
    """The palm liveness sentence of a recorded certification's evidence ("" when none was run)."""
    liveness = evidence.get("liveness")
    palm = liveness.get("palm") if isinstance(liveness, dict) else None
    return palm_liveness_text(str(palm.get("status"))) if isinstance(palm, dict) else ""
