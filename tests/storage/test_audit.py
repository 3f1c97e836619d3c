"""Tamper detection in the hash-chained audit trail: every kind of edit is found and named."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture
def trail(store_file: Path) -> Path:
    """A store with a dozen audited writes; returns its path (closed)."""
    with Store.open(store_file, PASSPHRASE) as store:
        for i in range(12):
            with store.transaction(f"op-{i % 3}"):
                store.people.add(Person(id_number=f"ID{i:016d}", name=f"person {i}"))
    return store_file


def _tamper(path: Path, *statements: str) -> Store:
    store = Store.open(path, PASSPHRASE)
    db = store._session.db
    db.execute("DROP TRIGGER audit_events_no_update")  # what a deliberate forger has to do first
    db.execute("DROP TRIGGER audit_events_no_delete")
    for statement in statements:
        db.execute(statement)
    return store


def test_intact_trail_verifies(trail: Path) -> None:
    with Store.open(trail, PASSPHRASE) as store:
        report = store.verify_audit()
    assert report.ok and report.checked == 13  # store.create + 12 writes


def test_trail_refuses_update_and_delete_without_ddl(trail: Path) -> None:
    with Store.open(trail, PASSPHRASE) as store:
        db = store._session.db
        with pytest.raises(Exception, match="append-only"):
            db.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 3")
        with pytest.raises(Exception, match="append-only"):
            db.execute("DELETE FROM audit_events WHERE seq = 3")


def test_modified_event_is_named(trail: Path) -> None:
    with _tamper(trail, "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 5") as store:
        problems = store.verify_audit().problems
    assert len(problems) == 1 and problems[0].startswith("event #5 ") and "modified" in problems[0]


def test_deleted_event_is_named(trail: Path) -> None:
    with _tamper(trail, "DELETE FROM audit_events WHERE seq = 7") as store:
        problems = store.verify_audit().problems
    assert any("#7" in p and "deleted" in p for p in problems), problems


def test_deleted_newest_events_are_found(trail: Path) -> None:
    with _tamper(trail, "DELETE FROM audit_events WHERE seq >= 12") as store:
        problems = store.verify_audit().problems
    assert any("2 event(s) were deleted" in p for p in problems), problems


def test_reordered_events_are_named(trail: Path) -> None:
    with _tamper(
        trail,
        "UPDATE audit_events SET seq = 1000 WHERE seq = 4",
        "UPDATE audit_events SET seq = 4 WHERE seq = 5",
        "UPDATE audit_events SET seq = 5 WHERE seq = 1000",
    ) as store:
        problems = store.verify_audit().problems
    assert any("out of order" in p for p in problems), problems
    assert not any("modified" in p for p in problems)  # content is intact; only the order changed


def test_rewritten_hash_still_breaks_the_chain(trail: Path) -> None:
    # a forger who edits an event and recomputes its own hash still breaks the next link
    with Store.open(trail, PASSPHRASE) as store:
        event = store.audit_events()[5]
    from storage.audit import event_hash

    forged = event_hash(
        uuid=event.uuid,
        at=event.at,
        actor="forger",
        action=event.action,
        record_type=event.record_type,
        record_uuid=event.record_uuid,
        details="{}",
        prev_hash=event.prev_hash,
    )
    with _tamper(
        trail, f"UPDATE audit_events SET actor = 'forger', hash = '{forged}' WHERE seq = {event.seq}"
    ) as store:
        problems = store.verify_audit().problems
    assert any(f"#{event.seq + 1}" in p for p in problems), problems
