"""Receipts people can use (issue 17) and liveness stated on paper (issue 20, item 4).

Real parts: a real SQLCipher store, the real ``fieldkit`` CLI enrolling and certifying synthetic
palms, real PDFs (A4 and 80 mm roll) rasterised with PDFium, the QR read back from the picture and
verified with ``fieldkit receipt verify``; a forged code changes one signed notice and must fail.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import cv2
import pytest

from fieldkit.config import load_config
from fieldkit.errors import UserError
from fieldkit.services.receipts import issue_not_passed_slip
from fieldkit.workflows import receipt_documents as docs
from fieldkit.workflows import receipts
from matching.synthetic_palm import synthetic_hand
from reports.qr_scan import find_qr_texts
from reports.receipt import receipt_pdf as render_receipt
from storage.records import Certification, Person
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.reports.pdf_tools import pdf_text, render

ID = "11010519491231002X"
HOTLINE = "0310-3012333"


@pytest.fixture
def images(tmp_path: Path) -> dict[str, list[str]]:
    paths: dict[str, list[str]] = {"left": [], "other": []}
    for key, identity in (("left", 71), ("other", 73)):
        for sample in range(5):
            path = tmp_path / f"{key}{sample}.png"
            cv2.imwrite(str(path), synthetic_hand(identity, sample))
            paths[key].append(str(path))
    return paths


def _page_and_code(cli, number: str, tmp_path: Path, layout: str) -> tuple[str, str, Path]:  # type: ignore[no-untyped-def]
    """The PDF's text, the QR read back from its rasterised page, and the PDF's path."""
    pdf = tmp_path / f"{number}-{layout}.pdf"
    shown = cli("receipt", "show", number, "--layout", layout, "--out", str(pdf))
    assert shown.code == 0, shown.err
    (code,) = find_qr_texts(render(pdf.read_bytes(), dpi=200)[0])
    return pdf_text(pdf.read_bytes()).replace("\n", ""), code, pdf


def _number(output: str, word: str) -> str:
    return next(line.split()[1] for line in output.splitlines() if line.strip().startswith(word + " "))


def test_cli_slip_next_due_hotline_single_palm_and_cannot_sign(  # type: ignore[no-untyped-def]
    store_file: Path, cli, images, tmp_path: Path
) -> None:
    (store_file.parent / "fieldkit.toml").write_text(f'version = 1\n[agency]\nhotline = "{HOTLINE}"\n')
    enrolled = cli("enroll", "--id-number", ID, "--name", "张三", "--palm-left", *images["left"][:3],
                   "--hand-failure", "right=amputation", "--place", "丛台区", "--cannot-sign")  # fmt: skip
    assert enrolled.code == 0, enrolled.err
    for layout in ("a4", "roll80"):
        page, code, pdf = _page_and_code(cli, _number(enrolled.out, "receipt"), tmp_path, layout)
        for expected in ("仅采集左手掌", "无法签名", HOTLINE, "待处理案件", "有待处理事项"):
            assert expected in page, (layout, expected)
        assert "采集完成" in page
        verified = cli("receipt", "verify", str(pdf))
        assert verified.code == 0 and "无法签名" in verified.out and "仅采集左手掌" in verified.out

    rejected = cli("certify", "--id-number", ID, "--palm-left", images["other"][0])
    assert rejected.code == 1 and "REJECT" in rejected.out and "slip " in rejected.out
    slip = _number(rejected.out, "slip")
    for layout in ("a4", "roll80"):
        page, code, pdf = _page_and_code(cli, slip, tmp_path, layout)
        for expected in ("结果告知单", "未通过", "已尝试", "左手掌", "共1次未通过", "下一步", HOTLINE):
            assert expected in page, (layout, expected)
        assert "认证通过" not in page and "凭证（" not in page and "下次认证" not in page
        verified = cli("receipt", "verify", str(pdf))
        assert verified.code == 0 and "GENUINE" in verified.out.upper(), verified.out
        assert "did NOT pass" in verified.out and "result reject" in verified.out

    accepted = cli("certify", "--id-number", ID, "--palm-left", images["left"][4], "--attempt", "2")
    assert accepted.code == 0 and "slip" not in accepted.out
    page, code, pdf = _page_and_code(cli, _number(accepted.out, "receipt"), tmp_path, "a4")
    with Store.open(store_file, PASSPHRASE) as store:
        person = store.people.find_by_id_number(ID)
        assert person is not None
        certification = next(c for c in store.certifications.for_person(person.uuid) if c.result == "accept")
    due = f"{certification.cycle + 1}年"
    for expected in ("认证通过", "下次认证", due, "活体检测", "未进行（政策未要求）", HOTLINE):
        assert expected in page, expected
    assert "无法签名" not in page  # this certification did not say the retiree could not sign
    passed_check = cli("receipt", "verify", str(pdf))
    assert passed_check.code == 0 and "did NOT pass" not in passed_check.out
    payload, _ = receipts.parse_qr_text(code)
    rows = {row[0]: row[2] for row in json.loads(payload)["page"]["extra"]}
    assert rows["下次认证"].startswith(due) and rows["咨询电话"] == HOTLINE  # printed = signed


def test_a_passing_certification_has_no_slip(store_file: Path) -> None:
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.add(Person(id_number=ID, name="李四"))
        passed = store.certifications.add(Certification(person.uuid, 2026, "palm", "accept", None, "d", "p"))
    with Store.open(store_file, PASSPHRASE) as store:
        with pytest.raises(UserError) as raised:
            issue_not_passed_slip(store, "op", passed.uuid)
        assert raised.value.code == "slip.passed"
        with pytest.raises(UserError) as missing:
            issue_not_passed_slip(store, "op", "no-such-uuid")
        assert missing.value.code == "slip.no_record"


LIVENESS_CASES = [
    ({"status": "passed", "face": {"verdict": "live", "skipped": []},
      "palm": {"status": "not_available", "reason": "no LED control"}},
     ("人脸动作验证通过", "掌静脉活体：本设备不支持（已记录）"), ("掌静脉活体检测通过",)),
    ({"status": "not_possible", "face": {"verdict": "timeout"}},
     ("人脸动作验证未完成（超时）", "掌静脉活体：未进行"), ("验证通过", "检测通过")),
    ({"status": "attack", "palm": {"status": "spoof"}},
     ("人脸活体：未进行", "掌静脉活体未通过"), ("验证通过", "检测通过")),
]  # fmt: skip


@pytest.mark.parametrize(("liveness", "printed", "never"), LIVENESS_CASES)
def test_liveness_is_stated_signed_and_never_printed_as_passed_when_it_was_not(  # type: ignore[no-untyped-def]
    store_file: Path, liveness, printed, never
) -> None:
    result = "accept" if liveness["status"] == "passed" else "needs_review"
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.add(Person(id_number=ID, name="王五", gender="male"))
        cert = store.certifications.add(
            Certification(person.uuid, 2026, "palm", result, None, "laptop-07", "光明社区",
                          evidence={"liveness": liveness})
        )  # fmt: skip
        if result == "accept":
            number = receipts.issue_receipt(
                store, kind="certification", record_uuid=cert.uuid, person_uuid=person.uuid,
                id_number=ID, result="accept", device="laptop-07", actor="op",
            ).number  # fmt: skip
    if result != "accept":
        with Store.open(store_file, PASSPHRASE) as store:
            number = issue_not_passed_slip(store, "op", cert.uuid).number
    with Store.open(store_file, PASSPHRASE) as store:
        data = docs.receipt_data(store, number)
        keys = docs.local_device_keys(store)
    for layout in ("a4", "roll80"):
        pdf = render_receipt(data, layout)
        page = pdf_text(pdf).replace("\n", "")
        for words in printed:
            assert words in page, (layout, words)
        for words in never:
            assert words not in page, (layout, words)
        (code,) = find_qr_texts(render(pdf, dpi=200)[0])
        assert receipts.verify_receipt_text(code, keys).status == "genuine"
    # a forger who rewrites the liveness row to "passed" keeps a signature that no longer matches
    payload, signature = receipts.parse_qr_text(data.qr_text)
    fields = json.loads(payload)
    fields["page"]["extra"] = [
        [r[0], r[1], "人脸动作验证通过；掌静脉活体检测通过"] if r[0] == "活体检测" else r
        for r in fields["page"]["extra"]
    ]
    forged = dataclasses.replace(data, qr_text=receipts.qr_text(receipts._canonical(fields), signature))
    (code,) = find_qr_texts(render(render_receipt(forged, "a4"), dpi=200)[0])
    assert receipts.verify_receipt_text(code, keys).status == "altered"


@pytest.mark.parametrize("bad", ['hotline = "call me"', "hotline = 12333", 'fax = "1"'])
def test_a_bad_agency_hotline_is_refused_clearly(home: Path, bad: str) -> None:
    (home / "fieldkit.toml").write_text(f"version = 1\n[agency]\n{bad}\n")
    with pytest.raises(UserError) as raised:
        load_config(home)
    assert raised.value.code == "config.bad" and "[agency]" in raised.value.message


def _font_sizes(pdf: bytes, words: tuple[str, ...]) -> dict[str, float]:
    """The font size (pt) each of ``words`` is printed in, read from the PDF's text layer by PDFium."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    text_page = pdfium.PdfDocument(pdf)[0].get_textpage()
    text = text_page.get_text_range()
    return {w: float(pdfium_raw.FPDFText_GetFontSize(text_page.raw, text.index(w))) for w in words}


