"""What a reviewer sees beside a review item: the people, their palms and faces, scores, the facts.

Why a view built here rather than in the template: each kind of item draws its evidence from other
records — a duplicate from two enrollments (two laptops, two ID numbers), an ID mismatch from the
enrollment's face and the roster, a home visit from the certification and its photo attachment, a
roster problem from the roster line — and the image route must serve exactly the images of the
item it is asked for (:meth:`Evidence.refs`), never any stored image by its id. ID numbers are kept
whole here; the page shows them masked unless the reviewer asked for a (audited) reveal.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from fieldkit.hq.checks import id_number_of
from fieldkit.hq.review_districts import latest_record, person_of_review
from fieldkit.hq.reviews import Review
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.services.palm_evidence import hand_scores

HANDS = ("left", "right")


@dataclass(frozen=True)
class ImageRef:
    """An image of the evidence: ``ref`` is ``palm-<sample>``, ``face-<sample>`` or ``att-<uuid>``."""

    ref: str
    caption: str


@dataclass
class Side:
    """One person as the evidence shows them."""

    heading: str  # i18n key
    id_number: str
    name: str = ""
    district: str = ""
    roster_status: str = ""
    device: str = ""
    place: str = ""
    enrollment_uuid: str = ""
    enrolled_at: str = ""
    palms: list[ImageRef] = field(default_factory=list)
    face: ImageRef | None = None

    @property
    def id_masked(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""


@dataclass
class Evidence:
    """The page's content for one review item."""

    review: Review
    view: str  # "duplicate", "id_mismatch", "home_visit", "roster" or "other"
    sides: list[Side] = field(default_factory=list)
    scores: dict[str, float | None] = field(default_factory=dict)
    hits: list[dict[str, Any]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value), label may be an i18n key
    roster: dict[str, str] | None = None
    images: list[ImageRef] = field(default_factory=list)
    person_uuid: str | None = None  # whose ID number "correct the ID" changes

    def refs(self) -> set[str]:
        found = {i.ref for i in self.images}
        for side in self.sides:
            found.update(p.ref for p in side.palms)
            if side.face is not None:
                found.add(side.face.ref)
        return found


def _device_name(hq: HqStore, key_id: str) -> str:
    return str(hq.db.scalar("SELECT name FROM devices WHERE key_id = ?", (key_id,)) or key_id[:12])


def _roster_line(hq: HqStore, id_number: str) -> dict[str, str] | None:
    row = hq.db.execute(
        "SELECT id_number, name, region, cycle, status, district, unit FROM roster WHERE id_number = ?",
        (id_number,),
    ).fetchone()
    if row is None:
        return None
    keys = ("id_number", "name", "region", "cycle", "status", "district", "unit")
    return {k: "" if v is None else str(v) for k, v in zip(keys, row, strict=True)}


def _side(hq: HqStore, heading: str, enrollment_uuid: str) -> tuple[Side, str | None]:
    """A person from one of their enrollments (palms: the first capture of each hand; the face)."""
    record = latest_record(hq, enrollment_uuid) or {}
    person_uuid = str(record.get("person_uuid") or "") or None
    id_number = (id_number_of(hq, person_uuid) if person_uuid else None) or str(
        hq.db.scalar("SELECT id_number FROM templates WHERE enrollment_uuid = ? LIMIT 1", (enrollment_uuid,))
        or ""
    )
    person = (latest_record(hq, person_uuid) if person_uuid else None) or {}
    roster = _roster_line(hq, id_number) if id_number else None
    device = hq.db.scalar(
        "SELECT device_key_id FROM records WHERE record_uuid = ? ORDER BY version LIMIT 1", (enrollment_uuid,)
    )
    side = Side(
        heading=heading,
        id_number=id_number,
        name=str(person.get("name") or (roster or {}).get("name") or ""),
        district=(roster or {}).get("district", ""),
        roster_status=(roster or {}).get("status", ""),
        device=_device_name(hq, str(device)) if device else "",
        place=str(record.get("place") or ""),
        enrollment_uuid=enrollment_uuid,
        enrolled_at=str(record.get("completed_at") or "")[:16].replace("T", " "),
    )
    shown: set[str] = set()
    for sample in record.get("samples") or []:
        if not isinstance(sample, dict) or not sample.get("image"):
            continue
        if sample.get("modality") == "palm" and sample.get("hand") in HANDS and sample["hand"] not in shown:
            shown.add(str(sample["hand"]))
            side.palms.append(ImageRef(f"palm-{sample['uuid']}", str(sample["hand"])))
        elif sample.get("modality") == "face" and side.face is None:
            side.face = ImageRef(f"face-{sample['uuid']}", "face")
    side.palms.sort(key=lambda p: HANDS.index(p.caption))
    return side, person_uuid


