"""Keyed ID binding on receipts (issue 16, item 3): HMAC-SHA256(agency key, scrypt(ID, salt)).

Real parts: the agency key is made in HQ's encrypted key folder, travels in a real work package
(signed, encrypted to the laptop's device key), lands in the laptop's SQLCipher store, binds a
receipt issued there, and ``fieldkit receipt verify`` reads the QR back from a rendered PDF."""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

import pytest

from fieldkit.agency_id_key import current_id_key, stored_id_keys
from fieldkit.device_key import device_key
from fieldkit.errors import UserError
from fieldkit.hq.key_vault import keys_folder
from fieldkit.hq.keys import (
    create_hq_key,
    current_id_binding_key,
    id_binding_keys,
    load_hq_signing_key,
    public_key_text,
    rotate_id_binding_key,
)
from fieldkit.hq.packages import build_package
from fieldkit.hq.store import HqStore
from fieldkit.identity.id_binding import (
    MissingIdKey,
    agency_key_id,
    bind_id,
    binding_key_id,
    id_matches,
    is_keyed,
)
from fieldkit.sync.package import ApplySummary, apply_package
from fieldkit.wire.keys import PUBLIC_FILE
from fieldkit.wire.keys import key_id as public_key_id
from fieldkit.wire.package import open_package, seal_for_device, seal_package
from fieldkit.workflows import receipts
from storage.records import Certification, Person
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import hq_signing, register

ID_NUMBER = "130402195306151220"
OLD_CARD = "130402530615122"  # the same person's 15-digit first-generation number
OTHER = "11010519491231002X"
REGION = "130402"
SALT = bytes(range(16))


def _key(seed: int = 1) -> tuple[str, bytes]:
    raw = bytes([seed]) * 32
    return agency_key_id(raw), raw


# -- the binding itself ------------------------------------------------------------------------------
def test_keyed_binding_round_trip_wrong_id_and_other_agency_key() -> None:
    key_id, raw = _key(1)
    binding = bind_id(ID_NUMBER, salt=SALT, key=(key_id, raw))
    assert binding["v"] == 3 and binding["mac"] == "hmac-sha256" and binding["key"] == key_id
    assert is_keyed(binding) and binding_key_id(binding) == key_id
    unkeyed = bind_id(ID_NUMBER, salt=SALT)
    assert unkeyed["hash"] != binding["hash"]  # not the bare scrypt hash: nothing to search against
    assert id_matches(binding, ID_NUMBER, {key_id: raw})
    assert id_matches(binding, OLD_CARD, {key_id: raw})
    assert not id_matches(binding, OTHER, {key_id: raw})
    other_id, other_raw = _key(2)
    assert bind_id(ID_NUMBER, salt=SALT, key=(other_id, other_raw))["hash"] != binding["hash"]
    assert not id_matches(binding, ID_NUMBER, {key_id: other_raw})  # another agency's bytes: no
    with pytest.raises(MissingIdKey) as missing:
        id_matches(binding, ID_NUMBER, {other_id: other_raw})
    assert missing.value.key_id == key_id and key_id in str(missing.value)
    assert raw.hex() not in str(missing.value)
    with pytest.raises(MissingIdKey):
        id_matches(binding, ID_NUMBER)
    assert not id_matches({**binding, "key": "../../x"}, ID_NUMBER, {key_id: raw})
    assert not id_matches({**binding, "v": 2}, ID_NUMBER, {key_id: raw})
    with pytest.raises(ValueError):
        bind_id(ID_NUMBER, key=(other_id, raw))  # a key id that is not this key's


def test_unkeyed_v2_binding_still_matches_with_or_without_keys() -> None:
    key_id, raw = _key(1)
    binding = bind_id(ID_NUMBER, salt=SALT)
    assert not is_keyed(binding) and binding_key_id(binding) is None
    assert id_matches(binding, ID_NUMBER) and id_matches(binding, ID_NUMBER, {key_id: raw})
    assert not id_matches(binding, OTHER, {key_id: raw})


