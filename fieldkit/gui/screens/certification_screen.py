"""Certification ("proof of life"): card, palm (and face) on one screen, and a big clear answer.

Why one screen that starts by itself: the target is a few seconds of the retiree's time. Reading the
card starts the palm capture at once (and the face capture, when a face is enrolled), the decision
runs as soon as the palm is in, and the answer fills the screen: accepted / try again / needs
review / not matched, with the reason in words. The decision is the workflow's ``certify`` on the
store thread; "Try again" counts the attempt, so the policy's last attempt ends in review, not a
loop. A home visit (witness, photo, place, time), a delegated certification (office, documents) and
a person without a card (approval) are chosen and filled in on the left (``VisitPaths``).
"""

from __future__ import annotations

import time

from PyQt5.QtCore import QCoreApplication, pyqtSignal
from PyQt5.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from capture.devices import CardRecord
from fieldkit.errors import UserError
from fieldkit.gui.capture_job import CaptureJob
from fieldkit.gui.errors import describe
from fieldkit.gui.screens.certification_liveness import LivenessStep, palm_line
from fieldkit.gui.screens.certification_paperwork import CertificationPaperwork
from fieldkit.gui.session import Session
from fieldkit.gui.texts import attempt_text, hand_text
from fieldkit.gui.widgets.card_input import CardInput
from fieldkit.gui.widgets.common import button, card, label, show_message, title
from fieldkit.gui.widgets.followup_bar import FollowUpBar
from fieldkit.gui.widgets.liveness_panel import LivenessPanel, read_out_hint
from fieldkit.gui.widgets.preview_widget import PreviewWidget
from fieldkit.gui.widgets.result_banner import ResultBanner
from fieldkit.gui.widgets.visit_paths import VisitPaths
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.services.certify_followup import modalities_used
from fieldkit.services.liveness import PALM_FRAMES
from fieldkit.services.visit import CertifyCheck, check_for_certification
from fieldkit.workflows import certification
from fieldkit.workflows.certification import CertificationOutcome
from fieldkit.workflows.exceptions import Delegation, HomeVisit, NoCardApproval

translate = QCoreApplication.translate
FACE_SECONDS = 4.0
FACE_ONLY_SECONDS = 10.0  # a face attempt of its own: time to turn towards the camera


