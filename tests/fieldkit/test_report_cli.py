"""``fieldkit receipt verify|print|show`` and ``fieldkit report daily|cases|accuracy`` end to end:
exit codes (0 only for a genuine receipt), plain verdicts, keys from the store or from headquarters'
file, a missing Chinese font reported with the paths searched, and the report files written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np
import pytest

from fieldkit.workflows import receipt_documents as docs
from fieldkit.workflows import receipts
from matching.synthetic_palm import synthetic_palm_crop
from reports import fonts
from reports.receipt import receipt_pdf as render_receipt
from storage.records import Enrollment, Person
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.reports.pdf_tools import pdf_text, photo_like, render

ID_NUMBER = "130402195306151220"


@pytest.fixture
def number(store_file: Path) -> str:
    """A receipt issued in the data folder's store (closed again, as the CLI opens its own)."""
    with Store.open(store_file, PASSPHRASE) as store, store.transaction("op"):
        person = store.people.add(Person(id_number=ID_NUMBER, name="张秀英", gender="female"))
        enrollment = store.enrollments.add(Enrollment(person.uuid, "op", "laptop-07", "丛台区"))
        receipt = receipts.issue_receipt(
            store, kind="enrollment", record_uuid=enrollment.uuid, person_uuid=person.uuid,
            id_number=ID_NUMBER, result="complete", device="laptop-07", actor="op",
        )  # fmt: skip
    return receipt.number


def _keys_file(store_file: Path, folder: Path) -> Path:
    with Store.open(store_file, PASSPHRASE) as store:
        (key_id, public), = docs.local_device_keys(store).items()  # fmt: skip
    path = folder / "device_keys.txt"
    path.write_text(f"{key_id} {public.hex()}\n")
    return path


def test_show_then_verify_pdf_and_photo(cli, number: str, store_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "receipt.pdf"
    shown = cli("receipt", "show", number, "--out", str(pdf), "--layout", "roll80")
    assert shown.code == 0 and "not yet printed" in shown.out
    genuine = cli("receipt", "verify", str(pdf))
    assert genuine.code == 0 and genuine.out.startswith("GENUINE") and number in genuine.out
    photo = tmp_path / "photo.jpg"
    cv2.imwrite(str(photo), photo_like(render(pdf.read_bytes(), dpi=200)[0], angle=12, scale=0.8))
    assert cli("receipt", "verify", str(photo)).code == 0
    matching = cli("receipt", "verify", str(photo), "--id-number", ID_NUMBER)
    assert matching.code == 0 and "matches" in matching.out
    other = cli("receipt", "verify", str(photo), "--id-number", "11010519491231002X")
    assert other.code == 1 and "does NOT match" in other.out
    assert ID_NUMBER not in genuine.out + matching.out + other.out


def test_unknown_device_until_headquarters_keys_are_given(  # type: ignore[no-untyped-def]
    cli, number: str, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "receipt.pdf"
    assert cli("receipt", "show", number, "--out", str(pdf)).code == 0
    unknown = cli("receipt", "verify", str(pdf), "--no-store")
    assert unknown.code == 1 and unknown.out.startswith("UNKNOWN DEVICE") and "--device-keys" in unknown.out
    keys = _keys_file(store_file, tmp_path)
    assert cli("receipt", "verify", str(pdf), "--no-store", "--device-keys", str(keys)).code == 0
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "not the passphrase")
    locked = cli("receipt", "verify", str(pdf))
    assert locked.code == 1 and "was not used" in locked.err and locked.out.startswith("UNKNOWN DEVICE")
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASSPHRASE)
    store_file.unlink()  # an auditor's machine: no store at all, only headquarters' key list
    assert cli("receipt", "verify", str(pdf), "--device-keys", str(keys)).code == 0


def test_a_receipt_with_one_altered_character_is_reported_altered(  # type: ignore[no-untyped-def]
    cli, number: str, store_file: Path, tmp_path: Path
) -> None:
    with Store.open(store_file, PASSPHRASE) as store:
        data = docs.receipt_data(store, number)
    payload, signature = receipts.parse_qr_text(data.qr_text)
    forged_payload = payload.replace(b"laptop-07", b"laptop-08")
    assert sum(a != b for a, b in zip(payload, forged_payload, strict=True)) == 1
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        render_receipt(dataclasses.replace(data, qr_text=receipts.qr_text(forged_payload, signature)), "a4")
    )
    result = cli("receipt", "verify", str(forged))
    assert result.code == 1 and result.out.startswith("ALTERED") and "NOT genuine" in result.out


