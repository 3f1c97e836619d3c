"""Intake rules that protect headquarters from an approved but misbehaving laptop: a record changes
only on the device that made it (or by an HQ decision), sequence numbers are bounded, gaps are
reported as intervals, and a rewritten audit chain is reported (on SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from fieldkit.device_key import device_key, device_public_key
from fieldkit.hq.intake import IntakeReport, intake
from fieldkit.hq.keys import key_for_batch
from fieldkit.hq.reviews import decide_review, list_reviews
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.envelope import open_batch, seal_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Person
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import register

ID_A = "130402195306151228"
ID_B = "11010519491231002X"


def _take(hq_home: Path, data: bytes) -> IntakeReport:
    hq = HqStore.open(hq_home)
    try:
        return intake(
            hq, open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys())
        )
    finally:
        hq.close()


def _send_outbox(store: Store, hq_home: Path) -> IntakeReport:
    batch = build_batch(store, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE))
    report = _take(hq_home, batch.data)
    with store.transaction("op"):
        store.outbox.mark_sent([e.seq for e in store.outbox.pending()])
    return report


def _forged_batch(store: Store, hq_home: Path, entries: list[tuple[dict[str, Any], bytes]]) -> bytes:
    """A batch sealed by ``store``'s (approved) device key holding hand-made entries."""
    records, manifest_entries = {}, []
    for entry, content in entries:
        outbox_uuid = str(uuid.uuid4())
        records[outbox_uuid] = base64.b64encode(content).decode()
        manifest_entries.append(
            {
                "outbox_uuid": outbox_uuid,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
                **entry,
            }
        )
    batch_id = str(uuid.uuid4())
    body = json.dumps({"manifest": {"batch_id": batch_id, "entries": manifest_entries}, "records": records})
    public = device_public_key(store, "op")
    return seal_batch(
        body.encode(),
        batch_id=batch_id,
        device_key=device_key(store, "op"),
        device_key_id=wire_keys.key_id(public),
        hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
    )


def _other_store(tmp_path: Path, template_store: Path) -> Store:
    path = tmp_path / "other.db"
    shutil.copyfile(template_store, path)
    return Store.open(path, PASSPHRASE)  # note: its device key is made on first use, its own


def _scalar(hq_home: Path, sql: str, params: tuple[Any, ...] = ()) -> Any:
    hq = HqStore.open(hq_home)
    try:
        return hq.db.scalar(sql, params)
    finally:
        hq.close()


def test_another_device_cannot_change_someone_elses_person(
    store: Store, hq_home: Path, tmp_path: Path, template_store: Path
) -> None:
    with store.transaction("op"):
        person = store.people.add(Person(id_number=ID_A, name="测试"))
    register(store, hq_home, "team A")
    assert _send_outbox(store, hq_home).counts() == {"accepted": 1}
    assert (
        _scalar(hq_home, "SELECT id_number FROM person_links WHERE person_uuid = ?", (person.uuid,)) == ID_A
    )
    held = _scalar(hq_home, "SELECT content FROM records WHERE record_uuid = ?", (person.uuid,))
    changed = json.loads(bytes(held))
    changed["id_number"] = ID_B
    content = json.dumps(changed, sort_keys=True).encode()

    other = _other_store(tmp_path, template_store)
    try:
        register(other, hq_home, "team B")
        forged = _forged_batch(
            other,
            hq_home,
            [({"record_uuid": person.uuid, "record_type": "person", "version": 2, "sequence": 1}, content)],
        )
        report = _take(hq_home, forged)
    finally:
        other.close()
    assert report.statuses == {person.uuid: "rejected"}
    assert "made on another device" in report.reasons[person.uuid]
    assert (
        _scalar(hq_home, "SELECT id_number FROM person_links WHERE person_uuid = ?", (person.uuid,)) == ID_A
    )
    assert _scalar(hq_home, "SELECT count(*) FROM records WHERE record_uuid = ?", (person.uuid,)) == 1
    assert _scalar(hq_home, "SELECT count(*) FROM reviews WHERE kind = 'ownership'") == 1

    # a reviewer rejects it: still refused; a reviewer approves it: the device may send it
    def decide(approve: bool) -> None:
        hq = HqStore.open(hq_home)
        try:
            (item,) = [r for r in list_reviews(hq, status="open") if r.kind == "ownership"]
            decide_review(hq, item.id, approve=approve, note="checked by phone", decided_by="wang")
        finally:
            hq.close()

    def resend(sequence: int) -> str:
        other = Store.open(tmp_path / "other.db", PASSPHRASE)
        try:
            meta = {"record_uuid": person.uuid, "record_type": "person", "version": 2, "sequence": sequence}
            return _take(hq_home, _forged_batch(other, hq_home, [(meta, content)])).statuses[person.uuid]
        finally:
            other.close()

    decide(approve=False)
    assert resend(2) == "rejected"
    decide(approve=True)
    assert resend(3) in ("accepted", "needs_review")
    assert _scalar(hq_home, "SELECT count(*) FROM records WHERE record_uuid = ?", (person.uuid,)) == 2


