"""Receipts sign every fact they print and reveal no ID number (issue 16, item 3).

Real parts: the receipt is issued in a real SQLCipher store, drawn as a real PDF, rasterised with
PDFium and its QR read back with zxing; forged variants change one signed fact (keeping the
signature) or paint a different fact on the page (keeping the QR)."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pytest

from fieldkit.device_key import device_key
from fieldkit.workflows import receipt_documents as docs
from fieldkit.workflows import receipts
from reports.qr_scan import find_qr_texts
from reports.receipt import receipt_pdf as render_receipt
from storage.records import Certification, Person
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.reports.pdf_tools import pdf_text, render

ID_NUMBER = "130402195306151220"
NAME = "张秀英"


@pytest.fixture
def issued(store_file: Path) -> str:
    """A home-visit certification receipt with a witness, in the data folder's store."""
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        store.set_meta("team_name", "第七工作组", action="test.meta")
        person = store.people.add(Person(id_number=ID_NUMBER, name=NAME, gender="female"))
        cert = store.certifications.add(
            Certification(person.uuid, 2026, "home_visit", "accept", None, "laptop-07", "丛台区光明社区",
                          evidence={"witness": "王芳", "witness_relation": "女儿"})
        )  # fmt: skip
        return receipts.issue_receipt(
            store, kind="home_visit", record_uuid=cert.uuid, person_uuid=person.uuid,
            id_number=ID_NUMBER, result="accept", device="laptop-07", actor="op",
        ).number  # fmt: skip


def _payload(qr: str) -> dict[str, object]:
    payload, _ = receipts.parse_qr_text(qr)
    return dict(json.loads(payload))


def _resigned_qr(qr: str, fields: dict[str, object]) -> str:
    """The same signature over changed facts: what a forger who edits the code can make."""
    _, signature = receipts.parse_qr_text(qr)
    return receipts.qr_text(receipts._canonical(fields), signature)


