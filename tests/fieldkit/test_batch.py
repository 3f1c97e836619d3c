"""Batch files (the laptop's side of sync and USB transfer): signed, encrypted, refused by name when
tampered with, and readable only by the headquarters they were made for."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.device_key import device_public_key
from fieldkit.errors import UserError
from fieldkit.sync.batch import build_batch, write_batch_file
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.envelope import open_batch
from storage.records import Case, Person
from storage.store import Store

NAME, NUMBER = "张秀英", "130402195306151228"


@pytest.fixture
def hq() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def _filled(store: Store) -> None:
    with store.transaction("op"):
        person = store.people.add(Person(id_number=NUMBER, name=NAME))
        store.cases.open(Case(kind="id_mismatch", person_uuid=person.uuid, opened_by="op"))


def _keys(store: Store) -> dict[str, bytes]:
    public = device_public_key(store, "op")
    return {wire_keys.key_id(public): public}


def test_batch_round_trip_with_manifest_hashes(store: Store, hq: X25519PrivateKey, tmp_path: Path) -> None:
    _filled(store)
    batch = build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw())
    path = tmp_path / "out.fkbatch"
    write_batch_file(path, batch)
    raw = path.read_bytes()
    assert NAME.encode() not in raw and NUMBER.encode() not in raw  # a lost USB stick leaks nothing
    opened = open_batch(raw, hq_private_key=hq, device_keys=_keys(store))
    body = json.loads(opened.body)
    entries = body["manifest"]["entries"]
    assert [e["record_type"] for e in entries] == ["person", "case"]
    for entry in entries:
        content = base64.b64decode(body["records"][entry["outbox_uuid"]])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"] and len(content) == entry["size"]
    person = json.loads(base64.b64decode(body["records"][entries[0]["outbox_uuid"]]))
    assert person["name"] == NAME and body["manifest"]["store_id"] == store.store_id
    assert store.outbox.pending_count() == 2  # nothing is acknowledged until headquarters answers


def test_tampering_and_wrong_keys_are_refused_by_name(store: Store, hq: X25519PrivateKey) -> None:
    _filled(store)
    data = build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw()).data
    keys = _keys(store)
    cases = {
        "batch.altered": (data[:-10] + bytes([data[-10] ^ 1]) + data[-9:], hq, keys),
        "batch.foreign": (b"PK" + data[2:], hq, keys),
        "batch.damaged": (data[:40], hq, keys),
        "batch.unknown_device": (data, hq, {}),
    }
    for code, (blob, key, known) in cases.items():
        with pytest.raises(UserError) as info:
            open_batch(blob, hq_private_key=key, device_keys=known)
        assert info.value.code == code, code
    with pytest.raises(UserError) as info:
        open_batch(data, hq_private_key=X25519PrivateKey.generate(), device_keys=keys)
    assert info.value.code == "batch.altered"  # encrypted for another headquarters
    header_edit = bytearray(data)
    header_edit[20] ^= 1  # inside the header JSON, bound as associated data
    with pytest.raises(UserError):
        open_batch(bytes(header_edit), hq_private_key=hq, device_keys=keys)


def test_operator_password_hashes_never_travel(store: Store, hq: X25519PrivateKey) -> None:
    from fieldkit import auth

    auth.add_operator(store, login="wang", name="王芳", role="operator", password="secret-pw-1", actor="op")
    batch = build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw())
    body = json.loads(open_batch(batch.data, hq_private_key=hq, device_keys=_keys(store)).body)
    operator = json.loads(base64.b64decode(next(iter(body["records"].values()))))
    assert operator["login"] == "wang" and operator["password_hash"] == ""


def test_empty_outbox_is_a_clear_error(store: Store, hq: X25519PrivateKey) -> None:
    with pytest.raises(UserError) as info:
        build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw())
    assert info.value.code == "batch.empty"


def test_headquarters_reports_records_that_never_arrived(
    store: Store, hq: X25519PrivateKey, tmp_path: Path
) -> None:
    from fieldkit.hq.intake import intake
    from fieldkit.hq.store import HqStore

    with store.transaction("op"):
        for number in ("130402195306151228", "11010519491231002X", "440524195001010012"):
            store.people.add(Person(id_number=number, name="测试"))
    second = store.outbox.pending()[1]
    with store.transaction("op"):
        store.outbox.mark_sent([second.seq])  # as if its acknowledgement came by some other route
    batch = build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw())
    hq_store = HqStore.open(tmp_path / "hq", create=True)
    try:
        report = intake(hq_store, open_batch(batch.data, hq_private_key=hq, device_keys=_keys(store)))
    finally:
        hq_store.close()
    assert report.counts() == {"accepted": 2}
    assert report.missing_ranges == [(second.seq, second.seq)] and report.missing_count == 1
    assert report.as_answer()["missing_sequences"] == [second.seq]  # what laptops before ranges read