def _templates_by_hand(hq: HqStore, enrollment_uuid: str) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for hand, template in hq.db.execute(
        "SELECT hand, template FROM templates WHERE enrollment_uuid = ? AND modality = 'palm' "
        "ORDER BY sample_uuid",
        (enrollment_uuid,),
    ).fetchall():
        found.setdefault(str(hand), []).append(bytes(template))
    return found


def _duplicate(hq: HqStore, evidence: Evidence, with_scores: bool) -> None:
    review = evidence.review
    mine, evidence.person_uuid = _side(hq, "evidence.this_enrollment", review.record_uuid)
    evidence.sides.append(mine)
    evidence.hits = [h for h in review.details.get("hits", []) if isinstance(h, dict)]
    if not evidence.hits:
        return
    other_id = str(evidence.hits[0].get("id_number", ""))
    other = hq.db.scalar(
        "SELECT enrollment_uuid FROM templates WHERE id_number = ? AND modality = 'palm' "
        "AND enrollment_uuid <> ? ORDER BY change_seq DESC LIMIT 1",
        (other_id, review.record_uuid),
    )
    if other is None:
        return
    theirs, _ = _side(hq, "evidence.matched_person", str(other))
    evidence.sides.append(theirs)
    if with_scores:
        evidence.scores = hand_scores(
            _templates_by_hand(hq, review.record_uuid), _templates_by_hand(hq, str(other))
        )


def _attachments(hq: HqStore, record_uuid: str, device: str) -> list[tuple[str, dict[str, Any]]]:
    """(uuid, content) of the attachments sent with a record (same batch, same device)."""
    batch = hq.db.scalar(
        "SELECT batch_id FROM records WHERE record_uuid = ? ORDER BY version LIMIT 1", (record_uuid,)
    )
    if batch is None:
        return []
    found = []
    for (uuid,) in hq.db.execute(
        "SELECT DISTINCT record_uuid FROM records WHERE device_key_id = ? AND batch_id = ? "
        "AND record_type = 'attachment'",
        (device, batch),
    ).fetchall():
        record = latest_record(hq, str(uuid)) or {}
        if record.get("record_uuid") == record_uuid:
            found.append((str(uuid), record))
    return found


def _person_side(hq: HqStore, evidence: Evidence, heading: str) -> None:
    """The item's person as enrolled (newest enrollment with palms), when headquarters has one."""
    number = id_number_of(hq, evidence.person_uuid) if evidence.person_uuid else None
    enrollment = (
        hq.db.scalar(
            "SELECT enrollment_uuid FROM templates WHERE id_number = ? AND modality = 'palm' "
            "ORDER BY change_seq DESC LIMIT 1",
            (number,),
        )
        if number
        else None
    )
    if enrollment is not None:
        side, _ = _side(hq, heading, str(enrollment))
        evidence.sides.append(side)


