"""Enrolment ("collection"): identify, face, both palms, duplicate search, one transaction.

Why these rules: the base database is what every later year is certified against, so each sample
is quality-gated, the samples of one hand must agree (a mismatch means the wrong hand or a bad
capture: retake), and each palm is searched against everyone already enrolled — one palm under two
ID numbers is the fraud this system exists to stop, so such a hit holds the enrolment for a
supervisor instead of completing it. Problems with the card (not in the roster, details differing),
a hand that cannot be captured, or a face that does not match the chip photo are served anyway and
recorded as cases for people to decide. Everything lands in one store transaction with its audit
events and outbox entries: a crash before it leaves nothing, after it everything.

The steps are plain functions over plain inputs so that the GUI wizard, the CLI and the tests drive
the same code; capture loops (retries, auto-capture) live in the front-ends.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from capture.devices import CardRecord
from fieldkit.errors import UserError
from fieldkit.workflows.gallery import GalleryHit, add_enrollment, load_gallery, search
from fieldkit.workflows.identify import Identification, identify, person_from_card
from fieldkit.workflows.liveness import (
    LivenessAssessment,
    LivenessEvidence,
    LivenessPolicy,
    assess,
    record_enrolment_result,
    record_liveness,
)
from fieldkit.workflows.policy import DecisionContext, decision_context
from fieldkit.workflows.receipts import issue_receipt
from matching import face_template
from matching.errors import MatchingError
from matching.face_engine import FaceCapture, analyse_face, similarity
from matching.palm import PalmCapture, analyse_palm, compare
from matching.palm_consistency import MESSAGE as PALM_MISALIGNED
from matching.palm_consistency import REASON as MISALIGNED_REASON
from matching.palm_consistency import misaligned_samples
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME as PALM_FORMAT
from storage.records import BiometricSample, Case, Enrollment, Person, Receipt
from storage.store import Store

HANDS = ("left", "right")
FAILURE_REASONS = ("injury", "amputation", "refused", "device_fault", "other")
MIN_PALM_QUALITY = 40
MIN_FACE_QUALITY = 40
DEFAULT_SAMPLES = 3


@dataclass
class HandResult:
    """The accepted samples of one hand, or why the hand could not be enrolled."""

    hand: str
    captures: list[PalmCapture] = field(default_factory=list)
    images: list[npt.NDArray[np.uint8]] = field(default_factory=list)
    failure: str | None = None  # a FAILURE_REASONS code


@dataclass
class EnrollmentOutcome:
    """What an enrolment produced: the stored record, its status, and the cases it opened."""

    enrollment: Enrollment
    person: Person
    status: str  # "complete" or "held"
    cases: list[Case]
    duplicates: list[GalleryHit]
    receipt: Receipt
    liveness: LivenessAssessment | None = None


def _encode(image: npt.NDArray[np.uint8], quality: int = 90) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise UserError("A capture could not be encoded for storage.", code="enroll.encode")
    return bytes(data.tobytes())


def check_face(image: npt.NDArray[np.uint8]) -> FaceCapture:
    """Analyse a face capture and refuse it (with the operator's next step) if quality is too low."""
    capture = analyse_face(image)
    if capture.quality.score < MIN_FACE_QUALITY:
        raise UserError(
            f"Retake the face: {', '.join(capture.quality.reasons) or 'low quality'}.",
            code="enroll.face_quality",
            score=capture.quality.score,
        )
    return capture


def check_hand(
    hand: str,
    images: list[npt.NDArray[np.uint8]],
    context: DecisionContext,
    *,
    samples: int = DEFAULT_SAMPLES,
) -> HandResult:
    """Quality-gate each sample and require every pair of samples to match (else: retake)."""
    if len(images) < samples:
        raise UserError(
            f"The {hand} hand needs {samples} samples, {len(images)} were given.",
            code="enroll.too_few_samples",
            hand=hand,
        )
    result = HandResult(hand=hand)
    for number, image in enumerate(images, start=1):
        try:
            capture = analyse_palm(image)
        except MatchingError as exc:
            raise UserError(
                f"{hand} hand, sample {number}: {exc.message}", code=exc.code, hand=hand
            ) from None
        if capture.quality.score < MIN_PALM_QUALITY:
            reasons = ", ".join(capture.quality.reasons) or "low quality"
            raise UserError(f"{hand} hand, sample {number}: retake ({reasons}).", code="enroll.palm_quality")
        result.captures.append(capture)
        result.images.append(image)
    for (i, a), (j, b) in itertools.combinations(enumerate(result.captures, start=1), 2):
        score = float(compare([b.template], [a.probe])[0, 0])
        if score < context.palm_consistency:
            raise UserError(
                f"{hand} hand: samples {i} and {j} do not match (wrong hand or a bad capture); retake.",
                code="enroll.samples_disagree",
                hand=hand,
                score=round(score, 3),
            )
    # note: after the score check, so a wrong hand is named as such; samples that match but only at
    # the edge of the searched shifts show different parts of the palm: a retake, with its own reason
    disagreement = misaligned_samples([(c.probe, c.probe.code) for c in result.captures])
    if disagreement is not None:
        raise UserError(
            f"{hand} hand, samples {disagreement.first} and {disagreement.second}: {PALM_MISALIGNED}",
            code=MISALIGNED_REASON,
            hand=hand,
        )
    return result


def find_duplicates(
    index: PalmIndex, hands: list[HandResult], context: DecisionContext, exclude_person: str | None
) -> list[GalleryHit]:
    """Each hand searched one-to-many (first pass on its best sample, exact scores against all of its
    samples); hits under other people, best first."""
    hits: dict[tuple[str, str], GalleryHit] = {}
    for hand in hands:
        ranked = sorted(hand.captures, key=lambda c: -c.quality.score)
        for hit in search(
            index,
            ranked[0].probe,
            threshold=context.palm_duplicate,
            exclude_person=exclude_person,
            also=[c.probe for c in ranked[1:]],
        ):
            key = (hit.person_uuid, hit.hand)
            if key not in hits or hits[key].score < hit.score:
                hits[key] = hit
    return sorted(hits.values(), key=lambda h: -h.score)


def _samples(
    face: FaceCapture | None, face_image: npt.NDArray[np.uint8] | None, hands: list[HandResult]
) -> list[BiometricSample]:
    samples: list[BiometricSample] = []
    if face is not None and face_image is not None:
        samples.append(
            BiometricSample(
                modality="face",
                image=_encode(face_image),
                image_format="jpeg",
                template=face_template.to_bytes(
                    face_template.FaceTemplate(face.embedding, face.quality.score)
                ),
                template_format=face_template.FORMAT_NAME,
                quality=float(face.quality.score),
            )
        )
    for hand in hands:
        for index, (capture, image) in enumerate(zip(hand.captures, hand.images, strict=True)):
            samples.append(
                BiometricSample(
                    modality="palm",
                    hand=hand.hand,
                    sample_index=index,
                    image=_encode(image),
                    image_format="jpeg",
                    template=capture.template,
                    template_format=PALM_FORMAT,
                    quality=float(capture.quality.score),
                )
            )
    return samples


def is_enrolled(store: Store, person_uuid: str) -> bool:
    """Whether the person has an enrolment that counts (anything but an abandoned, incomplete one).

    The one answer to "already enrolled?": the wizard asks it right after the card is read (and
    offers certification instead), and :func:`enroll` asks it again before saving.
    """
    return any(e.status != "incomplete" for e in store.enrollments.for_person(person_uuid))


def enroll(
    store: Store,
    *,
    card: CardRecord,
    face_image: npt.NDArray[np.uint8] | None,
    palm_images: dict[str, list[npt.NDArray[np.uint8]]],
    hand_failures: dict[str, str] | None = None,
    actor: str,
    device: str,
    place: str,
    cycle: int,
    gallery: PalmIndex | None = None,
    context: DecisionContext | None = None,
    samples: int = DEFAULT_SAMPLES,
    retiree_cannot_sign: bool = False,
    liveness: LivenessEvidence | None = None,
    liveness_policy: LivenessPolicy | None = None,
) -> EnrollmentOutcome:
    """Run every enrolment step on captured images and save the result in one transaction.

    ``retiree_cannot_sign``: the receipt prints (and signs) "无法签名" for the retiree's signature.
    ``liveness_policy`` is the policy's enrolment part (``LivenessPolicy.for_enrolment()``); a
    required check that failed or was not done (``liveness``) holds the enrolment with a
    "suspected presentation attack" / "liveness not possible" case and its evidence frames — the
    base every later year is matched against must not be a photograph's.
    """
    context = context or decision_context()
    hand_failures = dict(hand_failures or {})
    identification = identify(store, card, cycle=cycle)
    person = identification.person
    if person is not None and is_enrolled(store, person.uuid):
        raise UserError("This person is already enrolled; certify them instead.", code="enroll.already")
    for hand, reason in hand_failures.items():
        if hand not in HANDS or reason not in FAILURE_REASONS:
            raise UserError(
                f"A hand failure needs a hand ({', '.join(HANDS)}) and a reason "
                f"({', '.join(FAILURE_REASONS)}).",
                code="enroll.bad_failure",
            )
    hands = [
        check_hand(h, palm_images[h], context, samples=samples)
        for h in HANDS
        if h not in hand_failures and palm_images.get(h)
    ]
    missing = [h for h in HANDS if h not in hand_failures and not palm_images.get(h)]
    if missing:
        raise UserError(
            f"No samples for the {' and '.join(missing)} hand: capture it or give a reason.",
            code="enroll.hand_missing",
        )
    if not hands:
        raise UserError(
            "Neither palm could be captured: enrolment needs at least one hand.", code="enroll.no_palm"
        )
    face = check_face(face_image) if face_image is not None else None
    id_photo_score = None
    if face is not None and card.photo_image is not None:
        photo = analyse_face(card.photo_image, allow_several=True)
        id_photo_score = float(similarity(face.embedding, photo.embedding))
    index = gallery if gallery is not None else load_gallery(store)
    duplicates = find_duplicates(index, hands, context, person.uuid if person else None)
    assessment = assess(liveness_policy or LivenessPolicy(), liveness)
    outcome = _save(
        store,
        identification,
        face,
        face_image,
        hands,
        hand_failures,
        duplicates,
        id_photo_score,
        context,
        actor=actor,
        device=device,
        place=place,
        cannot_sign=retiree_cannot_sign,
        liveness=(assessment, liveness),
    )
    if gallery is not None:  # note: the session gallery now knows these palms too
        add_enrollment(gallery, outcome.enrollment)
    return outcome


def _save(
    store: Store,
    identification: Identification,
    face: FaceCapture | None,
    face_image: npt.NDArray[np.uint8] | None,
    hands: list[HandResult],
    hand_failures: dict[str, str],
    duplicates: list[GalleryHit],
    id_photo_score: float | None,
    context: DecisionContext,
    *,
    actor: str,
    device: str,
    place: str,
    cannot_sign: bool = False,
    liveness: tuple[LivenessAssessment, LivenessEvidence | None] | None = None,
) -> EnrollmentOutcome:
    assessment, evidence = liveness or (LivenessAssessment("not_required", ()), None)
    suspect = assessment.status in ("attack", "not_possible")
    status = "held" if duplicates or suspect else "complete"
    cases: list[Case] = []
    with store.transaction(actor):
        person = identification.person or store.people.add(person_from_card(identification))
        enrollment = store.enrollments.add(
            Enrollment(
                person_uuid=person.uuid,
                operator_uuid=actor,
                device=device,
                place=place,
                status=status,
                samples=_samples(face, face_image, hands),
            )
        )

        def open_case(kind: str, **details: object) -> None:
            case = Case(
                kind=kind,
                person_uuid=person.uuid,
                opened_by=actor,
                details={"enrollment_uuid": enrollment.uuid, **details},
            )
            cases.append(store.cases.open(case))

        if identification.needs_case:
            open_case("id_mismatch", mismatches=identification.mismatches)
        for hand, reason in sorted(hand_failures.items()):
            open_case("capture_failure", hand=hand, reason=reason)
        for hit in duplicates:
            open_case(
                "suspected_duplicate",
                other_person_uuid=hit.person_uuid,
                other_hand=hit.hand,
                score=round(hit.score, 4),
            )
        if id_photo_score is not None and id_photo_score < context.face_id_photo:
            open_case("id_mismatch", face_vs_id_photo=round(id_photo_score, 4))
        # note: before the receipt, which states the checks from this record
        record_enrolment_result(store, enrollment.uuid, assessment)
        cases += record_liveness(
            store,
            certification_uuid=enrollment.uuid,
            person_uuid=person.uuid,
            actor=actor,
            assessment=assessment,
            evidence=evidence,
            record_type="enrollment",
        )
        # the retiree leaves with proof of collection, also when the enrolment is held for review
        receipt = issue_receipt(
            store,
            kind="enrollment",
            record_uuid=enrollment.uuid,
            person_uuid=person.uuid,
            id_number=person.id_number,
            result=status,
            device=device,
            actor=actor,
            cannot_sign=cannot_sign,
        )
    return EnrollmentOutcome(
        enrollment=enrollment,
        person=person,
        status=status,
        cases=cases,
        duplicates=duplicates,
        receipt=receipt,
        liveness=assessment,
    )