# -- HQ -> package -> laptop -------------------------------------------------------------------------
def _package_to(laptop: Store, hq_home: Path) -> ApplySummary:
    """A full package of the region made at HQ for ``laptop``, opened and applied there."""
    device = register(laptop, hq_home, "laptop", regions=(REGION,))
    hq = HqStore.open(hq_home)
    try:
        data = build_package(hq, region=REGION, cycle=2026, device_key_id=device)
    finally:
        hq.close()
    package = open_package(data, hq_signing(hq_home), device_key(laptop, "op"))
    return apply_package(laptop, package, actor="op")


def _forms(raw: bytes) -> list[bytes]:
    return [raw, raw.hex().encode(), base64.b64encode(raw).rstrip(b"="), base64.urlsafe_b64encode(raw)[:40]]


def test_key_travels_in_a_package_and_is_stored_encrypted(
    hq_home: Path, store_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hq = HqStore.open(hq_home)
    try:
        first_id, first = current_id_binding_key(hq)
    finally:
        hq.close()
    for path in keys_folder(hq_home).iterdir():  # sealed at HQ, never in clear
        assert not any(form in path.read_bytes() for form in _forms(first)), path.name
    with Store.open(store_file, PASSPHRASE) as laptop:
        assert current_id_key(laptop) is None  # a fresh laptop: receipts fall back to format 2
        assert _package_to(laptop, hq_home).id_keys_added == 1
        assert stored_id_keys(laptop) == {first_id: first}
        events = laptop.verify_audit().checked
        summary = _package_to(laptop, hq_home)
        assert summary.id_keys_added == 0  # the same key twice: nothing written
        assert laptop.verify_audit().checked == events  # not even an audit event
        hq = HqStore.open(hq_home)
        try:
            second_id = rotate_id_binding_key(hq)
            assert list(id_binding_keys(hq)) == [first_id, second_id]  # rotation keeps the old key
        finally:
            hq.close()
        _package_to(laptop, hq_home)
        assert list(stored_id_keys(laptop)) == [first_id, second_id]
        current = current_id_key(laptop)
        assert current is not None and current[0] == second_id
        second = current[1]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert first_id in logged  # HQ names the new key by its id, never by its bytes
    assert not any(form.decode() in logged for form in _forms(first)[1:] + _forms(second)[1:])
    files = [p for p in (*store_file.parent.rglob("*"), *hq_home.rglob("*")) if p.is_file()]
    for path in files:  # the laptop's SQLCipher file, hq.db, the key folder, log files: no key
        data = path.read_bytes()
        for raw in (first, second):
            assert not any(form in data for form in _forms(raw)), path.name


# -- receipts on the laptop and the verify command ---------------------------------------------------
def _issue(store_file: Path, id_number: str = ID_NUMBER) -> str:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.find_by_id_number(id_number) or store.people.add(
            Person(id_number=id_number, name="张秀英", gender="female")
        )
        cert = store.certifications.add(
            Certification(person.uuid, 2026, "palm", "accept", None, "lt-7", "河西区")
        )
        return receipts.issue_receipt(
            store, kind="certification", record_uuid=cert.uuid, person_uuid=person.uuid,
            id_number=id_number, result="accept", device="lt-7", actor="op",
        ).number  # fmt: skip


def test_verify_with_key_without_key_and_old_unkeyed_receipts(  # type: ignore[no-untyped-def]
    cli, hq_home: Path, store_file: Path, tmp_path: Path
) -> None:
    unkeyed_number = _issue(store_file)  # before any package: format 2, unkeyed
    with Store.open(store_file, PASSPHRASE) as laptop:
        _package_to(laptop, hq_home)
        key_id, raw = current_id_key(laptop) or ("", b"")
    keyed_number = _issue(store_file)
    with Store.open(store_file, PASSPHRASE) as store:
        payload = store.receipts.get_by_number(keyed_number).payload
    assert b'"key":"' + key_id.encode() + b'"' in payload and b'"mac":"hmac-sha256"' in payload

    keyed, unkeyed = tmp_path / "keyed.pdf", tmp_path / "unkeyed.pdf"
    assert cli("receipt", "show", keyed_number, "--out", str(keyed)).code == 0
    assert cli("receipt", "show", unkeyed_number, "--out", str(unkeyed)).code == 0

    right = cli("receipt", "verify", str(keyed), "--id-number", ID_NUMBER)
    assert right.code == 0 and "matches" in right.out and "unkeyed" not in right.out, right.out + right.err
    assert cli("receipt", "verify", str(keyed), "--id-number", OLD_CARD).code == 0
    wrong = cli("receipt", "verify", str(keyed), "--id-number", OTHER)
    assert wrong.code == 1 and "does NOT match" in wrong.out

    device_keys = tmp_path / "device-keys.txt"
    with Store.open(store_file, PASSPHRASE) as store:
        public = device_key(store, "op").public_key().public_bytes_raw()
    device_keys.write_text(f"{public_key_id(public)} {public.hex()}\n")
    elsewhere = cli("receipt", "verify", str(keyed), "--no-store", "--device-keys", str(device_keys),
                    "--id-number", ID_NUMBER)  # fmt: skip
    assert elsewhere.code == 1, elsewhere.out + elsewhere.err
    assert f"lacks agency ID-binding key {key_id}" in elsewhere.out and "GENUINE" in elsewhere.out
    assert "does NOT match" not in elsewhere.out and "Traceback" not in elsewhere.err
    signature_only = cli("receipt", "verify", str(keyed), "--no-store", "--device-keys", str(device_keys))
    assert signature_only.code == 0  # without --id-number the signature alone is checked

    old = cli("receipt", "verify", str(unkeyed), "--id-number", ID_NUMBER)
    assert old.code == 0 and "matches" in old.out and "unkeyed" in old.out, old.out
    old_elsewhere = cli("receipt", "verify", str(unkeyed), "--no-store", "--device-keys", str(device_keys),
                        "--id-number", ID_NUMBER)  # fmt: skip
    assert old_elsewhere.code == 0 and "unkeyed" in old_elsewhere.out

    hq_args = ("hq", "--hq-home", str(hq_home))
    at_hq = cli(*hq_args, "verify-receipt", str(keyed), "--id-number", ID_NUMBER)
    assert at_hq.code == 0 and "matches" in at_hq.out, at_hq.out + at_hq.err
    assert cli(*hq_args, "verify-receipt", str(keyed), "--id-number", OTHER).code == 1
    rotated = cli(*hq_args, "rotate-keys")
    assert rotated.code == 0 and "ID binding" in rotated.out, rotated.out + rotated.err
    after = cli(*hq_args, "verify-receipt", str(keyed), "--id-number", ID_NUMBER)  # the old key is kept
    assert after.code == 0 and "matches" in after.out

    other_agency = tmp_path / "other-hq"
    hq = HqStore.open(other_agency, create=True)
    try:
        create_hq_key(hq)
        (other_agency / PUBLIC_FILE).write_text(public_key_text(hq))
        assert key_id not in id_binding_keys(hq)
    finally:
        hq.close()
    with Store.open(store_file, PASSPHRASE) as laptop:
        register(laptop, other_agency, "visiting laptop")
    foreign = cli(
        "hq", "--hq-home", str(other_agency), "verify-receipt", str(keyed), "--id-number", ID_NUMBER
    )
    assert foreign.code == 1 and f"lacks agency ID-binding key {key_id}" in foreign.out, foreign.out

    seen = (
        right.out + right.err + wrong.out + elsewhere.out + elsewhere.err + old.out + at_hq.out + rotated.out
    )
    assert not any(form.decode() in seen for form in _forms(raw)[1:])
    for path in store_file.parent.rglob("*"):
        if path.is_file():
            assert not any(form in path.read_bytes() for form in _forms(raw)), path.name
    assert os.environ.get("FIELDKIT_HQ_PASSPHRASE")  # the HQ above ran with its passphrase set


def test_a_package_with_a_malformed_id_key_is_refused_as_damaged(hq_home: Path, store_file: Path) -> None:
    """Only HQ can sign a package, but a key whose id does not match its bytes is still refused."""
    key_id, raw = _key(3)
    bad_entries: list[object] = [
        [{"key_id": key_id, "key": base64.b64encode(raw[:31]).decode()}],  # 31 bytes
        [{"key_id": "0" * 16, "key": base64.b64encode(raw).decode()}],  # id of another key
        [{"key_id": key_id}],  # no key
        ["nonsense"],
    ]
    hq = HqStore.open(hq_home)
    try:
        signing = load_hq_signing_key(hq)
    finally:
        hq.close()
    with Store.open(store_file, PASSPHRASE) as laptop:
        device = device_key(laptop, "op")
        public = device.public_key().public_bytes_raw()
        hq_id = public_key_id(signing.public_key().public_bytes_raw())
        header = {"format": 2, "device_key_id": public_key_id(public), "region": REGION, "cycle": 2026}
        header |= {"since": 0, "change_seq": 1, "hq_key_id": hq_id}
        body: dict[str, object] = {"people": [], "enrollments": [], "certifications": []}

        def sealed(entries: object) -> bytes:
            return seal_for_device(
                seal_package(header, {**body, "id_binding_keys": entries}, signing), public
            )

        good = sealed([{"key_id": key_id, "key": base64.b64encode(raw).decode()}])
        assert open_package(good, hq_signing(hq_home), device).id_binding_keys == {key_id: raw}
        for entries in bad_entries:
            with pytest.raises(UserError) as refused:
                open_package(sealed(entries), hq_signing(hq_home), device)
            assert refused.value.code == "package.damaged", entries
        assert stored_id_keys(laptop) == {}


def test_longest_keyed_receipt_still_fits_and_reads_back(store_file: Path) -> None:
    """The keyed binding adds ~55 bytes to the payload; the worst case (every fact cut to the
    budget) must still give a QR under 1,500 characters that reads back from both layouts."""
    from fieldkit.agency_id_key import remember_id_keys
    from fieldkit.workflows import receipt_documents as docs
    from reports.qr_scan import find_qr_texts
    from reports.receipt import receipt_pdf as render_receipt
    from tests.reports.pdf_tools import render

    key_id, raw = _key(4)
    with Store.open(store_file, PASSPHRASE) as store:
        with store.transaction("op"):
            remember_id_keys(store, {key_id: raw})
            store.set_meta("team_name", "第七工作组" * 20, action="test.meta")
            person = store.people.add(Person(id_number=ID_NUMBER, name="欧阳" * 20, gender="female"))
            documents = ["id_card", "retirement_certificate", "assistance_form", "other"]
            evidence = {"witness": "王芳" * 40, "witness_relation": "女儿" * 10, "office": "社区" * 60,
                        "documents": documents}  # fmt: skip
            cert = store.certifications.add(
                Certification(person.uuid, 2026, "delegated", "accept", None, "laptop-07", "丛台区" * 50,
                              evidence=evidence)
            )  # fmt: skip
            number = receipts.issue_receipt(
                store, kind="delegated", record_uuid=cert.uuid, person_uuid=person.uuid,
                id_number=ID_NUMBER, result="accept", device="laptop-07", actor="op",
            ).number  # fmt: skip
        data = docs.receipt_data(store, number)
        keys = docs.local_device_keys(store)
    print("longest keyed QR text:", len(data.qr_text), "characters")
    assert len(data.qr_text) < 1500, len(data.qr_text)
    for layout in ("a4", "roll80"):
        (code,) = find_qr_texts(render(render_receipt(data, layout), dpi=200)[0])
        check = receipts.verify_receipt_text(code, keys)
        assert check.status == "genuine" and check.payload is not None
        assert receipts.payload_matches_id(check.payload, ID_NUMBER, {key_id: raw})
