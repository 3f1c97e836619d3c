"""The whole story through the command line, as two terminals would run it: headquarters set up,
a staff account and the laptop's device registered, an enrollment made offline, ``fieldkit sync``,
the field case decided at headquarters, the decision back on the laptop, the reconciliation report,
and retention removing palm images HQ holds (on SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq.console import staff_audit
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from matching.synthetic_palm import synthetic_hand
from tests.fieldkit.test_http_sync import _serve

CARD = next(iter(synthetic_cards(1, seed=3)))


@pytest.fixture
def palm_files(tmp_path: Path) -> dict[str, list[str]]:
    files: dict[str, list[str]] = {"left": [], "right": []}
    for hand, identity in (("left", 41), ("right", 42)):
        for sample in range(3):
            path = tmp_path / f"{hand}{sample}.png"
            cv2.imwrite(str(path), synthetic_hand(identity, sample))
            files[hand].append(str(path))
    return files


@pytest.fixture
def served(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home))


def test_two_terminal_story(  # type: ignore[no-untyped-def]
    store_file: Path,
    cli,
    hq_home: Path,
    served: str,
    palm_files,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    hq = ["hq", "--hq-home", str(hq_home)]
    key_file = str(hq_home / "hq_public.key")
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "reviewer password")
    assert cli(*hq, "operator", "add", "--login", "wang", "--name", "王审核").code == 0
    device = cli("device-key").out
    public = re.search(r"public key\s+([0-9a-f]{64})", device)
    assert public
    registered = cli(
        *hq,
        "register-device",
        "--public-key",
        public.group(1),
        "--name",
        "team 7",
        "--region",
        "130400,130402",
    )
    assert registered.code == 0 and "regions: 130400, 130402" in registered.out
    listed = cli(*hq, "devices").out
    assert "team 7" in listed and "(regions: 130400,130402)" in listed
    roster = tmp_path / "master.csv"
    roster.write_text(f"身份证号码,姓名\n{CARD.id_number},{CARD.name}\n", encoding="utf-8")
    assert cli(*hq, "roster-load", str(roster), "--cycle", "2026", "--region", "130400").code == 0

    enrolled = cli(
        "enroll",
        "--id-number",
        CARD.id_number,
        "--name",
        CARD.name,
        "--palm-left",
        *palm_files["left"],
        "--palm-right",
        *palm_files["right"],
    )
    assert enrolled.code == 0, enrolled.err
    status = cli("sync-status")
    assert "Never synchronised" in status.out
    first = cli("sync", "--hq", served, "--hq-key", key_file, "--region", "130400", "--cycle", "2026")
    assert first.code == 0, first.err
    assert "work package 130400/2026" in first.out
    assert "still queued" in first.out and "0 still queued" in first.out

    listing = cli(*hq, "review", "list")
    assert listing.code == 0 and " case " in listing.out
    review_id = re.search(r"#(\d+)\s+case", listing.out)
    assert review_id
    assert CARD.id_number not in listing.out  # masked
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "wrong password")
    refused = cli(
        *hq, "review", "decide", review_id.group(1), "--approve", "--note", "ok", "--operator", "wang"
    )
    assert refused.code == 1 and "wrong password" in refused.err
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "reviewer password")
    decided = cli(
        *hq, "review", "decide", review_id.group(1), "--approve", "--note", "证件已核对", "--operator", "wang"
    )
    assert decided.code == 0, decided.err
    again = cli(*hq, "review", "decide", review_id.group(1), "--reject", "--note", "x", "--operator", "wang")
    assert again.code == 1 and "already approved" in again.err
    with HqStore.open(hq_home) as store:  # the terminal's decision is in the staff audit, as the console's
        (entry,) = staff_audit.entries(store, subject=f"review:{review_id.group(1)}")
    assert (entry.login, entry.action, entry.detail["outcome"], entry.detail["via"]) == (
        "wang", "decide_review", "approved", "cli"
    )  # fmt: skip

    second = cli("sync", "--hq", served, "--hq-key", key_file)
    assert second.code == 0 and "case_decided × 1" in second.out
    cases = cli("case", "list", "--all")
    assert "approved" in cases.out

    report = cli(*hq, "report")
    assert report.code == 0 and "team 7" in report.out
    line = next(x for x in report.out.splitlines() if x.startswith("team 7"))
    _, _, _, batches, expected, received, missing, *_ = line.split()  # "team 7" is two words
    assert int(batches) == 1 and int(expected) == int(received) and missing == "0"
    pdf = tmp_path / "reconciliation.pdf"
    assert cli(*hq, "report", "--out", str(pdf)).code == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Reconciliation" in text and "team 7" in text

    assert "0 palm image(s) removed" in cli("retention").out  # within the 30-day grace period
    dropped = cli("retention", "--keep-days", "0")
    assert dropped.code == 0 and "6 palm image(s) removed" in dropped.out
    assert "Last acknowledged by headquarters 0.0 day(s) ago" in cli("sync-status").out


def test_sync_needs_an_address_and_a_key(store_file: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing_url = cli("sync", "--hq-key", str(tmp_path / "nothing.key"))
    assert missing_url.code == 1 and "--hq URL" in missing_url.err
    missing_key = cli("sync", "--hq", "http://127.0.0.1:9")
    assert missing_key.code == 1 and "--hq-key" in missing_key.err
    bad_key = tmp_path / "bad.key"
    bad_key.write_text("not a key")
    assert cli("sync", "--hq", "http://127.0.0.1:9", "--hq-key", str(bad_key)).code == 1
    assert cli("hq", "--hq-home", str(tmp_path / "none"), "devices").code == 1
    assert cli("hq", "--db", "mysql://x/y", "--hq-home", str(tmp_path), "devices").code == 1
