"""Set-wise intake (issue 18) answers as the one-statement-at-a-time intake did: entries are decided in
manifest order against what the database held *and* what earlier entries of the same batch did.

- Version 1 and version 2 of a record in one batch: both accepted; the same version twice in one
  batch with other bytes: the second is a conflict (queued for review once).
- A person record earlier in the batch names the person for a later enrollment's gallery templates
  and package index row.
- One change number stamps everything the batch indexed.
"""

from __future__ import annotations

import json
from pathlib import Path

from fieldkit.hq.store import HqStore
from storage.records import Person
from storage.store import Store
from tests.fieldkit.hq_helpers import register
from tests.fieldkit.test_hq_intake_rules import _forged_batch, _take

ID_NUMBER = "130402195306151228"


def test_versions_and_conflicts_inside_one_batch(store: Store, hq_home: Path) -> None:
    register(store, hq_home)
    first = json.dumps({"uuid": "c1", "kind": "capture_failure", "status": "closed"}).encode()
    second = json.dumps({"uuid": "c1", "kind": "capture_failure", "status": "closed", "n": 2}).encode()
    other = json.dumps({"uuid": "c2", "kind": "capture_failure", "status": "closed"}).encode()
    changed = json.dumps({"uuid": "c2", "kind": "capture_failure", "status": "closed", "x": 1}).encode()
    data = _forged_batch(
        store,
        hq_home,
        [
            ({"record_uuid": "c1", "record_type": "case", "version": 1, "sequence": 1}, first),
            ({"record_uuid": "c1", "record_type": "case", "version": 2, "sequence": 2}, second),
            ({"record_uuid": "c2", "record_type": "case", "version": 1, "sequence": 3}, other),
            ({"record_uuid": "c2", "record_type": "case", "version": 1, "sequence": 4}, changed),
        ],
    )
    report = _take(hq_home, data)
    assert report.statuses == {"c1": "accepted", "c2": "conflict"}
    hq = HqStore.open(hq_home)
    try:
        held = hq.db.execute(
            "SELECT record_uuid, version FROM records ORDER BY record_uuid, version"
        ).fetchall()
        assert [(str(u), int(v)) for u, v in held] == [("c1", 1), ("c1", 2), ("c2", 1)]
        kinds = [str(k) for (k,) in hq.db.execute("SELECT kind FROM reviews").fetchall()]
        assert kinds == ["conflict"]
    finally:
        hq.close()
    again = _take(hq_home, data)  # the same batch re-sent: all held, nothing new
    assert set(again.statuses.values()) <= {"already_had", "conflict"} and again.repeated_batch


def test_a_person_earlier_in_the_batch_names_a_later_enrollment(store: Store, hq_home: Path) -> None:
    register(store, hq_home)
    with store.transaction("op"):
        person = store.people.add(Person(id_number=ID_NUMBER, name="测试"))
    person_json = json.dumps({"uuid": person.uuid, "id_number": ID_NUMBER, "name": "测试"}).encode()
    template = {"base64": "AAECAw=="}
    enrollment = {
        "uuid": "e1",
        "person_uuid": person.uuid,
        "status": "complete",
        "samples": [
            {
                "uuid": f"s{i}",
                "modality": "palm",
                "hand": "left",
                "template": template,
                "template_format": "t1",
            }
            for i in range(3)
        ],
    }
    data = _forged_batch(
        store,
        hq_home,
        [
            ({"record_uuid": person.uuid, "record_type": "person", "version": 1, "sequence": 1}, person_json),
            (
                {"record_uuid": "e1", "record_type": "enrollment", "version": 1, "sequence": 2},
                json.dumps(enrollment).encode(),
            ),
        ],
    )
    report = _take(hq_home, data)
    assert report.statuses == {person.uuid: "accepted", "e1": "accepted"}
    assert report.new_enrollments == ["e1"]
    hq = HqStore.open(hq_home)
    try:
        rows = hq.db.execute("SELECT id_number, change_seq FROM templates").fetchall()
        assert len(rows) == 3 and {str(r[0]) for r in rows} == {ID_NUMBER}
        indexed = hq.db.execute("SELECT id_number, change_seq FROM package_enrollments").fetchall()
        assert [str(r[0]) for r in indexed] == [ID_NUMBER]
        stamps = {int(r[1]) for r in rows} | {int(indexed[0][1])}
        assert stamps == {int(hq.meta("change_seq") or 0)}  # one change number for the batch
    finally:
        hq.close()
