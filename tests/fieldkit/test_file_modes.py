"""Everything the laptop writes that holds personal data or keys is its owner's only: files 0600,
folders fieldkit creates 0700 (the store and its WAL, the log, backups, receipts, reports, the
roster import report, batch files, the config), after a day's real commands."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import cv2
import pytest

from matching.synthetic_palm import synthetic_hand
from tests.conftest import PASSPHRASE

ID = "11010519491231002X"


def _modes(root: Path) -> list[tuple[Path, int]]:
    return [(path, stat.S_IMODE(path.stat().st_mode)) for path in [root, *root.rglob("*")]]


def test_every_file_fieldkit_writes_is_owner_only(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    palms = []
    for sample in range(3):
        path = inputs / f"palm{sample}.png"
        cv2.imwrite(str(path), synthetic_hand(41, sample))
        palms.append(str(path))
    roster = inputs / "roster.csv"
    roster.write_text(f"身份证号码,姓名\n{ID},王芳\n", encoding="utf-8")
    home = tmp_path / "fresh" / "home"  # made by fieldkit, not by the test
    out = tmp_path / "fresh" / "out"
    monkeypatch.setenv("FIELDKIT_HOME", str(home))
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDKIT_HQ_PASSPHRASE", "headquarters passphrase 16")
    assert cli("init").code == 0
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "operator password 16")
    assert cli("operator", "add", "--login", "wang", "--name", "王", "--role", "supervisor").code == 0
    monkeypatch.setenv("FIELDKIT_OPERATOR", "wang")
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "operator password 16")
    imported = cli(
        "roster", "import", str(roster), "--region", "110105", "--report", str(out / "r" / "r.csv")
    )
    assert imported.code == 0, imported.err
    enrolled = cli("enroll", "--id-number", ID, "--palm-left", *palms, "--hand-failure", "right=injury",
                   "--samples", "3")  # fmt: skip
    assert enrolled.code == 0, enrolled.err
    number = re.search(r"receipt (\S+)", enrolled.out)
    assert number
    assert cli("receipt", "show", number.group(1), "--out", str(out / "receipts" / "r.pdf")).code == 0
    assert cli("receipt", "print", number.group(1), "--save", str(out / "receipts" / "p.pdf")).code == 0
    assert cli("report", "daily", "--out", str(out / "reports")).code == 0
    assert cli("store", "backup", str(out / "usb" / "backup.fkb")).code == 0
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    batch = cli("export-batch", str(out / "usb" / "batch.fkb"), "--hq-key", str(hq / "hq_public.key"))
    assert batch.code == 0, batch.err
    monkeypatch.setenv("FIELDKIT_NEW_PASSPHRASE", "another long passphrase 16")
    assert cli("store", "passphrase").code == 0
    written = _modes(home) + _modes(out)
    names = {path.name for path, _ in written}
    for expected in ("fieldkit.db", "fieldkit.log", "r.csv", "r.pdf", "p.pdf", "backup.fkb", "batch.fkb"):
        assert expected in names, expected
    assert any(name.startswith("daily-") for name in names)
    loose = [(str(path), oct(mode)) for path, mode in written if mode & 0o077]
    assert loose == []
    for path, mode in written:
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
