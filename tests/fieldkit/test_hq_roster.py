"""The master roster at headquarters, on SQLite and PostgreSQL: bad rows reported with masked IDs,
re-loading the same file writes nothing, only changed rows get a new change number, and a file
without a status column keeps the statuses it does not mention."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from fieldkit.cli.context import Context
from fieldkit.cli.package_cmds import register_hq
from fieldkit.demo.data import people_rows
from fieldkit.errors import UserError
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore

ROWS = list(people_rows(6, seed=3))
GOOD = [(r[0], r[1]) for r in ROWS]


def _csv(path: Path, lines: list[str], *, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _roster(
    path: Path, statuses: tuple[str, ...] = ("正常", "死亡", "暂停", "active", "正常", "正常")
) -> Path:
    lines = ["身份证号码,姓名,人员状态"] + [
        f"{n},{name},{s}" for (n, name), s in zip(GOOD, statuses, strict=True)
    ]
    return _csv(path, lines, encoding="gbk")


def test_load_reports_bad_rows_and_maps_statuses(hq_home: Path, tmp_path: Path) -> None:
    bad_checksum = GOOD[0][0][:-1] + ("0" if GOOD[0][0][-1] != "0" else "1")
    lines = ["身份证号码,姓名,人员状态"]
    lines += [
        f"{n},{name},{s}"
        for (n, name), s in zip(GOOD, ("正常", "死亡", "暂停", "active", "正常", "正常"), strict=True)
    ]
    lines += [
        f"{bad_checksum},错号,正常",  # wrong check character
        f"{GOOD[1][0]},重复,正常",  # the same ID twice
        "1.30402E+17,科学,正常",  # Excel turned it into a number
        f"{GOOD[2][0][:6]}19990231{GOOD[2][0][14:]},日期,正常",  # impossible date
        f"{GOOD[3][0]},,正常",  # no name
        f"{GOOD[4][0]},状态,退休中",  # unknown status
    ]
    path = _csv(tmp_path / "roster.csv", lines, encoding="gbk")
    hq = HqStore.open(hq_home)
    try:
        report = load_roster(hq, path, cycle=2026, region="130402")
        assert (report.accepted, report.rejected, report.added, report.updated) == (6, 6, 6, 0)
        assert report.change_seq is not None and report.validation.encoding == "gbk"
        rejected = report.rejected_rows()
        text = " ".join(f"{r.masked_id} {r.reason}" for r in rejected)
        assert all(number not in text for number, _ in GOOD) and bad_checksum not in text
        assert "already on line 3" in text and "Excel" in text and "status" in text
        statuses = dict(hq.db.execute("SELECT id_number, status FROM roster").fetchall())
        assert [statuses[n] for n, _ in GOOD] == [
            "active",
            "deceased",
            "suspended",
            "active",
            "active",
            "active",
        ]
        links = dict(hq.db.execute("SELECT person_uuid, id_number FROM person_links").fetchall())
        uuids = dict(hq.db.execute("SELECT id_number, person_uuid FROM roster").fetchall())
        assert {links[u] for u in uuids.values()} == set(uuids)
        assert {int(c) for (c,) in hq.db.execute("SELECT change_seq FROM roster").fetchall()} == {
            report.change_seq
        }
    finally:
        hq.close()


def test_reload_unchanged_is_a_no_op_and_changes_are_stamped_alone(hq_home: Path, tmp_path: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        first = load_roster(hq, _roster(tmp_path / "a.csv"), cycle=2026, region="130402")
        before = dict(hq.db.execute("SELECT id_number, person_uuid FROM roster").fetchall())
        counter = hq.meta("change_seq")
        again = load_roster(hq, _roster(tmp_path / "a.csv"), cycle=2026, region="130402")
        assert (again.change_seq, again.unchanged, again.added, again.updated) == (None, 6, 0, 0)
        assert hq.meta("change_seq") == counter
        # the third person is certified dead now; everyone else is unchanged
        statuses = ("正常", "死亡", "死亡", "active", "正常", "正常")
        changed = load_roster(hq, _roster(tmp_path / "b.csv", statuses), cycle=2026, region="130402")
        assert (changed.updated, changed.unchanged) == (1, 5)
        assert changed.change_seq is not None and first.change_seq is not None
        assert changed.change_seq > first.change_seq
        rows = {
            str(n): (str(u), int(c), str(s))
            for n, u, c, s in hq.db.execute("SELECT id_number, person_uuid, change_seq, status FROM roster")
        }
        assert {n: u for n, (u, _, _) in rows.items()} == before  # UUIDs are kept
        assert [n for n, (_, c, _) in rows.items() if c == changed.change_seq] == [GOOD[2][0]]
        assert rows[GOOD[2][0]][2] == "deceased"
        # a file without a status column does not bring anyone back to life
        plain = _csv(tmp_path / "c.csv", ["身份证号码,姓名", *[f"{n},{name}" for n, name in GOOD]])
        quiet = load_roster(hq, plain, cycle=2026, region="130402")
        assert quiet.change_seq is None and quiet.unchanged == 6
        # moving everyone to the next cycle is a change of every row
        assert load_roster(hq, plain, cycle=2027, region="130402").updated == 6
    finally:
        hq.close()


def test_user_mistakes_are_clear(hq_home: Path, tmp_path: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        for region in ("../etc", "a/b", "", "x" * 40):
            with pytest.raises(UserError) as info:
                load_roster(hq, _roster(tmp_path / "a.csv"), cycle=2026, region=region)
            assert info.value.code == "roster.bad_region"
        with pytest.raises(UserError) as info:
            load_roster(hq, tmp_path / "missing.csv", cycle=2026, region="r1")
        assert info.value.code == "roster.not_found"
        with pytest.raises(UserError) as info:
            load_roster(hq, _csv(tmp_path / "x.csv", ["编号,名称", "1,2"]), cycle=2026, region="r1")
        assert info.value.code == "roster.missing_columns"
        assert hq.db.scalar("SELECT count(*) FROM roster") == 0
    finally:
        hq.close()


def _hq_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldkit hq")
    parser.add_argument("--hq-home")
    register_hq(parser.add_subparsers(dest="hq_command", required=True))
    return parser


def test_roster_load_command_prints_counts_and_masked_rejections(
    hq_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD[0][0][:-1] + ("0" if GOOD[0][0][-1] != "0" else "1")
    lines = ["身份证号码,姓名,人员状态", *[f"{n},{name},正常" for n, name in GOOD], f"{bad},坏,正常"]
    path = _csv(tmp_path / "r.csv", lines)
    args = _hq_parser().parse_args(
        [
            "--hq-home",
            str(hq_home),
            "roster-load",
            str(path),
            "--cycle",
            "2026",
            "--region",
            "130402",
            "--report",
            str(tmp_path / "report.csv"),
        ]
    )
    assert args.handler(Context(home_option=str(tmp_path), operator_login=None), args) == 0
    out = capsys.readouterr().out
    assert "6 rows valid, 1 rejected; 6 added" in out and "line 8" in out
    assert all(number not in out for number, _ in GOOD) and "坏" not in out
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").count("rejected") == 1
