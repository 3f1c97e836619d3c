"""Receipts from the store to paper and back: the facts gathered for a real enrolment and a home-visit
certification, the QR code read off the rendered page (and off a photo-like copy) verifying against
the device key, one altered character failing, signatures kept and printed, originals and counted
copies, printing through a (fake) CUPS ``lp``, and the masked daily summary and case list."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import os
import stat
from pathlib import Path

import cv2
import numpy as np
import pytest

from fieldkit.errors import UserError
from fieldkit.times import display_time
from fieldkit.workflows import receipt_documents as docs
from fieldkit.workflows import receipts
from fieldkit.workflows.report_data import cases_report_pdf, daily_summary, write_daily_report
from reports.qr_scan import find_qr_texts
from reports.receipt import receipt_pdf as render_receipt
from storage.records import BiometricSample, Case, Certification, Enrollment, Person, Receipt
from storage.store import Store
from tests.reports.pdf_tools import pdf_fonts, pdf_text, photo_like, png_bytes, render, signature_png

ID_NUMBER = "130402195306151220"
NAME = "张秀英"


def _face_jpeg() -> bytes:
    frame = np.full((480, 640, 3), (110, 150, 80), dtype=np.uint8)
    cv2.ellipse(frame, (320, 230), (90, 120), 0, 0, 360, (150, 180, 225), -1)
    return bytes(cv2.imencode(".jpg", frame)[1].tobytes())


@dataclasses.dataclass
class Issued:
    person: Person
    enrollment: Enrollment
    enrollment_receipt: Receipt
    certification: Certification
    certification_receipt: Receipt


@pytest.fixture
def issued(store: Store) -> Issued:
    """A person enrolled (with a face) and certified at home, each with its signed receipt, as the
    enrolment and certification workflows write them (one transaction each)."""
    with store.transaction("op"):
        person = store.people.add(
            Person(id_number=ID_NUMBER, name=NAME, gender="female", birth_date=dt.date(1953, 6, 15))
        )
        face = BiometricSample(modality="face", image=_face_jpeg(), image_format="jpeg")
        enrollment = store.enrollments.add(
            Enrollment(person.uuid, "op", "laptop-07", "丛台区光明社区", samples=[face])
        )
        first = receipts.issue_receipt(
            store, kind="enrollment", record_uuid=enrollment.uuid, person_uuid=person.uuid,
            id_number=ID_NUMBER, result="complete", device="laptop-07", actor="op",
        )  # fmt: skip
    with store.transaction("op"):
        certification = store.certifications.add(
            Certification(person.uuid, 2026, "home_visit", "accept", "op", "laptop-07", "丛台区光明社区",
                          evidence={"witness": "王芳", "witness_relation": "女儿"})
        )  # fmt: skip
        second = receipts.issue_receipt(
            store, kind="home_visit", record_uuid=certification.uuid, person_uuid=person.uuid,
            id_number=ID_NUMBER, result="accept", device="laptop-07", actor="op",
        )  # fmt: skip
    return Issued(person, enrollment, first, certification, second)


def _alter(qr: str, old: bytes, new: bytes) -> str:
    """The same receipt code with one character of its payload changed (and the signature kept)."""
    payload, signature = receipts.parse_qr_text(qr)
    assert payload.count(old) == 1 and len(old) == len(new)
    changed = payload.replace(old, new)
    assert sum(a != b for a, b in zip(payload, changed, strict=True)) == 1
    return receipts.qr_text(changed, signature)


def test_receipt_pdf_carries_the_facts_and_a_code_that_verifies(store: Store, issued: Issued) -> None:
    keys = docs.local_device_keys(store)
    assert len(keys) == 1
    for layout in ("a4", "roll80"):
        pdf = docs.receipt_pdf(store, issued.certification_receipt.number, layout=layout)
        text = pdf_text(pdf).replace("\n", "")
        for expected in (NAME, "*" * 18, "上门认证", "认证通过", "女",
                         "丛台区光明社区", "王芳（女儿）", issued.certification_receipt.number,
                         next(iter(keys))):  # fmt: skip
            assert expected in text, expected
        assert ID_NUMBER not in text and "1953" not in text and "1220" not in text  # no ID digit
        assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))
        assert pdf.count(b"/Subtype /Image") == 1  # the enrolment's face photo
        page = render(pdf, dpi=200)[0]
        for picture in (page, photo_like(page, angle=-9, scale=0.75, seed=4)):
            codes = find_qr_texts(picture)
            assert len(codes) == 1
            check = receipts.verify_receipt_text(codes[0], keys)
            assert check.status == "genuine"
            assert (
                check.payload is not None and check.payload["number"] == issued.certification_receipt.number
            )
            assert receipts.payload_matches_id(check.payload, ID_NUMBER)
            assert not receipts.payload_matches_id(check.payload, "11010519491231002X")
            assert check.facts is not None and check.facts.name == NAME


def test_one_altered_character_fails_verification_from_the_printed_page(
    store: Store, issued: Issued, tmp_path: Path
) -> None:
    data = docs.receipt_data(store, issued.enrollment_receipt.number)
    keys = docs.local_device_keys(store)
    genuine_file = tmp_path / "genuine.pdf"
    genuine_file.write_bytes(render_receipt(data, "a4"))
    assert [c.status for c in docs.verify_receipt_file(genuine_file, keys)] == ["genuine"]
    for old, new in ((b'"complete"', b'"completa"'), (b"R000001", b"R000007")):
        forged = dataclasses.replace(data, qr_text=_alter(data.qr_text, old, new))
        forged_file = tmp_path / "forged.pdf"
        forged_file.write_bytes(render_receipt(forged, "a4"))
        assert [c.status for c in docs.verify_receipt_file(forged_file, keys)] == ["altered"]
        photo = tmp_path / "forged.jpg"
        photo.write_bytes(
            cv2.imencode(".jpg", photo_like(render(forged_file.read_bytes(), 200)[0], angle=5, scale=0.8))[1]
        )
        assert [c.status for c in docs.verify_receipt_file(photo, keys)] == ["altered"]
    assert [c.status for c in docs.verify_receipt_file(genuine_file, {})] == ["unknown_device"]


def test_signatures_are_kept_with_the_record_and_printed(store: Store, issued: Issued) -> None:
    number = issued.enrollment_receipt.number
    before = docs.receipt_pdf(store, number)
    docs.save_signatures(store, "op", issued.enrollment.uuid, signature_png(1), signature_png(2))
    kinds = [a.kind for a in store.attachments.for_record(issued.enrollment.uuid)]
    assert kinds == ["retiree_signature", "operator_signature"]
    after = docs.receipt_pdf(store, number)
    assert after.count(b"/Subtype /Image") == before.count(b"/Subtype /Image") + 2
    page = render(after, dpi=100)[0]
    baseline = render(before, dpi=100)[0]
    assert int((page < 100).sum()) > int((baseline < 100).sum()) + 500  # the strokes are on the page
    docs.save_signatures(
        store, "op", issued.certification.uuid, None, signature_png(3)
    )  # inside no transaction
    with store.transaction("op"):  # and inside the caller's
        docs.save_signatures(store, "op", issued.certification.uuid, signature_png(4), None)
    assert len(store.attachments.for_record(issued.certification.uuid)) == 2
    assert store.verify_audit().ok


def test_bad_signatures_and_records_are_refused(store: Store, issued: Issued) -> None:
    for bad in (b"GIF89a...", b"\x89PNG\r\n\x1a\n" + os.urandom(40)):
        with pytest.raises(UserError) as info:
            docs.save_signatures(store, "op", issued.enrollment.uuid, bad, None)
        assert info.value.code in ("receipt.bad_signature", "reports.image_unreadable")
    with pytest.raises(UserError) as missing:
        docs.save_signatures(store, "op", "no-such-record", signature_png(), None)
    assert missing.value.code == "receipt.no_record"
    docs.save_signatures(store, "op", issued.enrollment.uuid, None, None)  # nothing to keep: no-op
    assert store.attachments.for_record(issued.enrollment.uuid) == []


def test_first_print_is_the_original_then_counted_copies(
    store: Store, issued: Issued, tmp_path: Path
) -> None:
    number = issued.enrollment_receipt.number
    first = docs.print_receipt(store, "op", number, save_to=tmp_path / "1.pdf")
    assert not first.is_copy and "复印件" not in pdf_text((tmp_path / "1.pdf").read_bytes(), raw=True)
    second = docs.print_receipt(store, "op", number.lower(), layout="roll80", save_to=tmp_path / "2.pdf")
    third = docs.print_receipt(store, "op", number, save_to=tmp_path / "3.pdf")
    assert (second.is_copy, second.copy_number, third.copy_number) == (True, 1, 2)
    assert "第1次补打" in pdf_text((tmp_path / "2.pdf").read_bytes(), raw=True)
    assert "COPY (reprint 2)" in pdf_text((tmp_path / "3.pdf").read_bytes(), raw=True)
    assert store.receipts.get_by_number(number).copies == 2
    actions = [e.action for e in store.audit_events()]
    assert actions.count("receipt.print") == 1 and actions.count("receipt.reprint") == 2
    assert store.verify_audit().ok
    with pytest.raises(UserError):
        docs.print_receipt(store, "op", "NO-SUCH-NUMBER", save_to=tmp_path / "x.pdf")
    with pytest.raises(UserError):
        docs.receipt_pdf(store, number, layout="letter")


def _fake_lp(folder: Path, *, fail: bool = False) -> Path:
    """An ``lp`` that keeps its arguments and the PDF it was given on stdin."""
    script = folder / "lp"
    body = "echo 'lp: printer is on fire' >&2; exit 3" if fail else 'cat > "$0.pdf"; echo "$@" > "$0.args"'
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_printing_goes_to_cups_lp_on_stdin(
    store: Store, issued: Issued, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lp = _fake_lp(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    outcome = docs.print_receipt(
        store, "op", issued.enrollment_receipt.number, printer="Thermal-80", layout="roll80"
    )
    assert outcome.sent_to == "printer Thermal-80"
    assert "-d Thermal-80" in lp.with_name("lp.args").read_text()
    assert NAME in pdf_text(lp.with_name("lp.pdf").read_bytes())
    _fake_lp(bin_dir, fail=True)
    with pytest.raises(UserError) as info:
        docs.print_receipt(store, "op", issued.certification_receipt.number)
    assert "printer is on fire" in info.value.message
    assert not docs.was_printed(store, issued.certification_receipt.number)  # a failed print uses up nothing


def test_device_key_files_from_headquarters(store: Store, issued: Issued, tmp_path: Path) -> None:
    (key_id, public), = docs.local_device_keys(store).items()  # fmt: skip
    good = tmp_path / "keys.txt"
    good.write_text(f"# exported by HQ\n\n{key_id} {public.hex()}  # laptop-07\n")
    assert docs.read_device_keys(good) == {key_id: public}
    for bad_line in (f"{key_id}", f"{'0' * 16} {public.hex()}", f"{key_id} {public.hex()[:-2]}"):
        bad = tmp_path / "bad.txt"
        bad.write_text(bad_line + "\n")
        with pytest.raises(UserError) as info:
            docs.read_device_keys(bad)
        assert "line 1" in info.value.message


def test_verify_finds_no_code_in_a_plain_picture(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    blank.write_bytes(png_bytes(np.full((300, 300, 3), 255, np.uint8)))
    with pytest.raises(UserError) as info:
        docs.verify_receipt_file(blank, {})
    assert info.value.code == "receipt.no_code"
    other = np.pad(cv2.QRCodeEncoder.create().encode("https://example.org"), 8, constant_values=255)
    foreign = tmp_path / "foreign.png"
    foreign.write_bytes(png_bytes(cv2.resize(other, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)))
    with pytest.raises(UserError) as not_ours:
        docs.verify_receipt_file(foreign, {})
    assert "not a fieldkit receipt code" in not_ours.value.message
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(UserError):
        docs.verify_receipt_file(text, {})


def test_daily_summary_counts_today_and_masks_people(store: Store, issued: Issued, tmp_path: Path) -> None:
    with store.transaction("hq"):
        store.roster.apply_import(
            [store.people.get(issued.person.uuid), Person(id_number="11010519491231002X", name="李四")],
            present_fields={"id_number", "name"}, cycle=2026, region="r", file_sha256="x", rejected=0,
        )  # fmt: skip
        store.cases.open(Case(kind="suspected_duplicate", person_uuid=issued.person.uuid, opened_by="op"))
    summary = daily_summary(store, cycle=2026)
    counts = {(c.kind, c.result): c.count for c in summary.counts}
    assert counts == {("enrollment", "complete"): 1, ("home_visit", "accept"): 1}
    assert sum(summary.hourly) == 2 and summary.unsynced == store.outbox.pending_count() > 0
    assert (summary.roster_total, summary.certified_total) == (2, 1)
    assert [d.person for d in summary.due] == ["李*"] and summary.due[0].masked_id == "1101**********002X"
    written = write_daily_report(store, tmp_path / "out", cycle=2026)
    pdf, csv_file = written.paths
    assert pdf.name == f"daily-{dt.date.today().isoformat()}.pdf"
    text = pdf_text(pdf.read_bytes())
    csv_text = csv_file.read_text(encoding="utf-8-sig")
    for document in (text, csv_text):
        assert NAME not in document and ID_NUMBER not in document and "11010519491231002X" not in document
    assert "张** 1304**********1220" in text and "疑似重复" in text
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    yesterday = daily_summary(store, day=dt.date.today() - dt.timedelta(days=1), cycle=2026)
    assert yesterday.counts == [] and sum(yesterday.hourly) == 0


def test_case_list_pdf_shows_decisions(store: Store, issued: Issued) -> None:
    with store.transaction("op"):
        case = store.cases.open(Case(kind="id_mismatch", person_uuid=issued.person.uuid, opened_by="op",
                                     details={"mismatches": ["name_differs"]}))  # fmt: skip
        store.cases.decide(case.uuid, status="approved", decided_by="lead", note="roster corrected")
    text = pdf_text(cases_report_pdf(store))
    assert (
        case.reference in text and "已批准" in text and "roster corrected" in text and "name_differs" in text
    )
    assert NAME not in text and "张**" in text


def test_payload_fields_shown_are_the_signed_ones(store: Store, issued: Issued) -> None:
    data = docs.receipt_data(store, issued.enrollment_receipt.number)
    payload = json.loads(base64.urlsafe_b64decode(data.qr_text[4:].split(".")[0] + "=="))
    assert (data.kind, data.result, data.device, data.key_id) == (
        payload["kind"], payload["result"], payload["device"], payload["key_id"]
    )  # fmt: skip
    assert docs.receipt_masked_id("11010519491231002X") == "*" * 18
    assert (data.person_name, data.place, data.extra) == (
        payload["page"]["name"], payload["page"]["place"], tuple(map(tuple, payload["page"]["extra"]))
    )  # fmt: skip
    assert display_time("2026-11-28T13:50:05.123456Z", zone=True).startswith(
        dt.datetime(2026, 11, 28, 13, 50, tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    )


def test_a_name_the_font_cannot_draw_is_logged_without_the_name(
    store: Store, issued: Issued, caplog: pytest.LogCaptureFixture
) -> None:
    rare = "张\U0002a6a5英"  # an Extension-B given-name character: outside WenQuanYi and YaHei
    with store.transaction("op"):
        other = store.people.add(Person(id_number="11010519491231002X", name=rare, gender="male"))
        receipt = receipts.issue_receipt(
            store, kind="enrollment", record_uuid=issued.enrollment.uuid, person_uuid=other.uuid,
            id_number=other.id_number, result="complete", device="laptop-07", actor="op",
        )  # fmt: skip
    with caplog.at_level("WARNING"):
        pdf = docs.receipt_pdf(store, receipt.number)
    assert "lacks a character" in caplog.text and rare not in caplog.text
    assert "张" in pdf_text(pdf)
    caplog.clear()
    with caplog.at_level("WARNING"):
        docs.receipt_pdf(store, issued.enrollment_receipt.number)
    assert "lacks a character" not in caplog.text


def test_the_page_prints_what_was_signed_not_what_the_store_says_later(store: Store, issued: Issued) -> None:
    person = store.people.get(issued.person.uuid)
    with store.transaction("op"):
        store.people.update(dataclasses.replace(person, name="李四"))
    text = pdf_text(docs.receipt_pdf(store, issued.certification_receipt.number))
    assert NAME in text and "李四" not in text
