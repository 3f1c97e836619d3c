"""Certifications that need more than a palm: home visits, delegated certification, and people
without a second-generation ID card.

Why they are data, not separate flows: the capture and decision are the same as any certification
(``certify``); what differs is the evidence recorded beside it and who must look at it later. A
home visit adds time, place, witness and a photo (kept encrypted as an attachment); a delegated
certification records the documents presented at the other office; a person without a card is
certified under an approval that a county official gave, recorded as a case with its reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from fieldkit.errors import UserError
from storage.attachments import Attachment
from storage.records import Case
from storage.store import Store

DELEGATION_DOCUMENTS = ("retirement_certificate", "id_card", "assistance_form", "other")


@dataclass(frozen=True)
class HomeVisit:
    """A bedside certification: who witnessed it, a photo of the visit, and where it took place
    (``{"latitude", "longitude", "source"}`` from GPS or typed coordinates, or ``{"address"}``)."""

    witness_name: str
    witness_relation: str
    photo: npt.NDArray[np.uint8] | None = None
    notes: str = ""
    location: dict[str, object] | None = None


@dataclass(frozen=True)
class Delegation:
    """Certification at another office on this agency's behalf, and the documents presented there."""

    office: str
    documents: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class NoCardApproval:
    """The approval under which someone without an ID card may be certified another way."""

    reference: str
    approved_by: str  # the county official who approved it


def evidence_for(
    home_visit: HomeVisit | None, delegation: Delegation | None, no_card: NoCardApproval | None
) -> tuple[str, str, dict[str, object]]:
    """(method, receipt kind, evidence) for a certification; refuses incomplete evidence."""
    if sum(x is not None for x in (home_visit, delegation)) > 1:
        raise UserError(
            "A certification is either a home visit or delegated, not both.", code="certify.exception"
        )
    evidence: dict[str, object] = {}
    method, kind = "palm", "certification"
    if home_visit is not None:
        if not home_visit.witness_name.strip() or not home_visit.witness_relation.strip():
            raise UserError("A home visit needs the witness's name and relation.", code="certify.witness")
        method, kind = "home_visit", "home_visit"
        evidence.update(
            witness=home_visit.witness_name.strip(),
            witness_relation=home_visit.witness_relation.strip(),
            notes=home_visit.notes,
            photo=home_visit.photo is not None,
        )
        if home_visit.location:
            evidence["location"] = dict(home_visit.location)
    if delegation is not None:
        unknown = [d for d in delegation.documents if d not in DELEGATION_DOCUMENTS]
        if not delegation.office.strip() or not delegation.documents or unknown:
            raise UserError(
                f"A delegated certification needs the office and the documents presented "
                f"({', '.join(DELEGATION_DOCUMENTS)}).",
                code="certify.delegation",
            )
        method, kind = "delegated", "delegated"
        evidence.update(office=delegation.office.strip(), documents=list(delegation.documents))
    if no_card is not None:
        if not no_card.reference.strip() or not no_card.approved_by.strip():
            raise UserError(
                "Certifying without an ID card needs the approval reference and the approving official.",
                code="certify.no_card_approval",
            )
        evidence.update(no_card_approval=no_card.reference.strip(), approved_by=no_card.approved_by.strip())
    return method, kind, evidence


def record_exception(
    store: Store,
    *,
    certification_uuid: str,
    person_uuid: str,
    actor: str,
    home_visit: HomeVisit | None,
    delegation: Delegation | None,
    no_card: NoCardApproval | None,
) -> list[Case]:
    """Inside the certification's transaction: the photo attachment and the cases for headquarters."""
    cases: list[Case] = []
    if home_visit is not None and home_visit.photo is not None:
        ok, jpeg = cv2.imencode(".jpg", home_visit.photo, [cv2.IMWRITE_JPEG_QUALITY, 85])
        if not ok:
            raise UserError("The home-visit photo could not be encoded.", code="certify.photo")
        store.attachments.add(
            Attachment(
                record_type="certification",
                record_uuid=certification_uuid,
                kind="home_visit_photo",
                media_type="image/jpeg",
                data=jpeg.tobytes(),
            )
        )

    def open_case(kind: str, **details: object) -> None:
        case = Case(
            kind=kind,
            person_uuid=person_uuid,
            opened_by=actor,
            details={"certification_uuid": certification_uuid, **details},
        )
        cases.append(store.cases.open(case))

    if home_visit is not None:
        open_case("home_visit", witness_relation=home_visit.witness_relation)
    if delegation is not None:
        open_case("delegated_certification", office=delegation.office)
    if no_card is not None:
        open_case("no_id_card", approval=no_card.reference, approved_by=no_card.approved_by)
    return cases
