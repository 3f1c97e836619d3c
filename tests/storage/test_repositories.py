"""Repositories for the records later workflows write: enrollments with samples, certifications,
cases, receipts, and the outbox that carries them to headquarters."""

from __future__ import annotations

import uuid

import pytest

from storage.errors import Conflict, NotFound
from storage.records import BiometricSample, Case, Certification, Enrollment, Person, Receipt, new_uuid
from storage.store import Store


@pytest.fixture
def person(store: Store) -> Person:
    with store.transaction("op"):
        return store.people.add(Person(id_number="130402195306151228", name="张秀英"))


def test_new_uuid_is_a_random_version_4_uuid() -> None:
    made = {new_uuid() for _ in range(2000)}
    assert len(made) == 2000
    for text in list(made)[:200]:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text


def test_enrollment_with_samples_round_trips(store: Store, person: Person) -> None:
    samples = [
        BiometricSample(modality="face", image=b"\x89PNG face", image_format="png", quality=88.0),
        *(
            BiometricSample(
                modality="palm",
                hand=hand,
                sample_index=i,
                image=bytes([i]) * 50,
                image_format="png",
                template=b"T" + bytes([i]),
                template_format="palm-test/1",
                quality=70.0 + i,
            )
            for hand in ("left", "right")
            for i in range(3)
        ),
    ]
    enrollment = Enrollment(
        person_uuid=person.uuid, operator_uuid="op", device="sim", place="丛台区", samples=samples
    )
    with store.transaction("op"):
        store.enrollments.add(enrollment)
    loaded = store.enrollments.get(enrollment.uuid)
    assert len(loaded.samples) == 7 and loaded.place == "丛台区"
    assert {s.uuid for s in loaded.samples} == {s.uuid for s in samples}
    gallery = list(store.enrollments.templates("palm-test/1"))
    assert len(gallery) == 6 and all(row[0] == person.uuid for row in gallery)
    assert store.enrollments.for_person(person.uuid)[0].uuid == enrollment.uuid
    assert enrollment.uuid in {e.record_uuid for e in store.outbox.pending()}


def test_enrollment_for_unknown_person_is_refused(store: Store) -> None:
    with pytest.raises(NotFound), store.transaction("op"):
        store.enrollments.add(Enrollment(person_uuid=new_uuid(), operator_uuid=None, device="d", place="p"))


def test_certifications_by_cycle(store: Store, person: Person) -> None:
    with store.transaction("op"):
        for cycle, result in ((2025, "accepted"), (2026, "retry"), (2026, "accepted")):
            store.certifications.add(
                Certification(
                    person_uuid=person.uuid,
                    cycle=cycle,
                    method="palm+face",
                    result=result,
                    operator_uuid="op",
                    device="sim",
                    place="p",
                    scores={"palm": 0.91},
                    evidence={"witness": "李四"},
                )
            )
    assert len(store.certifications.for_person(person.uuid)) == 3
    this_year = store.certifications.for_person(person.uuid, cycle=2026)
    assert sorted(c.result for c in this_year) == ["accepted", "retry"]
    assert this_year[0].evidence == {"witness": "李四"}


def test_cases_get_references_and_are_decided_once(store: Store, person: Person) -> None:
    with store.transaction("op"):
        first = store.cases.open(Case(kind="id_mismatch", person_uuid=person.uuid, opened_by="op"))
        second = store.cases.open(
            Case(kind="no_id_card", person_uuid=None, opened_by="op", details={"approval": "county"})
        )
    assert first.reference != second.reference and first.reference.endswith("-00001")
    assert [c.uuid for c in store.cases.list(status="open")] == [first.uuid, second.uuid]
    with store.transaction("sup"):
        decided = store.cases.decide(first.uuid, status="approved", decided_by="sup", note="corrected")
    assert decided.status == "approved" and decided.decided_by == "sup"
    with pytest.raises(Conflict), store.transaction("sup"):
        store.cases.decide(first.uuid, status="rejected", decided_by="sup", note="again")
    assert store.cases.get(second.uuid).details == {"approval": "county"}


def test_receipts_are_unique_and_count_copies(store: Store, person: Person) -> None:
    receipt = Receipt(
        number="R-2026-000001",
        kind="enrollment",
        record_uuid=new_uuid(),
        person_uuid=person.uuid,
        payload=b"{}",
        signature=b"sig",
    )
    with store.transaction("op"):
        store.receipts.add(receipt)
    with pytest.raises(Conflict), store.transaction("op"):
        store.receipts.add(
            Receipt(
                number="R-2026-000001",
                kind="enrollment",
                record_uuid=new_uuid(),
                person_uuid=person.uuid,
                payload=b"{}",
                signature=b"sig",
            )
        )
    with store.transaction("op"):
        assert store.receipts.count_copy("R-2026-000001").copies == 1
    assert store.receipts.get_by_number("R-2026-000001").copies == 1


def test_outbox_mark_sent(store: Store, person: Person) -> None:
    pending = store.outbox.pending()
    assert [e.record_uuid for e in pending] == [person.uuid]
    with store.transaction("sync"):
        store.outbox.mark_sent([e.seq for e in pending])
    assert store.outbox.pending_count() == 0
