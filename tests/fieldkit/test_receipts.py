"""Signed receipts: the device key, the canonical payload, signatures, QR text, numbering, issuing
inside the caller's transaction, and offline verification."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.device_key import DEVICE_KEY_META, device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.identity.id_binding import bind_id, id_matches
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows import receipts as r
from fieldkit.workflows.receipt_facts import ReceiptFacts
from storage.errors import NotFound, ProgrammingError
from storage.records import Person, Receipt, new_uuid
from storage.store import Store
from tests.conftest import PASSPHRASE

ID_NUMBER = "130402195306151220"
OLD_CARD = "130402530615122"  # the same person's first-generation 15-digit number
NAME = "张秀英"


@pytest.fixture
def person(store: Store) -> Person:
    with store.transaction("op"):
        return store.people.add(Person(id_number=ID_NUMBER, name=NAME))


FACTS = ReceiptFacts(
    name=NAME, gender="female", place="河西区社区中心", team="T7", operator="王芳",
    agency="天津市社会保险事业管理中心", agency_en="", extra=(("见证人", "Witness", "李明（儿子）"),),
)  # fmt: skip
SALT = bytes(range(16))


def _payload(**changes: str) -> bytes:
    fields: dict[str, object] = {
        "number": "ABC123-2026-R000001",
        "kind": "certification",
        "record_uuid": "0b5e8a4c-1f7d-4a3e-9c1b-2d6f8e0a7b35",
        "id_number": ID_NUMBER,
        "result": "alive",
        "issued_at": "2026-11-28T13:50:05.123456Z",
        "device": "laptop-07",
        "key_id": "0123456789abcdef",
    }
    return r.canonical_payload(**{**fields, **changes}, facts=FACTS, id_salt=SALT)  # type: ignore[arg-type]


def _issue(store: Store, person: Person, issued_at: str | None = None) -> Receipt:
    with store.transaction("op"):
        return r.issue_receipt(
            store,
            kind="certification",
            record_uuid=new_uuid(),
            person_uuid=person.uuid,
            id_number=ID_NUMBER,
            result="alive",
            device="laptop-07",
            actor="op",
            issued_at=issued_at,
        )


def _stored_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# -- device key ------------------------------------------------------------------------------------
def test_device_key_is_made_once_and_never_stored_in_clear(store: Store, store_file: Path) -> None:
    public = device_public_key(store, "op")
    assert len(public) == 32
    assert device_public_key(store, "op") == public
    secret = device_key(store, "op").private_bytes_raw()
    made = [e for e in store.audit_events() if e.action == "device.key_created"]
    assert len(made) == 1 and made[0].details == {"key": "device_signing_key"}
    for clear in (secret, secret.hex().encode(), secret.hex().upper().encode()):
        assert clear not in _stored_bytes(store_file)
    store.close()
    for clear in (secret, secret.hex().encode(), secret.hex().upper().encode()):
        assert clear not in _stored_bytes(store_file)
    with Store.open(store_file, PASSPHRASE) as reopened:
        assert device_public_key(reopened, "op") == public
        assert len([e for e in reopened.audit_events() if e.action == "device.key_created"]) == 1


def test_key_id_is_a_short_hash_of_the_public_key(store: Store) -> None:
    key_id = wire_keys.key_id(device_public_key(store, "op"))
    assert len(key_id) == 16 and int(key_id, 16) >= 0
    assert wire_keys.key_id(bytes(32)) != key_id


def test_set_meta_needs_a_transaction_and_spares_the_stores_own_keys(store: Store) -> None:
    with pytest.raises(ProgrammingError):
        store.set_meta("anything", "x", action="test.meta")
    with pytest.raises(ProgrammingError), store.transaction("op"):
        store.set_meta("store_id", "forged", action="test.meta")
    with store.transaction("op"):
        store.set_meta("anything", "x", action="test.meta")
    assert store.meta("anything") == "x"
    assert store.verify_audit().ok


# -- payload and signatures ------------------------------------------------------------------------
def test_payload_is_canonical_signs_the_page_and_holds_no_id_number() -> None:
    payload = _payload()
    assert payload == _payload() == _payload(id_number=OLD_CARD)
    fields = json.loads(payload)
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert payload == canonical.encode("utf-8")
    assert fields["v"] == 2 and fields["id"]["kdf"] == "scrypt" and fields["id"]["log2_n"] >= 16
    assert r.payload_facts(fields) == FACTS  # every printed fact is in the signed bytes
    for part in (ID_NUMBER, OLD_CARD, ID_NUMBER[6:14], ID_NUMBER[:6], ID_NUMBER[-4:]):
        assert part.encode() not in payload
    assert b"id_number" not in payload and b"id_hash" not in payload
    assert r.payload_matches_id(fields, ID_NUMBER) and r.payload_matches_id(fields, OLD_CARD)
    assert not r.payload_matches_id(fields, "11010519491231002X")


def test_each_receipt_gets_its_own_salt() -> None:
    first = bind_id(ID_NUMBER)
    second = bind_id(ID_NUMBER)
    assert first["salt"] != second["salt"] and first["hash"] != second["hash"]
    assert id_matches(first, ID_NUMBER) and id_matches(second, ID_NUMBER)
    forged = {**first, "log2_n": 40}  # a verifier never allocates what a forged code asks for
    assert not id_matches(forged, ID_NUMBER)
    assert not id_matches({**first, "hash": "AAAA"}, ID_NUMBER)
    assert not id_matches("nonsense", ID_NUMBER)


def test_signatures_round_trip_and_any_flipped_byte_fails() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    payload = _payload()
    signature = r.sign(payload, key)
    assert len(signature) == 64 and r.verify(payload, signature, public)
    for i in range(len(payload)):
        bad = bytearray(payload)
        bad[i] ^= 0x01
        assert not r.verify(bytes(bad), signature, public)
    for i in range(len(signature)):
        bad = bytearray(signature)
        bad[i] ^= 0x80
        assert not r.verify(payload, bytes(bad), public)
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert not r.verify(payload, signature, other)
    assert not r.verify(payload, b"short", public)
    assert not r.verify(payload, signature, b"not a key")


# -- QR text ---------------------------------------------------------------------------------------
def test_qr_text_round_trips() -> None:
    payload, signature = _payload(), bytes(range(64))
    text = r.qr_text(payload, signature)
    assert text.startswith("FK1:") and "=" not in text and text.count(".") == 1
    assert r.parse_qr_text(text) == (payload, signature)
    assert r.parse_qr_text(text + "\n") == (payload, signature)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "FK2:eyJ2IjoxfQ." + "A" * 86,  # wrong prefix
        "eyJ2IjoxfQ." + "A" * 86,  # no prefix
        "FK1:eyJ2IjoxfQ" + "A" * 86,  # missing dot
        "FK1:eyJ2IjoxfQ.AAAA.AAAA",  # too many parts
        "FK1:eyJ2Ijox+Q." + "A" * 86,  # standard, not url-safe, base64
        "FK1:eyJ2IjoxfQ==." + "A" * 86,  # padding
        "FK1:eyJ2IjoxfQ." + "A" * 85,  # bad base64 length
        "FK1:eyJ2IjoxfQ." + "A" * 84,  # signature too short
        "FK1:." + "A" * 86,  # empty payload
        "FK1:eyJ2IjoxfR." + "A" * 86,  # non-canonical trailing bits
    ],
)
def test_malformed_qr_text_is_refused(text: str) -> None:
    with pytest.raises(UserError) as caught:
        r.parse_qr_text(text)
    assert caught.value.code == "receipt.qr_malformed"


# -- numbering and issuing -------------------------------------------------------------------------
def test_receipt_numbers_count_per_year_and_store(store: Store, person: Person, tmp_path: Path) -> None:
    prefix = store.store_id.replace("-", "")[:6].upper()
    assert r.next_receipt_number(store, 2026) == f"{prefix}-2026-R000001"
    first = _issue(store, person, "2026-03-01T08:00:00.000000Z")
    second = _issue(store, person, "2026-12-31T08:00:00.000000Z")
    next_year = _issue(store, person, "2027-01-01T08:00:00.000000Z")
    assert [first.number, second.number, next_year.number] == [
        f"{prefix}-2026-R000001",
        f"{prefix}-2026-R000002",
        f"{prefix}-2027-R000001",
    ]
    with Store.create(tmp_path / "other.db", PASSPHRASE) as other:
        assert r.next_receipt_number(other, 2026) != r.next_receipt_number(store, 2026)
        assert r.next_receipt_number(other, 2026).endswith("-2026-R000001")


def test_issue_receipt_lands_in_the_callers_transaction(store: Store, person: Person) -> None:
    receipt = _issue(store, person)
    stored = store.receipts.get_by_number(receipt.number)
    assert stored == receipt
    assert r.verify(stored.payload, stored.signature, device_public_key(store, "op"))
    issued = [e for e in store.audit_events() if e.action == "receipt.issue"]
    assert [e.record_uuid for e in issued] == [receipt.uuid]
    assert receipt.uuid in {e.record_uuid for e in store.outbox.pending()}
    assert json.loads(stored.payload)["number"] == receipt.number


def test_issue_receipt_refuses_outside_a_transaction_and_rolls_back_with_it(
    store: Store, person: Person
) -> None:
    args = dict(
        kind="enrollment",
        record_uuid=new_uuid(),
        person_uuid=person.uuid,
        id_number=ID_NUMBER,
        result="enrolled",
        device="laptop-07",
        actor="op",
    )
    with pytest.raises(ProgrammingError):
        r.issue_receipt(store, **args)
    assert store.meta(DEVICE_KEY_META) is None
    with pytest.raises(RuntimeError), store.transaction("op"):
        number = r.issue_receipt(store, **args).number
        raise RuntimeError("the record failed")
    with pytest.raises(NotFound):
        store.receipts.get_by_number(number)
    with pytest.raises(ValueError), store.transaction("op"):
        r.issue_receipt(store, **{**args, "kind": "birthday"})
    with pytest.raises(ValueError), store.transaction("op"):
        r.issue_receipt(store, **{**args, "id_number": "11010519491231002X"})


# -- verification ----------------------------------------------------------------------------------
def test_verify_receipt_text_tells_genuine_altered_and_unknown(store: Store, person: Person) -> None:
    receipt = _issue(store, person)
    public = device_public_key(store, "op")
    key_id = wire_keys.key_id(public)
    known = {key_id: public}
    text = r.qr_text(receipt.payload, receipt.signature)

    genuine = r.verify_receipt_text(text, known)
    assert genuine.status == "genuine" and genuine.key_id == key_id
    assert genuine.payload == json.loads(receipt.payload)

    # one character of the payload part changed, inside the "result" value
    body = text[len("FK1:") :].split(".")[0]
    start = receipt.payload.index(b'"result":"') + len('"result":"')
    at = -(-start // 3) * 4  # first base64 character whose 3 bytes all lie in the value
    changed = body[:at] + ("B" if body[at] != "B" else "C") + body[at + 1 :]
    altered = r.verify_receipt_text(text.replace(body, changed), known)
    assert altered.status == "altered" and altered.payload is None

    # a well-formed payload with a changed result, under the original signature
    fields = json.loads(receipt.payload) | {"result": "dead"}
    forged = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    forged_text = r.qr_text(forged, receipt.signature)
    assert r.verify_receipt_text(forged_text, known) == r.ReceiptCheck("altered", None, key_id)

    not_json = "FK1:" + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("=") + "." + text.split(".")[1]
    assert r.verify_receipt_text(not_json, known).status == "altered"

    unknown = r.verify_receipt_text(text, {})
    assert unknown == r.ReceiptCheck("unknown_device", None, key_id)
