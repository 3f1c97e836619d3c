"""Liveness in certification: what the supervisor's policy requires, running the checks on the
devices, and turning a failed or impossible check into a case with its evidence.

Why here: ``matching.liveness`` decides from frames and ``capture.pad`` from the palm scanner;
only the application knows what the policy requires and what to record. The rule is the mission's:
a check the policy requires that fails ("suspected presentation attack") or cannot be done
("liveness not possible": the person could not follow, the device cannot tell) never ends in an
accept — the certification is held for a supervisor, with the challenge frames kept (encrypted, as
attachments of the certification) as evidence. Nothing is silently passed: a device without palm
liveness is recorded as "not available".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import cv2

from capture.devices import FrameSource
from capture.pad import LivenessReport, check_palm_liveness
from fieldkit.errors import UserError
from matching.errors import MatchingError
from matching.liveness.active import ActiveResult, ActiveSession
from matching.liveness.challenge import GESTURES, Challenge, draw_challenge
from matching.liveness.fusion import Verdict, fuse
from matching.liveness.passive import live_score
from storage.attachments import Attachment
from storage.records import Case
from storage.store import Store

FACE_MODES = ("off", "required")
PALM_MODES = ("off", "if_available", "required")
ATTACK_CASE = "presentation_attack"  # "suspected presentation attack"
NOT_POSSIBLE_CASE = "liveness_not_possible"
FRAME_KIND = "liveness_frame"
RESULT_KIND = "liveness_result"
"""Attachment of an enrolment: the assessment as JSON (an enrolment record has no evidence field;
the receipt reads what was checked from here)."""


@dataclass(frozen=True)
class LivenessPolicy:
    """Which liveness checks a certification needs (part of the supervisor's stored policy).

    ``face_active``: "off" or "required" (the challenge–response on the face camera).
    ``palm``: "off", "if_available" (run what the scanner allows; "not available" is recorded and
    does not hold the certification) or "required" (a scanner that cannot tell holds it for review).
    ``passive_threshold``: None (MiniFASNet score recorded only) or a threshold below which a
    followed challenge still counts as an attack — see ``matching.liveness.fusion`` for why the
    default is None.
    ``enrolment_face_active`` / ``enrolment_palm``: the same choices for enrolment (a policy saved
    before these existed reads as "off": nothing changes for a team until a supervisor decides).
    """

    face_active: str = "off"
    palm: str = "off"
    passive_threshold: float | None = None
    enrolment_face_active: str = "off"
    enrolment_palm: str = "off"

    def __post_init__(self) -> None:
        faces = (("face_active", self.face_active), ("enrolment_face_active", self.enrolment_face_active))
        for name, value in faces:
            if value not in FACE_MODES:
                raise ValueError(f"{name} must be one of {', '.join(FACE_MODES)}")
        for name, value in (("palm", self.palm), ("enrolment_palm", self.enrolment_palm)):
            if value not in PALM_MODES:
                raise ValueError(f"{name} must be one of {', '.join(PALM_MODES)}")
        if self.passive_threshold is not None and not 0.0 < self.passive_threshold < 1.0:
            raise ValueError("passive_threshold must be within (0, 1)")

    @property
    def any_required(self) -> bool:
        """Whether certification needs a check (``for_enrolment().any_required`` for enrolment)."""
        return self.face_active != "off" or self.palm != "off"

    def for_enrolment(self) -> LivenessPolicy:
        """The checks enrolment needs, as a policy the certification code paths understand.

        Why separate settings: enrolment creates the base every later year is matched against, so
        an agency may want the challenge there even where certification does not ask for it (or
        the reverse while staff learn it); both are the supervisor's decision.
        """
        return LivenessPolicy(
            face_active=self.enrolment_face_active,
            palm=self.enrolment_palm,
            passive_threshold=self.passive_threshold,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "face_active": self.face_active,
            "palm": self.palm,
            "passive_threshold": self.passive_threshold,
            "enrolment_face_active": self.enrolment_face_active,
            "enrolment_palm": self.enrolment_palm,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LivenessPolicy:
        names = ("face_active", "palm", "passive_threshold", "enrolment_face_active", "enrolment_palm")
        known = {k: data[k] for k in names if k in data}
        if set(data) - set(known):
            raise ValueError(f"unknown liveness settings: {', '.join(sorted(set(data) - set(known)))}")
        return cls(**known)


@dataclass
class LivenessEvidence:
    """What the checks produced for one certification attempt."""

    face: ActiveResult | None = None
    face_verdict: Verdict | None = None
    palm: LivenessReport | None = None


@dataclass(frozen=True)
class LivenessAssessment:
    """The checks against the policy: "passed", "attack", "not_possible" or "not_required"."""

    status: str
    reasons: tuple[str, ...]
    summary: dict[str, Any] = field(default_factory=dict)


def run_face_challenge(
    camera: FrameSource,
    *,
    prompt: Callable[[str], None],
    challenge: Challenge | None = None,
    passive_threshold: float | None = None,
) -> tuple[ActiveResult, Verdict]:
    """Run the challenge on an open camera until it ends; ``prompt`` is called with each new prompt
    code (to show and speak it). A simulated camera that can act out prompts is told the challenge
    (``act_out``), as a trainer would act it out."""
    if challenge is None:
        simulated_kinds = getattr(camera, "acts_out", None)
        challenge = draw_challenge(kinds=tuple(simulated_kinds) if simulated_kinds else GESTURES)
    act_out = getattr(camera, "act_out", None)
    if callable(act_out):
        act_out(challenge.gestures)
    session = ActiveSession(challenge=challenge)
    shown = ""
    for frame in camera.frames():
        code = session.feed(frame.image, frame.timestamp)
        if code != shown:
            shown = code
            prompt(code)
        if session.finished:
            break
    if session.result is None:
        # note: the stream ended before the challenge did (camera unplugged): a device problem
        # for the clerk to fix, not a "liveness not possible" to record against the person
        ended = camera.info().details.get("ended", "the stream ended")
        raise UserError(
            f"The camera stopped sending frames during the liveness check ({ended}): check it and repeat.",
            code="liveness.camera",
        )
    result = session.result
    assert result is not None
    return result, passive_verdict(result, passive_threshold)


def passive_verdict(result: ActiveResult, passive_threshold: float | None) -> Verdict:
    """The MiniFASNet score of the neutral frame fused with the active result (``fusion.fuse``)."""
    return fuse(result, _passive_score(result), passive_threshold)


def _passive_score(result: ActiveResult) -> float | None:
    """MiniFASNet on the neutral evidence frame (None when there is none or the model failed)."""
    from matching.face_engine import detect_faces

    for frame in result.frames:
        if frame.label != "neutral":
            continue
        try:
            faces = detect_faces(frame.image)
            return live_score(frame.image, faces[0].box) if faces else None
        except MatchingError:
            return None
    return None


def run_palm_check(scanner: object, source: FrameSource | None, frames: list[Any]) -> LivenessReport:
    """The palm liveness report of what this scanner and these frames allow."""
    return check_palm_liveness(scanner, frames, source)


def assess(policy: LivenessPolicy, evidence: LivenessEvidence | None) -> LivenessAssessment:
    """Compare what was checked with what the policy requires."""
    if not policy.any_required:
        summary = _summary(evidence)
        return LivenessAssessment("not_required", (), summary)
    evidence = evidence or LivenessEvidence()
    attacks: list[str] = []
    impossible: list[str] = []
    if policy.face_active == "required":
        verdict = evidence.face_verdict
        if verdict is None:
            impossible.append("the face liveness challenge was not run")
        elif verdict.outcome == "spoof":
            attacks.append(f"face: {verdict.reason}")
        elif verdict.outcome != "live":
            impossible.append(f"face: {verdict.reason}")
    if policy.palm != "off":
        report = evidence.palm
        if report is None:
            impossible.append("the palm liveness check was not run")
        elif report.status == "spoof":
            attacks.append(f"palm: {report.reason}")
        elif report.status == "not_available" and policy.palm == "required":
            impossible.append(f"palm: {report.reason}")
    status = "attack" if attacks else "not_possible" if impossible else "passed"
    return LivenessAssessment(status, tuple(attacks + impossible), _summary(evidence))


def _summary(evidence: LivenessEvidence | None) -> dict[str, Any]:
    if evidence is None:
        return {}
    summary: dict[str, Any] = {}
    if evidence.face is not None:
        summary["face"] = evidence.face.summary()
    if evidence.face_verdict is not None:
        summary.setdefault("face", {})
        summary["face"].update(
            verdict=evidence.face_verdict.outcome,
            verdict_code=evidence.face_verdict.code,
            passive_score=None
            if evidence.face_verdict.passive_score is None
            else round(evidence.face_verdict.passive_score, 4),
        )
    if evidence.palm is not None:
        summary["palm"] = evidence.palm.summary()
    return summary


def record_liveness(
    store: Store,
    *,
    certification_uuid: str,
    person_uuid: str,
    actor: str,
    assessment: LivenessAssessment,
    evidence: LivenessEvidence | None,
    record_type: str = "certification",
) -> list[Case]:
    """Inside the certification's (or enrolment's: ``record_type="enrollment"``, and
    ``certification_uuid`` is then the enrolment's UUID) transaction: the challenge frames as
    encrypted attachments, and a case when a required check failed or could not be done."""
    if evidence is not None and evidence.face is not None:
        for frame in evidence.face.frames:
            ok, jpeg = cv2.imencode(".jpg", frame.image, [cv2.IMWRITE_JPEG_QUALITY, 85])
            if not ok:
                raise UserError(
                    "A liveness evidence frame could not be encoded.", code="certify.liveness_frame"
                )
            store.attachments.add(
                Attachment(
                    record_type=record_type,
                    record_uuid=certification_uuid,
                    kind=FRAME_KIND,
                    media_type="image/jpeg",
                    data=jpeg.tobytes(),
                )
            )
    if assessment.status not in ("attack", "not_possible"):
        return []
    kind = ATTACK_CASE if assessment.status == "attack" else NOT_POSSIBLE_CASE
    case = Case(
        kind=kind,
        person_uuid=person_uuid,
        opened_by=actor,
        details={
            f"{record_type}_uuid": certification_uuid,
            "reasons": list(assessment.reasons),
            "liveness": assessment.summary,
            "evidence_frames": len(evidence.face.frames) if evidence and evidence.face else 0,
        },
    )
    return [store.cases.open(case)]


def assessment_record(assessment: LivenessAssessment) -> dict[str, Any]:
    """What is kept of an assessment (the certification's ``evidence["liveness"]`` shape)."""
    return {"status": assessment.status, "reasons": list(assessment.reasons), **assessment.summary}


def record_enrolment_result(store: Store, enrollment_uuid: str, assessment: LivenessAssessment) -> None:
    """Inside the enrolment's transaction: the assessment as an encrypted JSON attachment, so the
    receipt and a supervisor can see which checks were done. Nothing is written when the policy
    required nothing and nothing ran (no record then reads "not required", as for enrolments
    saved before this existed)."""
    if assessment.status == "not_required" and not assessment.summary:
        return
    store.attachments.add(
        Attachment(
            record_type="enrollment",
            record_uuid=enrollment_uuid,
            kind=RESULT_KIND,
            media_type="application/json",
            data=json.dumps(assessment_record(assessment), sort_keys=True).encode(),
        )
    )


def enrolment_result(store: Store, enrollment_uuid: str) -> dict[str, Any] | None:
    """The recorded liveness assessment of an enrolment (None for one saved before it was kept)."""
    for attachment in store.attachments.for_record(enrollment_uuid):
        if attachment.kind == RESULT_KIND:
            try:
                data = json.loads(bytes(attachment.data))
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None
