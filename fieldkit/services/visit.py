"""The first question of every visit: who is this, and what may we do?

Why: after the card is read the enrolment wizard must know whether the person is already enrolled
(then: certify instead), and the certification screen must know which hands and whether a face are
enrolled (so it starts only the captures that can count) and whether this cycle is already done.
Both answers come from the workflows' own functions (``identify``, ``enrolled_templates``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from capture.devices import CardRecord
from fieldkit.times import display_date
from fieldkit.workflows.certification import enrolled_templates
from fieldkit.workflows.enrollment import is_enrolled
from fieldkit.workflows.enrolment_holds import Hold, hold_of
from fieldkit.workflows.identify import Identification, identify
from storage.store import Store


@dataclass(frozen=True)
class EnrolCheck:
    """The identification, and whether an enrolment already exists."""

    identification: Identification
    already_enrolled: bool
    roster_unit: str = ""
    roster_district: str = ""


def check_for_enrolment(store: Store, card: CardRecord, *, cycle: int) -> EnrolCheck:
    identification = identify(store, card, cycle=cycle)
    person = identification.person
    already = person is not None and is_enrolled(store, person.uuid)
    return EnrolCheck(
        identification,
        already,
        (person.unit or "") if person else "",
        (person.district or "") if person else "",
    )


@dataclass(frozen=True)
class CertifyCheck:
    """What the certification screen needs before it starts the captures."""

    identification: Identification
    enrolled_hands: list[str] = field(default_factory=list)
    has_face: bool = False
    certified_on: str | None = None  # date of this cycle's accepted certification, if any
    certified_at: str = ""
    receipt_number: str = ""  # the receipt of this cycle's accepted certification, for a reprint
    hold: Hold = field(default_factory=Hold)  # why an enrolment that exists cannot be used

    @property
    def enrolled(self) -> bool:
        return bool(self.enrolled_hands) or self.has_face


def check_for_certification(store: Store, card: CardRecord, *, cycle: int) -> CertifyCheck:
    identification = identify(store, card, cycle=cycle)
    person = identification.person
    if person is None:
        return CertifyCheck(identification)
    palms, faces = enrolled_templates(store, person.uuid)
    done = [c for c in store.certifications.for_person(person.uuid, cycle=cycle) if c.result == "accept"]
    receipt = ""
    if done:
        receipt = next(
            (r.number for r in store.receipts.for_person(person.uuid) if r.record_uuid == done[0].uuid), ""
        )
    return CertifyCheck(
        identification,
        sorted(palms),
        bool(faces),
        display_date(done[0].certified_at) if done else None,
        done[0].place if done else "",
        receipt,
        Hold() if palms or faces else hold_of(store, store.enrollments.for_person(person.uuid)),
    )
