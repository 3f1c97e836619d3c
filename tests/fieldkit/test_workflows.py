"""Enrolment and certification driven through the same functions the GUI and CLI call, with
synthetic captures (no hardware, no real people)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.errors import UserError
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.records import Person
from storage.store import Store

CYCLE = 2026
CARDS = synthetic_cards(6, seed=11)


def _hands(identity: int, first: int = 0) -> list:  # type: ignore[type-arg]
    return [synthetic_hand(identity, first + i) for i in range(3)]


def _in_roster(store: Store, card) -> None:  # type: ignore[no-untyped-def]
    person = Person(id_number=card.id_number, name=card.name, birth_date=card.birth_date, gender=card.gender)
    with store.transaction("hq"):
        store.roster.apply_import(
            [person],
            present_fields={"id_number", "name"},
            cycle=CYCLE,
            region="r",
            file_sha256="x",
            rejected=0,
        )


def _enroll_images(store: Store, card, images, face=None, **extra):  # type: ignore[no-untyped-def]
    return enroll(
        store,
        card=card,
        face_image=face,
        palm_images=images,
        actor="op",
        device="sim",
        place="丛台区",
        cycle=CYCLE,
        **extra,
    )


def _enroll(store: Store, card, left: int, right: int, **extra):  # type: ignore[no-untyped-def]
    images = {"left": _hands(left), "right": _hands(right)}
    for hand in extra.get("hand_failures", {}):
        images.pop(hand)
    return _enroll_images(store, card, images, **extra)


def _plant_duplicate(store: Store, card, copied: int, right: int):  # type: ignore[no-untyped-def]
    """Enrol ``card`` with fresh captures of an already enrolled left palm (identity ``copied``)."""
    return _enroll_images(
        store, card, {"left": [synthetic_hand(copied, 5 + i) for i in range(3)], "right": _hands(right)}
    )


def _certify(store: Store, card, hand: str, image, attempt: int = 1):  # type: ignore[no-untyped-def]
    return certify(
        store,
        card=card,
        palm_images={hand: image},
        face_image=None,
        actor="op",
        device="sim",
        place="丛台区",
        cycle=CYCLE,
        attempt=attempt,
    )


def test_enrolment_of_a_rostered_person_completes_without_cases(store: Store) -> None:
    _in_roster(store, CARDS[0])
    outcome = _enroll(store, CARDS[0], 1, 2)
    assert outcome.status == "complete" and outcome.cases == [] and outcome.duplicates == []
    stored = store.enrollments.get(outcome.enrollment.uuid)
    assert sum(1 for s in stored.samples if s.modality == "palm") == 6
    assert {e.record_uuid for e in store.outbox.pending()} >= {outcome.enrollment.uuid}
    with pytest.raises(UserError) as info:
        _enroll(store, CARDS[0], 1, 2)
    assert info.value.code == "enroll.already"


def test_unknown_person_is_enrolled_with_an_id_mismatch_case(store: Store) -> None:
    outcome = _enroll(store, CARDS[1], 3, 4)
    assert outcome.status == "complete"
    assert [c.kind for c in outcome.cases] == ["id_mismatch"]
    assert outcome.cases[0].details["mismatches"] == ["not_in_roster"]
    assert store.people.find_by_id_number(CARDS[1].id_number) is not None


def test_name_disagreeing_with_the_roster_opens_a_case(store: Store) -> None:
    _in_roster(store, CARDS[2])
    renamed = dataclasses.replace(CARDS[2], name="王某某")
    outcome = _enroll(store, renamed, 5, 6)
    assert outcome.cases[0].details["mismatches"] == ["name_differs"]


def test_a_hand_that_cannot_be_captured_gets_a_case(store: Store) -> None:
    outcome = _enroll(store, CARDS[3], 7, 8, hand_failures={"right": "amputation"})
    kinds = sorted((c.kind, c.details.get("reason")) for c in outcome.cases)
    assert ("capture_failure", "amputation") in kinds
    with pytest.raises(UserError) as info:
        _enroll(store, CARDS[4], 7, 8, hand_failures={"right": "because"})
    assert info.value.code == "enroll.bad_failure"


def test_planted_duplicate_is_held_for_a_supervisor(store: Store) -> None:
    first = _enroll(store, CARDS[0], 10, 11)
    second = _plant_duplicate(store, CARDS[1], 10, 12)
    assert second.status == "held"
    duplicate = [c for c in second.cases if c.kind == "suspected_duplicate"]
    assert duplicate and duplicate[0].details["other_person_uuid"] == first.person.uuid


def test_samples_of_different_hands_are_refused_and_nothing_is_saved(store: Store) -> None:
    before = store.audit_head()[0]
    mixed = {
        "left": [synthetic_hand(20, 0), synthetic_hand(20, 1), synthetic_hand(21, 0)],
        "right": _hands(22),
    }
    with pytest.raises(UserError) as info:
        _enroll_images(store, CARDS[5], mixed)
    assert info.value.code == "enroll.samples_disagree"
    assert store.audit_head()[0] == before and store.people.find_by_id_number(CARDS[5].id_number) is None


def test_certification_accepts_the_same_palm_and_then_says_already_certified(store: Store) -> None:
    _enroll(store, CARDS[0], 30, 31)
    accepted = _certify(store, CARDS[0], "right", synthetic_hand(31, 9))
    assert accepted.status == "recorded" and accepted.decision is not None
    assert accepted.decision.outcome == "accept" and accepted.certification is not None
    assert accepted.certification.scores["palm_right"] > 0.3
    again = _certify(store, CARDS[0], "right", synthetic_hand(31, 10))
    assert again.status == "already_certified" and "丛台区" in again.message


def test_certification_rejects_another_persons_palm(store: Store) -> None:
    _enroll(store, CARDS[0], 40, 41)
    rejected = _certify(store, CARDS[0], "left", synthetic_hand(99, 0))
    assert rejected.decision is not None and rejected.decision.outcome in ("reject", "retry")
    assert rejected.certification is not None and rejected.certification.result == rejected.decision.outcome
    accepted = _certify(store, CARDS[0], "left", synthetic_hand(40, 7), attempt=2)  # the retry succeeds
    assert accepted.decision is not None and accepted.decision.outcome == "accept"


def test_certifying_someone_not_enrolled_offers_enrolment(store: Store) -> None:
    outcome = _certify(store, CARDS[4], "left", synthetic_hand(1, 0))
    assert outcome.status == "not_enrolled" and outcome.certification is None
    assert store.people.find_by_id_number(CARDS[4].id_number) is None  # nothing was recorded


def test_a_held_enrolment_is_not_certified_against(store: Store) -> None:
    _enroll(store, CARDS[0], 60, 61)
    held = _plant_duplicate(store, CARDS[1], 60, 62)
    assert held.status == "held"
    outcome = _certify(store, CARDS[1], "right", synthetic_hand(62, 8))
    assert outcome.status == "not_enrolled"  # a supervisor must clear the duplicate first


def test_home_visit_records_witness_photo_case_and_receipt(store: Store) -> None:
    from fieldkit.workflows.exceptions import HomeVisit

    _enroll(store, CARDS[0], 80, 81)
    with pytest.raises(UserError) as info:
        certify(
            store,
            card=CARDS[0],
            palm_images={"left": synthetic_hand(80, 7)},
            face_image=None,
            actor="op",
            device="sim",
            place="卧床",
            cycle=CYCLE,
            home_visit=HomeVisit(witness_name="", witness_relation="女儿"),
        )
    assert info.value.code == "certify.witness"
    photo = synthetic_hand(80, 0)  # any picture stands in for the visit photo
    visit = HomeVisit(witness_name="王丽", witness_relation="女儿", photo=photo)
    result = certify(
        store,
        card=CARDS[0],
        palm_images={"left": synthetic_hand(80, 7)},
        face_image=None,
        actor="op",
        device="sim",
        place="卧床",
        cycle=CYCLE,
        home_visit=visit,
    )
    assert result.decision is not None and result.decision.outcome == "accept"
    assert result.certification is not None and result.certification.method == "home_visit"
    assert result.certification.evidence["witness_relation"] == "女儿"
    assert result.receipt is not None and result.receipt.kind == "home_visit"
    assert [c.kind for c in result.cases] == ["home_visit"]
    attachments = store.attachments.for_record(result.certification.uuid)
    assert len(attachments) == 1 and attachments[0].media_type == "image/jpeg"


def test_delegated_and_no_card_certifications_record_their_evidence(store: Store) -> None:
    from fieldkit.workflows.exceptions import Delegation, NoCardApproval

    _enroll(store, CARDS[1], 82, 83)
    with pytest.raises(UserError):
        certify(
            store,
            card=CARDS[1],
            palm_images={"left": synthetic_hand(82, 7)},
            face_image=None,
            actor="op",
            device="sim",
            place="p",
            cycle=CYCLE,
            delegation=Delegation(office="天津", documents=("passport",)),
        )
    result = certify(
        store,
        card=CARDS[1],
        palm_images={"left": synthetic_hand(82, 7)},
        face_image=None,
        actor="op",
        device="sim",
        place="天津河西区社保所",
        cycle=CYCLE,
        delegation=Delegation(office="天津河西区社保所", documents=("retirement_certificate", "id_card")),
        no_card=NoCardApproval(reference="HD-2026-017", approved_by="县社保局 李科长"),
    )
    assert result.certification is not None and result.certification.method == "delegated"
    assert result.certification.evidence["no_card_approval"] == "HD-2026-017"
    assert sorted(c.kind for c in result.cases) == ["delegated_certification", "no_id_card"]
    assert result.receipt is not None and result.receipt.kind == "delegated"


def test_due_list_filters_and_counts(store: Store) -> None:
    from fieldkit.workflows.cases import due_list
    from fieldkit.workflows.exceptions import HomeVisit

    for card in CARDS[:3]:
        _in_roster(store, card)
    _enroll(store, CARDS[0], 130, 131)
    _enroll(store, CARDS[1], 132, 133)
    certify(
        store,
        card=CARDS[1],
        palm_images={"left": synthetic_hand(132, 7)},
        face_image=None,
        actor="op",
        device="sim",
        place="床边",
        cycle=CYCLE,
        home_visit=HomeVisit(witness_name="王丽", witness_relation="女儿"),
    )
    entries = {e.person.id_number: e for e in due_list(store, cycle=CYCLE)}
    assert len(entries) == 3
    assert entries[CARDS[1].id_number].certified and not entries[CARDS[0].id_number].certified
    assert entries[CARDS[0].id_number].enrolled and not entries[CARDS[2].id_number].enrolled
    visits = due_list(store, cycle=CYCLE, home_visit=True)
    assert [e.person.id_number for e in visits] == [CARDS[1].id_number]
    assert due_list(store, cycle=CYCLE, district="nowhere") == []


def test_face_not_matching_the_card_photo_opens_a_review_case(store: Store) -> None:
    from pathlib import Path

    import cv2

    faces = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces" / "lfw7"
    if not faces.is_dir():
        pytest.skip(f"real face captures not found at {faces}")
    people = sorted(p for p in faces.iterdir() if p.is_dir())
    live = cv2.imread(str(sorted(people[0].iterdir())[0]))
    someone_else = cv2.imread(str(sorted(people[1].iterdir())[0]))
    card = dataclasses.replace(CARDS[3], photo_image=someone_else)
    frame = np.full((480, 640, 3), 120, np.uint8)
    frame[100:350, 200:450] = cv2.resize(live, (250, 250))
    outcome = _enroll_images(store, card, {"left": _hands(140), "right": _hands(141)}, face=frame)
    photo_cases = [c for c in outcome.cases if "face_vs_id_photo" in c.details]
    assert photo_cases and outcome.status == "complete"  # reviewed later, never blocking
    assert any(s.modality == "face" for s in store.enrollments.get(outcome.enrollment.uuid).samples)
