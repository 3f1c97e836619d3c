"""One atomic, owner-only way to write a file (receipts, reports, CSVs, batches, packages)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fieldkit.files import PUBLIC, atomic_write
from fieldkit.workflows.report_data import write_cases_report, write_daily_report
from storage.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_written_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = atomic_write(tmp_path / "deep" / "report.csv", "行,1\r\n", encoding="utf-8-sig")
    finally:
        os.umask(old)
    assert _mode(target) == 0o600
    assert target.read_bytes() == "\ufeff行,1\r\n".encode()  # BOM kept, no newline translation
    assert _mode(atomic_write(tmp_path / "hq_public.key", "ab\n", mode=PUBLIC)) == 0o644


def test_replaces_in_one_step_and_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"

    with pytest.raises(TypeError):
        atomic_write(target, 42)  # type: ignore[arg-type]
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["receipt.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_reports_with_personal_data_are_owner_only(store: Store, tmp_path: Path) -> None:
    written = write_daily_report(store, tmp_path / "reports", cycle=2026)
    assert written.paths and all(_mode(path) == 0o600 for path in written.paths)
    assert _mode(write_cases_report(store, tmp_path / "cases.pdf")) == 0o600