def _case(hq: HqStore, evidence: Evidence) -> None:
    case = latest_record(hq, evidence.review.record_uuid) or {}
    details = case.get("details") if isinstance(case.get("details"), dict) else {}
    assert isinstance(details, dict)
    kind = str(case.get("kind") or "")
    evidence.person_uuid = str(case.get("person_uuid") or "") or None
    evidence.facts.append(("evidence.case_kind", kind))
    evidence.facts.append(("evidence.reference", str(case.get("reference") or "")))
    if kind == "id_mismatch":
        evidence.view = "id_mismatch"
        if details.get("enrollment_uuid"):
            side, _ = _side(hq, "evidence.captured", str(details["enrollment_uuid"]))
            evidence.sides.append(side)
            evidence.roster = _roster_line(hq, side.id_number) if side.id_number else None
        mismatches = details.get("mismatches")
        if isinstance(mismatches, list):
            evidence.facts.append(("evidence.mismatches", ", ".join(map(str, mismatches))))
        if "face_vs_id_photo" in details:
            evidence.facts.append(("evidence.face_vs_card", str(details["face_vs_id_photo"])))
    elif kind == "home_visit" and details.get("certification_uuid"):
        evidence.view = "home_visit"
        certification_uuid = str(details["certification_uuid"])
        certification = latest_record(hq, certification_uuid) or {}
        facts = certification.get("evidence") if isinstance(certification.get("evidence"), dict) else {}
        assert isinstance(facts, dict)
        evidence.facts.append(("evidence.witness", str(facts.get("witness", ""))))
        evidence.facts.append(("evidence.witness_relation", str(facts.get("witness_relation", ""))))
        location = facts.get("location")
        place = str(certification.get("place") or "")
        if isinstance(location, dict):
            place += " (" + ", ".join(f"{k} {v}" for k, v in sorted(location.items())) + ")"
        evidence.facts.append(("evidence.place", place))
        visited = str(certification.get("certified_at") or "")[:16].replace("T", " ")
        evidence.facts.append(("evidence.visited_at", visited))
        _person_side(hq, evidence, "evidence.enrolled_person")
        if facts.get("notes"):
            evidence.facts.append(("evidence.notes", str(facts["notes"])))
        for uuid, attachment in _attachments(hq, certification_uuid, evidence.review.device_key_id):
            if str(attachment.get("media_type", "")).startswith("image/"):
                evidence.images.append(ImageRef(f"att-{uuid}", str(attachment.get("kind", ""))))
    else:
        for key, value in sorted(details.items()):
            if key not in ("enrollment_uuid", "certification_uuid"):
                evidence.facts.append((key, str(value)))
    if evidence.person_uuid and evidence.roster is None:
        number = id_number_of(hq, evidence.person_uuid)
        evidence.roster = _roster_line(hq, number) if number else None


def build_evidence(hq: HqStore, review: Review, *, with_scores: bool = True) -> Evidence:
    """The evidence of one item (``with_scores=False``: skip the palm comparison, for image requests)."""
    evidence = Evidence(review=review, view="other")
    if review.kind == "duplicate":
        evidence.view = "duplicate"
        _duplicate(hq, evidence, with_scores)
    elif review.kind == "case" and review.record_type == "case":
        _case(hq, evidence)
    elif review.kind == "roster":
        evidence.view = "roster"
        id_number = person_of_review(hq, review.kind, review.record_uuid, review.record_type)
        evidence.roster = _roster_line(hq, id_number) if id_number else None
        record = latest_record(hq, review.record_uuid) or {}
        evidence.person_uuid = str(record.get("person_uuid") or "") or None
        for key in ("cycle", "method", "result", "place", "certified_at"):
            if record.get(key) is not None:
                evidence.facts.append((f"evidence.{key}", str(record[key])))
        _person_side(hq, evidence, "evidence.enrolled_person")
    else:
        evidence.facts.extend((k, str(v)) for k, v in sorted(review.details.items()))
    return evidence


def image_bytes(hq: HqStore, evidence: Evidence, ref: str) -> tuple[str, bytes] | None:
    """(kind, bytes) of one image of this evidence — None if the ref is not part of it.

    ``kind`` is "palm" (a stored capture, to be cropped), "face" or "attachment" (shown as stored).
    """
    if ref not in evidence.refs():
        return None
    kind, _, uuid = ref.partition("-")
    if kind == "att":
        record = latest_record(hq, uuid) or {}
        data = record.get("data")
        return ("attachment", base64.b64decode(data["base64"])) if isinstance(data, dict) else None
    for side in evidence.sides:
        record = latest_record(hq, side.enrollment_uuid) or {}
        for sample in record.get("samples") or []:
            if isinstance(sample, dict) and sample.get("uuid") == uuid and sample.get("image"):
                image = sample["image"]
                raw = base64.b64decode(image["base64"]) if isinstance(image, dict) else b""
                return (kind, raw) if raw else None
    return None
