"""Read queries the application needs (so that nothing outside ``storage`` touches the connection):
receipts newest first and by person, receipt-number counting, the day's enrolments and
certifications, who is done in a cycle, and "is a transaction open?"."""

from __future__ import annotations

import pytest

from storage.errors import ProgrammingError
from storage.records import Certification, Enrollment, Person, Receipt
from storage.store import Store


def _person(store: Store, number: str) -> Person:
    return store.people.add(Person(id_number=number, name="测试"))


def test_receipts_newest_first_by_person_and_counted_by_stem(store: Store) -> None:
    with store.transaction("op"):
        a, b = _person(store, "130402195306151228"), _person(store, "11010519491231002X")
        for index, person in enumerate((a, b, a)):
            store.receipts.add(
                Receipt(f"ABC-2026-R{index + 1:06d}", "enrollment", f"rec-{index}", person.uuid, b"p", b"s")
            )
    assert [r.number for r in store.receipts.recent(limit=2)] == ["ABC-2026-R000003", "ABC-2026-R000002"]
    assert [r.number for r in store.receipts.for_person(a.uuid)] == ["ABC-2026-R000003", "ABC-2026-R000001"]
    assert store.receipts.count_numbered("ABC-2026-R") == 3
    assert store.receipts.count_numbered("ABC-2027-R") == 0


def test_the_days_records_and_the_cycles_done_list(store: Store) -> None:
    with store.transaction("op"):
        a, b = _person(store, "130402195306151228"), _person(store, "11010519491231002X")
        store.enrollments.add(
            Enrollment(a.uuid, "op", "laptop", "here", "complete", [], completed_at="2026-11-28T01:00:00Z")
        )
        store.enrollments.add(
            Enrollment(b.uuid, "op", "laptop", "here", "incomplete", [], completed_at="2026-11-29T01:00:00Z")
        )
        for person, result, at in (
            (a, "accept", "2026-11-28T02:00:00Z"),
            (b, "reject", "2026-11-28T03:00:00Z"),
        ):
            store.certifications.add(
                Certification(person.uuid, 2026, "palm", result, "op", "laptop", "here", certified_at=at)
            )
    day = ("2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z")
    assert store.enrollments.completed_between(*day) == [("complete", "2026-11-28T01:00:00Z")]
    assert sorted(store.certifications.made_between(*day)) == [
        ("palm", "accept", "2026-11-28T02:00:00Z"),
        ("palm", "reject", "2026-11-28T03:00:00Z"),
    ]
    assert store.certifications.people_accepted(2026) == {a.uuid}
    assert store.enrollments.people_with_status("complete") == {a.uuid}


def test_in_transaction(store: Store) -> None:
    assert not store.in_transaction
    with pytest.raises(ProgrammingError):
        store.require_transaction()
    with store.transaction("op"):
        assert store.in_transaction and store.require_transaction() == "op"
    assert not store.in_transaction