def test_the_maker_may_send_later_versions(store: Store, hq_home: Path) -> None:
    with store.transaction("op"):
        person = store.people.add(Person(id_number=ID_A, name="测试"))
    register(store, hq_home, "team A")
    _send_outbox(store, hq_home)
    held = _scalar(hq_home, "SELECT content FROM records WHERE record_uuid = ?", (person.uuid,))
    changed = json.loads(bytes(held))
    changed["name"] = "测试二"
    content = json.dumps(changed, sort_keys=True).encode()
    own = _forged_batch(
        store,
        hq_home,
        [({"record_uuid": person.uuid, "record_type": "person", "version": 2, "sequence": 2}, content)],
    )
    assert _take(hq_home, own).statuses[person.uuid] in ("accepted", "needs_review")


def test_absurd_sequence_numbers_are_refused_and_gaps_are_intervals(store: Store, hq_home: Path) -> None:
    register(store, hq_home)

    def entry(sequence: Any) -> tuple[dict[str, Any], bytes]:
        record = {"uuid": str(uuid.uuid4()), "kind": "note"}
        meta = {
            "record_uuid": record["uuid"],
            "record_type": "attachment",
            "version": 1,
            "sequence": sequence,
        }
        return meta, json.dumps(record).encode()

    huge = [entry(2**63), entry(2**53 + 1), entry(-5), entry("7"), entry(1.5)]
    report = _take(hq_home, _forged_batch(store, hq_home, huge))
    assert set(report.statuses.values()) == {"rejected"} and len(report.statuses) == 5
    assert _scalar(hq_home, "SELECT count(*) FROM records") == 0

    far = _take(hq_home, _forged_batch(store, hq_home, [entry(1), entry(5), entry(50_000_000)]))
    assert sorted(far.statuses.values()) == ["accepted", "accepted", "rejected"]
    assert far.missing_ranges == [(2, 4)] and far.missing_count == 3

    wide = _take(hq_home, _forged_batch(store, hq_home, [entry(900_000)]))
    assert wide.missing_ranges == [(2, 4), (6, 899_999)] and wide.missing_count == 899_997
    answer = wide.as_answer()
    assert answer["missing_ranges"] == [[2, 4], [6, 899_999]] and answer["missing_count"] == 899_997
    assert len(answer["missing_sequences"]) == 1000  # the old list is capped, never 900,000 numbers


def test_a_rewritten_audit_chain_is_reported(
    store: Store, store_file: Path, hq_home: Path, tmp_path: Path
) -> None:
    register(store, hq_home)
    with store.transaction("op"):
        store.people.add(Person(id_number=ID_A, name="测试"))
    store.close()
    fork_file = tmp_path / "fork.db"
    shutil.copyfile(store_file, fork_file)  # a copy of the laptop, taken now (same device key)
    laptop = Store.open(store_file, PASSPHRASE)
    fork = Store.open(fork_file, PASSPHRASE)
    try:
        first = _send_outbox(laptop, hq_home)
        assert first.audit_problem is None and first.as_answer()["audit_chain"] == "ok"
        with laptop.transaction("op"):
            laptop.people.add(Person(id_number=ID_B, name="测试"))
        assert _send_outbox(laptop, hq_home).audit_problem is None  # a chain that grew is fine

        # the copy goes its own way (as a rewritten history would): its chain no longer extends HQ's
        with fork.transaction("op"):
            fork.people.add(Person(id_number="440524195001010012", name="测试"))
        with fork.transaction("op"):
            fork.people.add(Person(id_number="370102194805050010", name="测试"))
        forked = _send_outbox(fork, hq_home)
    finally:
        laptop.close()
        fork.close()
    assert forked.audit_problem is not None and "does not extend" in forked.audit_problem
    assert forked.as_answer()["audit_chain"] == "rewritten"
    assert _scalar(hq_home, "SELECT count(*) FROM reviews WHERE kind = 'audit_chain'") == 1