def test_type_is_large_enough_for_elderly_readers(store_file: Path) -> None:
    """A4: the result ≥ 20 pt and the facts ≥ 14 pt; the roll: result ≥ 14 pt, facts ≥ 10 pt."""
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.add(Person(id_number=ID, name="赵六", gender="female"))
        cert = store.certifications.add(
            Certification(person.uuid, 2026, "palm", "accept", None, "d", "光明社区")
        )
        number = receipts.issue_receipt(
            store, kind="certification", record_uuid=cert.uuid, person_uuid=person.uuid,
            id_number=ID, result="accept", device="d", actor="op",
        ).number  # fmt: skip
    with Store.open(store_file, PASSPHRASE) as store:
        a4 = docs.receipt_pdf(store, number, layout="a4")
        roll = docs.receipt_pdf(store, number, layout="roll80")
    words = ("认证通过", "赵六", "光明社区", "下次认证", "12333")
    sizes = _font_sizes(a4, words)
    assert sizes["认证通过"] >= 20 and all(sizes[w] >= 12 for w in words[1:]), sizes
    assert all(sizes[w] >= 14 for w in ("赵六", "光明社区", "12333")), sizes  # values; labels ≥ 12
    roll_sizes = _font_sizes(roll, words)
    assert roll_sizes["认证通过"] >= 14 and all(roll_sizes[w] >= 8.5 for w in words[1:]), roll_sizes
    assert all(roll_sizes[w] >= 10 for w in ("赵六", "光明社区", "12333")), roll_sizes


