"""Certification ("proof of life", once per cycle): identify, compare fresh captures with the
enrolment, decide through the calibrated policy, record.

Why it is shaped like this: the decision itself is ``matching.fusion.decide`` — a pure function of
scores, policy and thresholds — so every recorded certification carries the scores and the reason
and can be replayed by an auditor. The workflow adds what only the application knows: whether the
person is enrolled, whether they were already certified this cycle (said, with when and where,
instead of recording a second one), and which enrolled hand a palm is compared with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from capture.devices import CardRecord
from fieldkit.errors import UserError
from fieldkit.times import display_date
from fieldkit.workflows.enrolment_holds import enrolment_states, hold_reason, usable
from fieldkit.workflows.exceptions import (
    Delegation,
    HomeVisit,
    NoCardApproval,
    evidence_for,
    record_exception,
)
from fieldkit.workflows.identify import identify
from fieldkit.workflows.liveness import LivenessEvidence, LivenessPolicy, assess, record_liveness
from fieldkit.workflows.palm_templates import current_template
from fieldkit.workflows.policy import DecisionContext, decision_context
from fieldkit.workflows.receipt_notices import CANNOT_SIGN
from fieldkit.workflows.receipts import issue_receipt
from matching import face_template
from matching.errors import MatchingError
from matching.face_engine import analyse_face, similarity
from matching.fusion import Decision, Evidence, decide
from matching.palm import analyse_palm, compare, fuse
from storage.records import Case, Certification, Person, Receipt
from storage.store import Store


@dataclass
class CertificationOutcome:
    """The decision and what was recorded (``certification`` is None when nothing was recorded)."""

    person: Person | None
    decision: Decision | None
    certification: Certification | None
    status: str  # "recorded", "already_certified", "not_enrolled"
    message: str
    receipt: Receipt | None = None
    cases: list[Case] = field(default_factory=list)


def enrolled_templates(store: Store, person_uuid: str) -> tuple[dict[str, list[bytes]], list[bytes]]:
    """The person's palm templates by hand and face templates, from usable enrolments only (complete,
    or held and every holding case approved; never one HQ rejected: :mod:`.enrolment_holds`)."""
    palms: dict[str, list[bytes]] = {}
    faces: list[bytes] = []
    enrollments = store.enrollments.for_person(person_uuid)
    states = enrolment_states(store)
    for enrollment in enrollments:
        if not usable(enrollment, states):
            continue
        for sample in enrollment.samples:
            if sample.template is None:
                continue
            if sample.modality == "palm" and sample.hand:
                template = current_template(sample)  # an outdated one is made again from its image
                if template is not None:
                    palms.setdefault(sample.hand, []).append(template)
            elif sample.modality == "face" and sample.template_format == face_template.FORMAT_NAME:
                faces.append(sample.template)
    return palms, faces


def palm_score(
    enrolled: dict[str, list[bytes]], hand: str, image: npt.NDArray[np.uint8]
) -> tuple[float, int]:
    """Best score of a fresh palm against the enrolled samples of the same hand, and its quality."""
    capture = analyse_palm(image)
    if hand not in enrolled:
        raise UserError(
            f"No {hand} palm is enrolled for this person; use the other hand.", code="certify.no_hand"
        )
    return float(fuse(compare(enrolled[hand], [capture.probe]))[0]), capture.quality.score


def certify(
    store: Store,
    *,
    card: CardRecord,
    palm_images: dict[str, npt.NDArray[np.uint8]],
    face_image: npt.NDArray[np.uint8] | None,
    actor: str,
    device: str,
    place: str,
    cycle: int,
    attempt: int = 1,
    home_visit: HomeVisit | None = None,
    delegation: Delegation | None = None,
    no_card: NoCardApproval | None = None,
    context: DecisionContext | None = None,
    liveness: LivenessEvidence | None = None,
    liveness_policy: LivenessPolicy | None = None,
    retiree_cannot_sign: bool = False,
) -> CertificationOutcome:
    """Compare the captures with the enrolment, decide by policy, and record the certification.

    ``retiree_cannot_sign`` is kept in the evidence (``retiree_cannot_sign``) so every receipt or
    slip of this certification prints "无法签名" instead of an empty signature line.

    The liveness checks the policy requires (``liveness_policy``, default: none) are assessed from
    ``liveness``; a failed or impossible one turns an accept into "needs_review" with a case.
    """
    context = context or decision_context()
    method, receipt_kind, evidence = evidence_for(home_visit, delegation, no_card)
    identification = identify(store, card, cycle=cycle)
    person = identification.person
    if person is None:
        return CertificationOutcome(
            None, None, None, "not_enrolled", "This person is not in the store: enrol them."
        )
    done = [c for c in store.certifications.for_person(person.uuid, cycle=cycle) if c.result == "accept"]
    if done:
        last = done[0]
        where = last.place or "an unnamed place"
        message = f"Already certified in {cycle} on {display_date(last.certified_at)} at {where}."
        return CertificationOutcome(person, None, last, "already_certified", message)
    palms, faces = enrolled_templates(store, person.uuid)
    if not palms and not faces:
        why = (
            hold_reason(store, store.enrollments.for_person(person.uuid))
            or "No usable enrolment: enrol this person."
        )
        return CertificationOutcome(person, None, None, "not_enrolled", why)
    scores: dict[str, object] = {}
    best_palm: float | None = None
    palm_quality: int | None = None
    for hand, image in sorted(palm_images.items()):
        try:
            score, quality = palm_score(palms, hand, image)
        except MatchingError as exc:
            scores[f"palm_{hand}_failure"] = exc.code
            continue
        scores[f"palm_{hand}"] = round(score, 4)
        if best_palm is None or score > best_palm:
            best_palm, palm_quality = score, quality
    face_score: float | None = None
    face_quality: int | None = None
    if face_image is not None and faces:
        try:
            capture = analyse_face(face_image)
        except MatchingError as exc:
            scores["face_failure"] = exc.code
        else:
            enrolled = np.stack([face_template.from_bytes(t).embedding for t in faces])
            face_score, face_quality = (
                float(similarity(capture.embedding, enrolled).max()),
                capture.quality.score,
            )
            scores["face"] = round(face_score, 4)
    decision = decide(
        Evidence(
            palm=best_palm,
            face=face_score,
            palm_quality=palm_quality,
            face_quality=face_quality,
            attempt=attempt,
        ),
        context.policy,
        context.thresholds,
        context.fusion,
    )
    assessment = assess(liveness_policy or LivenessPolicy(), liveness)
    if assessment.status in ("attack", "not_possible") and decision.outcome == "accept":
        what = "suspected presentation attack" if assessment.status == "attack" else "liveness not possible"
        decision = Decision(
            "needs_review",
            f"the match passed but {what} ({'; '.join(assessment.reasons)}); a supervisor must look",
            f"decision.liveness_{assessment.status}",
            decision.fused_score,
        )
    scores["fused"] = (
        None
        if decision.fused_score is None or not np.isfinite(decision.fused_score)
        else round(decision.fused_score, 4)
    )
    record = Certification(
        person_uuid=person.uuid,
        cycle=cycle,
        method=method,
        result=decision.outcome,
        operator_uuid=actor,
        device=device,
        place=place,
        scores=scores,
        evidence={
            **(evidence or {}),
            **({CANNOT_SIGN: True} if retiree_cannot_sign else {}),
            "attempt": attempt,
            "decision_code": decision.code,
            "reason": decision.reason,
            "id_mismatches": identification.mismatches,
            **(
                {
                    "liveness": {
                        "status": assessment.status,
                        "reasons": list(assessment.reasons),
                        **assessment.summary,
                    }
                }
                if assessment.status != "not_required" or assessment.summary
                else {}
            ),
        },
    )
    receipt = None
    with store.transaction(actor):
        store.certifications.add(record)
        cases = record_exception(
            store,
            certification_uuid=record.uuid,
            person_uuid=person.uuid,
            actor=actor,
            home_visit=home_visit,
            delegation=delegation,
            no_card=no_card,
        )
        cases += record_liveness(
            store,
            certification_uuid=record.uuid,
            person_uuid=person.uuid,
            actor=actor,
            assessment=assessment,
            evidence=liveness,
        )
        if decision.outcome == "accept":
            receipt = issue_receipt(
                store,
                kind=receipt_kind,
                record_uuid=record.uuid,
                person_uuid=person.uuid,
                id_number=person.id_number,
                result="accept",
                device=device,
                actor=actor,
            )
    return CertificationOutcome(person, decision, record, "recorded", decision.reason, receipt, cases)