class CertificationScreen(CertificationPaperwork):
    """One visit; ``enrol_instead`` asks the window to enrol someone who is not enrolled yet."""

    enrol_instead = pyqtSignal(str, str)
    decided = pyqtSignal(object)  # the CertificationOutcome (tests and the status bar listen)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.check: CertifyCheck | None = None
        self.attempt = 1
        self.palm_image: object | None = None
        self.palm_frames: list[object] = []  # the still hand after the kept frame (palm liveness)
        self.face_image: object | None = None
        self.jobs: dict[str, CaptureJob] = {}
        self.started = 0.0
        self.outcome: CertificationOutcome | None = None
        self.face_only = False  # the current attempt compares the face alone
        self.case_reference: str | None = None

        self.input = CardInput(session, compact=True)
        self.input.card_ready.connect(self._card_ready)
        self.person = label("", "subtitle", name="certifyPerson")
        self.hand = QComboBox()
        self.hand.setObjectName("certifyHand")
        self.paths = VisitPaths(session)
        self.evidence: tuple[HomeVisit | None, Delegation | None, NoCardApproval | None] = (None, None, None)

        left, left_layout = card()
        left_layout.addWidget(label(self.tr("1. ID card"), "subtitle"))
        left_layout.addWidget(self.input)
        left_layout.addWidget(self.person)
        hand_row = QHBoxLayout()
        hand_row.addWidget(label(self.tr("Hand")))
        hand_row.addWidget(self.hand, 1)
        left_layout.addLayout(hand_row)
        left_layout.addWidget(self.paths)
        left_layout.addStretch(1)

        self.palm_preview = PreviewWidget("palm")
        self.palm_preview.set_caption(self.tr("2. Palm"))
        self.face_preview = PreviewWidget("face")
        self.face_preview.set_caption(self.tr("Face"))
        self.banner = ResultBanner()
        self.status = label("", "muted", name="certifyStatus")
        self.followup = FollowUpBar()
        self.retry_button = self.followup.retry_button
        self.followup.retry.connect(self.try_again)
        self.followup.other_hand.connect(self.try_other_hand)
        self.followup.face.connect(self.try_face)
        self.followup.open_case.connect(self.open_case)
        self.receipt_button = button(self.tr("Print the receipt…"), "primary", name="certifyReceipt")
        self.receipt_button.clicked.connect(self.show_receipt)
        self.reprint_button = button(self.tr("Reprint the receipt…"), "primary", name="certifyReprint")
        self.reprint_button.clicked.connect(self._reprint)
        self.receipt_dialog: QDialog | None = None
        # note: a rejected or held retiree gets paper too: the signed result notice (认证结果告知单)
        self.slip_button = button(self.tr("Print notice…"), name="certifySlip")
        self.slip_button.clicked.connect(self.print_slip)
        self.enrol_button = button(self.tr("Enrol this person"), name="certifyEnrol")
        self.enrol_button.clicked.connect(self._enrol_instead)
        self.next_button = button(self.tr("Next person"), name="certifyNext")
        self.next_button.clicked.connect(self.reset)

        self.liveness_panel = LivenessPanel()
        self.liveness = LivenessStep(session.hub, self.liveness_panel, self._liveness_done)
        self.liveness.ended.connect(self._liveness_ended)
        previews = QHBoxLayout()
        previews.addWidget(self.palm_preview, 1)
        previews.addWidget(self.face_preview, 1)
        right = QVBoxLayout()
        right.addWidget(self.liveness_panel, 0)
        right.addLayout(previews, 1)
        self.right, self.previews = right, previews
        right.addWidget(self.banner)
        right.addWidget(self.status)
        right.addWidget(self.followup)
        right.addStretch(0)  # note: takes the pictures' room while a result is shown (``_pictures``)
        for widget in (self.enrol_button, self.receipt_button, self.slip_button, self.reprint_button,
                       self.next_button):  # fmt: skip
            self.followup.add_trailing(widget)
        body = QHBoxLayout()
        body.addWidget(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # note: the scroll area around the screen has margins
        top = QHBoxLayout()
        top.addWidget(title(self.tr("Certification")))
        top.addSpacing(12)
        top.addWidget(self.paths.choices, 1)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.reset()

    # -- the visit ----------------------------------------------------------------------------------
    def reset(self) -> None:
        """Ready for the next person."""
        self.pause()
        self.check, self.outcome, self.attempt = None, None, 1
        self.face_only, self.case_reference = False, None
        self.palm_image = self.face_image = None
        self.palm_frames = []
        self.input.clear()
        self.person.clear()
        self.hand.clear()
        self.banner.clear()
        show_message(self.status, self.tr("Read the card to begin."), "info")
        self.followup.hide_all()
        self.palm_preview.reset(waiting=False)
        self.face_preview.reset(waiting=False)
        self._pictures(True)
        self.paths.reset()
        self.liveness.reset()
        self.evidence = (None, None, None)
        for widget in (self.receipt_button, self.slip_button, self.reprint_button, self.enrol_button):
            widget.setVisible(False)
        self.session.hub.present(None)
        self.input.refresh_device()
        self.input.read_button.setFocus()
        self.followup.relayout()

    def prefill(self, id_number: str, name: str) -> None:
        self.reset()
        self.input.prefill(id_number, name)

    def pause(self) -> None:
        self.liveness.stop()
        for job in self.jobs.values():
            job.cancel()
        self.jobs.clear()

    def _card_ready(self, record: CardRecord) -> None:
        self.pause()
        self.banner.clear()
        try:
            # note: the path's evidence is checked before any capture: a missing witness is said now
            self.evidence = self.paths.evidence()
        except UserError as error:
            show_message(
                self.status,
                describe(error).full() + "\n" + self.tr("Complete the form, then read the card again."),
                "error",
            )
            self.input.read_button.setEnabled(True)
            return
        self.started = time.monotonic()
        self.followup.hide_all()
        show_message(self.status, self.tr("Looking the person up…"), "progress")
        store, cycle = self.session.require_store(), self.session.cycle
        self.session.tasks.store(
            lambda: check_for_certification(store, record, cycle=cycle),
            self._checked,
            self._failed,
            owner=self,
        )

    def _checked(self, check: CertifyCheck) -> None:
        self.check, self.attempt = check, 1
        record = check.identification.card
        self.person.setText(f"{record.name} · {mask_id_number(record.id_number)}")  # note: a public hall
        if not check.enrolled:
            cases = ", ".join(check.hold.cases)
            if check.hold.kind == "open_review":  # note: enrolling again would be refused; a decision helps
                why = self.tr(
                    "The enrolment is held for review: a supervisor must first decide case {cases}."
                )
            elif check.hold.kind == "rejected":
                why = self.tr(
                    "The enrolment was rejected on review (case {cases}): this person cannot be certified; "
                    "call the supervisor."
                )
            else:
                why = self.tr("This person has no usable enrolment: enrol them first.")
            self.banner.show_result(
                "enrolment_held" if check.hold.kind else "not_enrolled", why.format(cases=cases)
            )
            self.enrol_button.setVisible(not check.hold.kind)
            self.followup.relayout()
            self.status.clear()
            return
        if check.certified_on:
            self.banner.show_result(
                "already_certified",
                self.tr("Already certified this year on {date} at {place}.").format(
                    date=check.certified_on, place=check.certified_at or "—"
                ),
            )
            self.status.clear()
            # note: a lost receipt is reprinted from here; once the original was printed it is a copy
            self.reprint_button.setVisible(bool(check.receipt_number))
            self.followup.relayout()
            if check.receipt_number:
                self.reprint_button.setFocus()
            return
        self.hand.blockSignals(True)
        self.hand.clear()
        for hand in sorted(check.enrolled_hands, key=lambda h: h != "right"):
            self.hand.addItem(hand_text(hand), hand)
        self.hand.blockSignals(False)
        policy = self.session.policy.liveness
        if self.liveness.needs_face(policy) and self.liveness.evidence is None:
            # note: the challenge comes first, on the face camera; the captures follow when it ends
            self._pictures(False)
            self.right.setStretchFactor(self.liveness_panel, 1)
            show_message(self.status, read_out_hint(), "progress")
            self.liveness.start(policy)
            return
        self.start_captures()

    def _liveness_ended(self) -> None:
        # note: the panel shrinks to its outcome; the status line's "read it out" is over
        self.right.setStretchFactor(self.liveness_panel, 0)
        self.status.clear()

    def _liveness_done(self) -> None:
        self.start_captures()

    def start_captures(self, *, face_only: bool = False) -> None:
        """Palm (and face when enrolled) captures for the current attempt; or the face alone."""
        check = self.check
        if check is None:
            return
        self.pause()
        self.face_only = face_only
        self.palm_image = self.face_image = None
        self.palm_frames = []
        self.banner.clear()
        self.followup.hide_all()
        hub = self.session.hub
        hand = str(self.hand.currentData() or "right")
        hub.present(check.identification.card.id_number, hand)
        if face_only:
            text = self.tr("Attempt {n}: the person looks at the camera.").format(n=self.attempt)
        else:
            text = self.tr("Attempt {n}: lay the {hand} on the scanner.").format(
                n=self.attempt, hand=hand_text(hand)
            )
        show_message(self.status, text, "progress")
        self._pictures(True)
        self.palm_preview.setVisible(not face_only)
        if check.enrolled_hands and not face_only:
            self._start("palm", self.palm_preview, timeout=10.0)
        self.face_preview.setVisible(check.has_face)
        if check.has_face:
            self._start("face", self.face_preview, timeout=FACE_ONLY_SECONDS if face_only else FACE_SECONDS)

    def _start(self, kind: str, preview: PreviewWidget, *, timeout: float) -> None:
        preview.reset()
        preview.set_simulated(
            self.session.hub.state("palm_scanner" if kind == "palm" else "face_camera").simulated
        )
        # note: with palm liveness in the policy the palm job keeps the frames after the kept one
        # (the still hand) for the sequence checks; without, it stops at the kept frame as before
        palm_pad = kind == "palm" and self.session.policy.liveness.palm != "off"
        job = CaptureJob(
            self.session.hub, kind, timeout=timeout, sequence=PALM_FRAMES if palm_pad else 0, parent=self
        )
        job.preview.connect(preview.show_frame)
        job.captured.connect(lambda image, job=job: self._captured(job, image))
        job.failed.connect(lambda error, job=job: self._capture_failed(job, error))
        self.jobs[kind] = job
        job.start()

    def _current(self, job: CaptureJob) -> bool:
        """True for the job of the current attempt (a stopped job's late answer is ignored)."""
        if self.jobs.get(job.kind) is not job:
            return False
        del self.jobs[job.kind]
        return True

    def _captured(self, job: CaptureJob, image: object) -> None:
        if not self._current(job):
            return
        if job.kind == "palm":
            self.palm_image, self.palm_frames = image, list(job.frames)
            self.palm_preview.advice.setText(self.tr("Palm captured ✔"))
        else:
            self.face_image = image
            self.face_preview.advice.setText(self.tr("Face captured ✔"))
        self._maybe_decide()

    def _capture_failed(self, job: CaptureJob, error: BaseException) -> None:
        if not self._current(job) or getattr(error, "code", "") == "capture.cancelled":
            return
        if job.kind == "palm" or self.face_only:
            show_message(self.status, describe(error).full(), "error")
            self.followup.offer("capture_failed", other_hand=self._other_hand(), face=self._face_offered())
        self._maybe_decide()

    def _maybe_decide(self) -> None:
        # note: with the palm in, wait for the face only while it is still being looked for
        if self.jobs:
            return
        if self.palm_image is not None or (self.face_only and self.face_image is not None):
            self.decide()

    def _pictures(self, shown: bool) -> None:
        """Show the live pictures, or give their room to the result (which then sits at the top)."""
        self.palm_preview.setVisible(shown)
        self.face_preview.setVisible(shown and self.check is not None and self.check.has_face)
        self.right.setStretchFactor(self.previews, 1 if shown else 0)
        self.right.setStretch(self.right.count() - 1, 0 if shown else 1)

    def _other_hand(self) -> str | None:
        """The enrolled hand not used in this attempt, if there is one."""
        if self.check is None:
            return None
        current = str(self.hand.currentData() or "")
        return next((h for h in self.check.enrolled_hands if h != current), None)

    def _face_offered(self) -> bool:
        return self.check is not None and self.check.has_face

    def decide(self) -> None:
        check = self.check
        if check is None:
            return
        session = self.session
        hand = str(self.hand.currentData() or "right")
        palms = {hand: self.palm_image} if self.palm_image is not None and not self.face_only else {}
        visit, delegation, no_card = self.evidence
        store, actor, face, attempt = session.require_store(), session.actor, self.face_image, self.attempt
        config = session.config
        device = session.hub.state("palm_scanner").driver
        policy, palm_image, palm_frames = session.policy.liveness, self.palm_image, self.palm_frames
        show_message(self.status, self.tr("Comparing with the enrolment…"), "progress")

        def work() -> CertificationOutcome:
            liveness = self.liveness.for_certify(policy, palm_image, palm_frames)
            return certification.certify(
                store,
                card=check.identification.card,
                palm_images=palms,  # type: ignore[arg-type]
                face_image=face,  # type: ignore[arg-type]
                actor=actor,
                device=device,
                place=config.place or config.team,
                cycle=session.cycle,
                attempt=attempt,
                home_visit=visit,
                delegation=delegation,
                no_card=no_card,
                context=session.context,
                liveness=liveness,
                liveness_policy=policy,
            )

        session.tasks.store(work, self._decided, self._failed, owner=self)

    def _decided(self, outcome: CertificationOutcome) -> None:
        self.outcome = outcome
        opened = [c for c in outcome.cases if c.kind in ("presentation_attack", "liveness_not_possible")]
        if opened:
            self.case_reference = opened[0].reference  # note: the case exists; no second one is offered
        # note: the answer takes the pictures' place: at large fonts a result, its reason and the
        # ways on fit a 768-pixel screen only without them (they return with the next attempt)
        self._pictures(False)
        seconds = time.monotonic() - self.started
        status = self.tr("Decided {s:.1f} s after the card was read.").format(s=seconds)
        if outcome.decision is None:
            self.banner.show_result(outcome.status, outcome.message)
        else:
            decision = outcome.decision
            used = modalities_used(outcome.certification) if outcome.certification else ()
            self.banner.show_result(decision.outcome, attempt_text(decision.code, used, decision.reason))
            if decision.outcome != "accept":
                self.followup.offer(
                    decision.outcome,
                    other_hand=self._other_hand(),
                    face=self._face_offered(),
                    case_reference=self.case_reference,
                )
        self.receipt_button.setVisible(outcome.receipt is not None)
        not_passed = outcome.decision is not None and outcome.decision.outcome in ("reject", "needs_review")
        self.slip_button.setVisible(not_passed and outcome.certification is not None)
        self.followup.relayout()
        if outcome.receipt is not None:
            status += " " + self.tr("Receipt {number}.").format(number=outcome.receipt.number)
        palm = palm_line(outcome.certification.evidence) if outcome.certification else ""
        if palm:
            status += "\n" + palm
        show_message(self.status, status, "info")
        self.session.data_changed.emit()
        self.decided.emit(outcome)
        if outcome.receipt is not None:
            self.receipt_button.setDefault(True)
            self.receipt_button.setFocus()  # note: the receipt is the primary action after a pass
        elif not self.followup.offering:
            self.next_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        show_message(self.status, describe(error).full(), "error")
        if self.check is not None:
            self.followup.offer("capture_failed", other_hand=self._other_hand(), face=self._face_offered())

    def _next_attempt(self) -> None:
        if self.outcome is not None and self.outcome.decision is not None:
            self.attempt += 1
        self.outcome = None
        self.started = time.monotonic()

    def try_again(self) -> None:
        self._next_attempt()
        self.start_captures()

    def try_other_hand(self) -> None:
        other = self._other_hand()
        if other is None:
            return
        self.hand.setCurrentIndex(self.hand.findData(other))
        self._next_attempt()
        self.start_captures()

    def try_face(self) -> None:
        self._next_attempt()
        self.start_captures(face_only=True)

    def _enrol_instead(self) -> None:
        if self.check is not None:
            record = self.check.identification.card
            self.enrol_instead.emit(record.id_number, record.name)
        self.reset()