def test_the_team_due_list_shows_who_where_and_phone_with_four_id_digits(  # type: ignore[no-untyped-def]
    store_file: Path, cli, tmp_path: Path
) -> None:
    """The daily summary stays masked; ``--team-list`` adds the team's own paper to find people."""
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("hq"):
        store.roster.apply_import(
            [Person(id_number=ID, name="李秀兰", address="丛台区光明社区3号楼2单元", phone="13803101234",
                    district="丛台区"),
             Person(id_number="130402195306151220", name="张秀英", district="复兴区")],
            present_fields={"id_number", "name", "address", "phone", "district"}, cycle=2026, region="r",
            file_sha256="x", rejected=0,
        )  # fmt: skip
    out = tmp_path / "out"
    plain = cli("report", "daily", "--cycle", "2026", "--out", str(out))
    assert plain.code == 0 and "due-" not in plain.out  # never written unless asked for
    written = cli("report", "daily", "--cycle", "2026", "--out", str(out), "--team-list")
    assert written.code == 0, written.err
    due_pdf = next(out.glob("due-*.pdf"))
    assert due_pdf.stat().st_mode & 0o077 == 0
    page = pdf_text(due_pdf.read_bytes()).replace("\n", "")
    for expected in (
        "李秀兰",
        "丛台区光明社区3号楼2单元",
        "13803101234",
        "****002X",
        "张秀英",
        "****1220",
        "工作组内部用",
    ):
        assert expected in page, expected
    assert ID not in page and ID[:6] not in page and "130402" not in page  # last four digits only
    summary = pdf_text(next(out.glob("daily-*.pdf")).read_bytes())
    assert "李秀兰" not in summary and "13803101234" not in summary  # the summary stays masked
    assert page.index("李秀兰") < page.index(
        "张秀英"
    )  # sorted by district (丛台区 before 复兴区) for a route


def test_wrapped_chinese_never_starts_a_line_with_closing_punctuation() -> None:
    from reports.layout import width_of, wrap

    text = "本次认证已转工作人员人工复核，结果将电话通知您，无需重复前来；如有疑问请拨打咨询电话。"
    for chars in range(6, 30):
        width = width_of("中" * chars, 10.5)
        lines = wrap(text, 10.5, width)
        assert "".join(lines) == text
        assert all(line and line[0] not in "。，；）" for line in lines), (chars, lines)
        assert all(width_of(line, 10.5) <= width for line in lines), (chars, lines)