def test_verify_errors_are_plain(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = cli("receipt", "verify", str(tmp_path / "nothing.pdf"), "--no-store")
    assert missing.code == 1 and "Cannot read" in missing.err and "Traceback" not in missing.err
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((200, 200, 3), 255, np.uint8))
    no_code = cli("receipt", "verify", str(blank), "--no-store")
    assert no_code.code == 1 and "no QR code" in no_code.err
    bad_keys = tmp_path / "keys.txt"
    bad_keys.write_text("nonsense\n")
    malformed = cli("receipt", "verify", str(blank), "--device-keys", str(bad_keys))
    assert malformed.code == 1 and "keys.txt line 1" in malformed.err


def test_print_counts_copies_and_reports_missing_lp(  # type: ignore[no-untyped-def]
    cli, number: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cli("receipt", "print", number, "--save", str(tmp_path / "a.pdf"))
    assert first.code == 0 and "the original" in first.out
    second = cli("receipt", "print", number, "--save", str(tmp_path / "b.pdf"), "--chinese-only")
    assert second.code == 0 and "copy 1" in second.out
    text = pdf_text((tmp_path / "b.pdf").read_bytes(), raw=True)
    assert "复印件" in text and "Receipt No." not in text
    shown = cli("receipt", "show", number, "--out", str(tmp_path / "c.pdf"))
    assert "marked as a copy" in shown.out and "复印件" in pdf_text(
        (tmp_path / "c.pdf").read_bytes(), raw=True
    )
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    no_lp = cli("receipt", "print", number)
    assert no_lp.code == 1 and "lp" in no_lp.err and "--save" in no_lp.err
    unknown = cli("receipt", "print", "NOPE-2026-R000001", "--save", str(tmp_path / "x.pdf"))
    assert unknown.code == 1 and "No receipt" in unknown.err
    assert cli("receipt", "print", number, "--layout", "letter").code == 2


def test_missing_chinese_font_names_the_places_searched(  # type: ignore[no-untyped-def]
    cli, number: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts.forget_registered_font()
    try:
        monkeypatch.setattr(fonts, "_LINUX_ROOTS", (str(tmp_path / "no-fonts"),))
        monkeypatch.setenv(fonts.FONT_ENV, str(tmp_path / "nothing.ttc"))
        result = cli("receipt", "show", number, "--out", str(tmp_path / "r.pdf"))
        assert result.code == 1 and "Traceback" not in result.err
        assert "No Chinese TrueType font" in result.err and str(tmp_path / "nothing.ttc") in result.err
        assert "wqy-microhei.ttc" in result.err and not (tmp_path / "r.pdf").exists()
    finally:
        monkeypatch.undo()
        fonts.forget_registered_font()
        fonts.register_cjk_font()


def test_report_commands_write_their_files(cli, number: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    daily = cli("report", "daily", "--out", str(tmp_path / "daily"))
    assert daily.code == 0
    written = sorted(p.suffix for p in (tmp_path / "daily").iterdir())
    assert written == [".csv", ".pdf"]
    assert cli("report", "daily", "--date", "2026-02-30", "--out", str(tmp_path)).code == 2
    empty_day = cli("report", "daily", "--date", "2001-01-01", "--out", str(tmp_path / "old"))
    assert empty_day.code == 0 and "今日无记录" in pdf_text(
        (tmp_path / "old" / "daily-2001-01-01.pdf").read_bytes()
    )
    cases = cli("report", "cases", "--out", str(tmp_path / "cases.pdf"))
    assert cases.code == 0 and "个案清单" in pdf_text((tmp_path / "cases.pdf").read_bytes())


def test_accuracy_report_from_an_evaluation_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "palms"
    for identity in range(4):
        (folder / f"id{identity}").mkdir(parents=True)
        for sample in range(3):
            cv2.imwrite(
                str(folder / f"id{identity}" / f"{sample:02d}.png"), synthetic_palm_crop(identity, sample)
            )
    result = cli("report", "accuracy", str(folder), "--kind", "palm", "--out", str(tmp_path / "acc"))
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "acc").iterdir())
    assert names == ["accuracy-palm-det.png", "accuracy-palm-scores.png", "accuracy-palm.pdf"]
    text = pdf_text((tmp_path / "acc" / "accuracy-palm.pdf").read_bytes())
    assert "识别准确性报告" in text and "palms (all)" in text
    assert cv2.imread(str(tmp_path / "acc" / "accuracy-palm-scores.png")).shape == (460, 800, 3)
    empty = cli(
        "report", "accuracy", str(tmp_path / "nowhere"), "--kind", "palm", "--out", str(tmp_path / "x")
    )
    assert empty.code == 1 and "Traceback" not in empty.err