def _changes(fields: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    page = dict(fields["page"])  # type: ignore[call-overload]
    out: list[tuple[str, dict[str, object]]] = []
    for key in ("number", "kind", "result", "issued_at", "device", "record_uuid"):
        out.append((key, {**fields, key: str(fields[key]) + "9"}))
    for key in ("name", "place", "team", "operator", "agency"):
        out.append((f"page.{key}", {**fields, "page": {**page, key: str(page[key]) + "二"}}))
    out.append(("page.gender", {**fields, "page": {**page, "gender": "male"}}))
    extra = [list(row) for row in page["extra"]]
    assert extra, "the home visit prints its witness"
    for index in range(len(extra)):
        changed = [list(row) for row in extra]
        changed[index][2] = changed[index][2] + "二"
        out.append((f"page.extra[{index}]", {**fields, "page": {**page, "extra": changed}}))
    out.append(("page.extra dropped", {**fields, "page": {**page, "extra": []}}))
    binding = dict(fields["id"])  # type: ignore[call-overload]
    salt = str(binding["salt"])
    other = "B" if salt[0] == "A" else "A"  # the salt is random: a fixed letter may already be there
    out.append(("id.salt", {**fields, "id": {**binding, "salt": other + salt[1:]}}))
    return out


def test_every_printed_fact_is_signed_and_a_change_to_any_fails(store_file: Path, issued: str) -> None:
    with Store.open(store_file, PASSPHRASE) as store:
        data = docs.receipt_data(store, issued)
        keys = docs.local_device_keys(store)
    fields = _payload(data.qr_text)
    page = fields["page"]
    assert isinstance(page, dict)
    printed = pdf_text(render_receipt(data, "a4")).replace("\n", "")
    for value in (page["name"], page["place"], page["team"], page["operator"], page["agency"],
                  *(row[2] for row in page["extra"]), fields["number"]):  # fmt: skip
        assert value in printed, value  # what is signed is what is printed
    assert receipts.verify_receipt_text(data.qr_text, keys).status == "genuine"
    changes = _changes(fields)
    assert len(changes) >= 14
    for what, changed in changes:
        forged = dataclasses.replace(data, qr_text=_resigned_qr(data.qr_text, changed))
        page_png = render(render_receipt(forged, "a4"), dpi=200)[0]
        codes = find_qr_texts(page_png)
        assert len(codes) == 1, what
        assert receipts.verify_receipt_text(codes[0], keys).status == "altered", what


def test_a_fact_painted_over_on_the_page_shows_up_in_verify(  # type: ignore[no-untyped-def]
    cli, store_file: Path, issued: str, tmp_path: Path
) -> None:
    """Painting a new name on the paper leaves the QR genuine — verify prints the signed name, so the
    reader sees it differs from the page."""
    with Store.open(store_file, PASSPHRASE) as store:
        data = docs.receipt_data(store, issued)
    forged = dataclasses.replace(data, person_name="李四", place="别处", operator="冒名")
    pdf = tmp_path / "painted.pdf"
    pdf.write_bytes(render_receipt(forged, "a4"))
    page = pdf_text(pdf.read_bytes())
    assert "李四" in page and NAME not in page
    shown = cli("receipt", "verify", str(pdf))
    assert shown.code == 0, shown.out + shown.err
    for signed in (NAME, "丛台区光明社区", "第七工作组", "王芳（女儿）"):
        assert signed in shown.out, signed
    assert "李四" not in shown.out and "冒名" not in shown.out


def test_qr_and_page_hold_no_id_digits_and_verify_checks_a_card(  # type: ignore[no-untyped-def]
    cli, store_file: Path, issued: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "receipt.pdf"
    assert cli("receipt", "show", issued, "--out", str(pdf)).code == 0
    page = pdf_text(pdf.read_bytes()).replace("\n", "")
    (code,) = find_qr_texts(render(pdf.read_bytes(), dpi=200)[0])
    raw = base64.urlsafe_b64decode(code[4:].split(".")[0] + "==").decode("utf-8")
    for part in (ID_NUMBER, ID_NUMBER[:6], ID_NUMBER[6:14], ID_NUMBER[6:10], ID_NUMBER[-4:]):
        assert part not in page and part not in raw, part
    binding = json.loads(raw)["id"]
    assert binding["kdf"] == "scrypt" and binding["log2_n"] >= 16 and len(binding["salt"]) >= 20
    right = cli("receipt", "verify", str(pdf), "--id-number", ID_NUMBER)
    assert right.code == 0 and "matches" in right.out
    old_card = cli("receipt", "verify", str(pdf), "--id-number", "130402530615122")
    assert old_card.code == 0
    wrong = cli("receipt", "verify", str(pdf), "--id-number", "11010519491231002X")
    assert wrong.code == 1 and "does NOT match" in wrong.out
    typo = cli("receipt", "verify", str(pdf), "--id-number", "130402195306151221")
    assert typo.code == 1 and "Traceback" not in typo.err and typo.err.strip()


def test_version_1_receipts_still_verify_but_say_what_they_do_not_cover(  # type: ignore[no-untyped-def]
    cli, store_file: Path, tmp_path: Path
) -> None:
    """An old receipt in a retiree's hand keeps verifying, with a plain warning."""
    import hashlib

    with Store.open(store_file, PASSPHRASE) as store:
        with store.transaction("op"):
            key = device_key(store, "op")
        keys = docs.local_device_keys(store)
    (key_id,) = keys
    fields = {"v": 1, "number": "ABC123-2025-R000001", "kind": "enrollment", "result": "complete",
              "record_uuid": "r", "id_hash": hashlib.sha256(ID_NUMBER.encode()).hexdigest(),
              "issued_at": "2025-06-01T08:00:00.000000Z", "device": "laptop-07",
              "key_id": key_id}  # fmt: skip
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    check = receipts.verify_receipt_text(receipts.qr_text(payload, key.sign(payload)), keys)
    assert check.status == "genuine" and check.version == 1 and check.facts is None
    assert receipts.payload_matches_id(fields, ID_NUMBER)
    assert not receipts.payload_matches_id(fields, "11010519491231002X")


def test_very_long_facts_are_cut_so_the_code_still_prints_and_reads(store_file: Path) -> None:
    """A long place, office and witness must not make a receipt impossible to print: the signed
    texts are cut (with "…") to the QR budget, and the page shows exactly the cut, signed texts."""
    with Store.open(store_file, PASSPHRASE) as store:
        with store.transaction("op"):
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
    assert len(data.qr_text) < 1400 and data.place.endswith("…") and data.team.endswith("…")
    for layout in ("a4", "roll80"):
        pdf = render_receipt(data, layout)
        (code,) = find_qr_texts(render(pdf, dpi=200)[0])
        check = receipts.verify_receipt_text(code, keys)
        assert check.status == "genuine" and check.facts is not None
        assert check.facts.place == data.place and data.place.rstrip("…") in pdf_text(pdf).replace("\n", "")
