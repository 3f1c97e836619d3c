"""Tests of the roster import (fieldkit.workflows.roster_import and ``fieldkit roster import``).

ID numbers are built here with an independent "textbook" check character (weights 2^(17-i) mod 11),
never with the code under test, so a wrong check rule in the product cannot make these tests agree
with it. Rows from ``fieldkit.demo.data`` are used where a realistic Chinese roster is wanted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from fieldkit.demo.data import HEADER, people_rows, roster_csv
from fieldkit.errors import UserError
from fieldkit.workflows.roster_import import ImportReport, import_roster
from storage.store import Store
from tests.conftest import PASSPHRASE

BOM = b"\xef\xbb\xbf"
EN_HEADER = ["id_number", "name", "gender", "birth_date", "address", "phone", "status"]


# --- helpers -------------------------------------------------------------------------------------


def textbook_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 computed independently of fieldkit.identity."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def ident(birth: str, seq: int, area: str = "130402") -> str:
    """A valid 18-character number; ``birth`` is YYYYMMDD, odd ``seq`` = male."""
    body = f"{area}{birth}{seq:03d}"
    return body + textbook_check(body)


def bad_check(number: str) -> str:
    """The same number with a wrong check character."""
    wrong = "1" if number[17] != "1" else "2"
    return number[:17] + wrong


def csv_bytes(
    header: list[str], rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ","
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def put(tmp_path: Path, data: bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run_import(
    store: Store, path: Path, *, cycle: int = 2026, region: str = "130400", strict: bool = False
) -> ImportReport:
    return import_roster(store, path, cycle=cycle, region=region, actor="test", strict=strict)


def by_line(report: ImportReport) -> dict[int, tuple[str, str]]:
    return {row.line: (row.status, row.reason) for row in report.rows}


def open_store(path: Path) -> Store:
    return Store.open(path, PASSPHRASE)


# --- encodings, headers and delimiters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk")]
)
def test_chinese_roster_in_each_encoding_keeps_names(
    store: Store, tmp_path: Path, encoding: str, reported: str
) -> None:
    rows = list(people_rows(6, seed=11))
    data = roster_csv(rows, encoding=encoding)
    assert data.startswith(BOM) == (encoding == "utf-8-sig")
    report = run_import(store, put(tmp_path, data))
    assert report.encoding == reported
    assert (report.accepted, report.rejected) == (6, 0)
    assert report.ignored_columns == []
    assert store.people.count() == 6
    for row in rows:
        person = store.people.find_by_id_number(row[0])
        assert person is not None
        assert person.name == row[1]
        assert person.address == row[5]
        assert person.unit == row[7]
        assert person.birth_date == dt.date.fromisoformat(row[3])
        assert person.gender == ("male" if row[2] == "男" else "female")


def test_gbk_really_differs_from_utf8_for_these_names() -> None:
    # guards the GBK case above: the bytes must not be decodable as UTF-8 by accident
    data = roster_csv(list(people_rows(3, seed=11)), encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_english_headers(store: Store, tmp_path: Path) -> None:
    a, b = ident("19500101", 123), ident("19480615", 22)
    rows = [
        [a, "Zhang San", "male", "1950-01-01", "Handan", "13800000001", "active"],
        [b, "李秀英", "F", "1948/06/15", "邯郸", "13800000002", "suspended"],
    ]
    report = run_import(store, put(tmp_path, csv_bytes(EN_HEADER, rows)))
    assert (report.accepted, report.rejected) == (2, 0), by_line(report)
    first, second = store.people.find_by_id_number(a), store.people.find_by_id_number(b)
    assert first is not None and second is not None
    assert (first.name, first.gender, first.phone) == ("Zhang San", "male", "13800000001")
    assert first.status == "active"
    assert (second.name, second.gender, second.status) == ("李秀英", "female", "suspended")


def test_decorated_headers_are_recognised(store: Store, tmp_path: Path) -> None:
    a = ident("19520304", 31)
    header = ["*身份证号码（18位）", "* 姓名", "性别(男/女)", "出生日期（YYYY-MM-DD）", " 联系电话 ", "备注"]
    rows = [[a, "王建国", "男", "1952-03-04", "13900000000", "无"]]
    report = run_import(store, put(tmp_path, csv_bytes(header, rows, encoding="utf-8-sig")))
    assert (report.accepted, report.rejected) == (1, 0), by_line(report)
    assert report.ignored_columns == ["备注"]
    person = store.people.find_by_id_number(a)
    assert person is not None
    assert (person.name, person.phone) == ("王建国", "13900000000")


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_other_delimiters(store: Store, tmp_path: Path, delimiter: str) -> None:
    rows = list(people_rows(4, seed=5))
    data = csv_bytes(HEADER, rows, encoding="gbk", delimiter=delimiter)
    report = run_import(store, put(tmp_path, data))
    assert (report.accepted, report.rejected) == (4, 0), by_line(report)
    for row in rows:
        person = store.people.find_by_id_number(row[0])
        assert person is not None and person.name == row[1]


def test_unknown_columns_are_listed_as_ignored(store: Store, tmp_path: Path) -> None:
    a = ident("19600101", 41)
    data = csv_bytes(["身份证号", "姓名", "爱好", "Note"], [[a, "赵四", "下棋", "x"]])
    report = run_import(store, put(tmp_path, data))
    assert report.accepted == 1
    assert report.ignored_columns == ["爱好", "Note"]


@pytest.mark.parametrize(
    ("gender", "birth", "status", "kind"),
    [
        ("男", "1950-01-01", "正常", "退休"),
        ("M", "1950/1/1", "active", "retiree"),
        ("1", "1950年1月1日", "暂停发放", "离休"),
        ("male", "19500101", "已故", "遗属"),
    ],
)
def test_accepted_spellings_of_gender_date_status_kind(
    store: Store, tmp_path: Path, gender: str, birth: str, status: str, kind: str
) -> None:
    number = ident("19500101", 61)
    header = ["身份证号码", "姓名", "性别", "出生日期", "人员状态", "人员类别"]
    data = csv_bytes(header, [[number, "马玉兰", gender, birth, status, kind]])
    report = run_import(store, put(tmp_path, data))
    assert (report.accepted, report.rejected) == (1, 0), by_line(report)
    person = store.people.find_by_id_number(number)
    assert person is not None
    expected_status = {"正常": "active", "active": "active", "暂停发放": "suspended", "已故": "deceased"}
    expected_kind = {"退休": "retiree", "retiree": "retiree", "离休": "retiree", "遗属": "dependant"}
    assert (person.status, person.kind) == (expected_status[status], expected_kind[kind])


# --- rejected rows -----------------------------------------------------------------------------

GOOD_1 = ident("19500101", 11)
GOOD_2 = ident("19551212", 12)
MALE = ident("19520202", 13)
BAD_CASES = [
    # label, row in EN_HEADER order, words the reason must contain
    ("bad check digit", [bad_check(ident("19530303", 15)), "钱一", "", "", "", "", ""], "check character"),
    ("impossible date", [ident("19900230", 17), "钱二", "", "", "", "", ""], "does not exist"),
    ("unknown province", [ident("19500101", 19, area="990402"), "钱三", "", "", "", "", ""], "province"),
    ("wrong length", [ident("19500101", 21)[:17], "钱四", "", "", "", "", ""], "17 characters"),
    ("excel scientific", ["1.30402E+17", "钱五", "", "", "", "", ""], "Excel"),
    ("empty name", [ident("19500101", 23), "  ", "", "", "", "", ""], "name"),
    ("gender disagrees", [MALE, "钱六", "女", "", "", "", ""], "gender"),
    ("birth date disagrees", [ident("19500101", 25), "钱七", "", "1950-01-02", "", "", ""], "birth date"),
    ("unknown status", [ident("19500101", 27), "钱八", "", "", "", "", "失联"], "status"),
    ("empty id", ["", "钱九", "", "", "", "", ""], "empty"),
]


@pytest.mark.parametrize(("label", "row", "words"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_row_is_rejected_with_reason_and_good_rows_still_imported(
    store: Store, tmp_path: Path, label: str, row: list[str], words: str
) -> None:
    rows = [[GOOD_1, "孙一", "", "", "", "", ""], row, [GOOD_2, "孙二", "", "", "", "", ""]]
    report = run_import(store, put(tmp_path, csv_bytes(EN_HEADER, rows)))
    lines = by_line(report)
    assert lines[2] == ("accepted", "")
    assert lines[4] == ("accepted", "")
    status, reason = lines[3]
    assert status == "rejected"
    assert words.lower() in reason.lower(), reason
    assert (report.accepted, report.rejected) == (2, 1)
    assert store.people.count() == 2
    assert store.people.find_by_id_number(GOOD_1) is not None
    assert store.people.find_by_id_number(GOOD_2) is not None
    assert report.outcome is not None and report.outcome.added == 2


def test_reported_line_numbers_are_the_file_lines(store: Store, tmp_path: Path) -> None:
    a, b, c = ident("19500101", 31), ident("19510101", 32), ident("19520101", 33)
    lines = [
        ",".join(EN_HEADER),  # 1
        f"{a},张三丰,男,1950-01-01,,,",  # 2
        f"{bad_check(ident('19530101', 35))},李四,,,,,",  # 3
        "",  # 4 blank: skipped, still counted
        f'{b},王五,,,"河北省邯郸市',  # 5 address spans two lines
        '丛台区1号",,',  # 6
        f"{ident('19900230', 37)},赵六,,,,,",  # 7
        f"{c},周七,,,,,",  # 8
        f"{a},张三丰,,,,,",  # 9 duplicate of line 2
        "1.30402E+17,吴八,,,,,",  # 10
    ]
    report = run_import(store, put(tmp_path, "\r\n".join(lines).encode("utf-8") + b"\r\n"))
    got = by_line(report)
    spanning = [line for line in got if line in (5, 6)]
    assert len(spanning) == 1 and got[spanning[0]][0] == "accepted"  # the record on lines 5-6
    assert sorted(set(got) - {5, 6}) == [2, 3, 7, 8, 9, 10]
    assert [line for line in sorted(got) if got[line][0] == "accepted"] == [2, *spanning, 8]
    assert "check character" in got[3][1]
    assert "does not exist" in got[7][1]
    assert "line 2" in got[9][1]
    assert "Excel" in got[10][1]
    person = store.people.find_by_id_number(b)
    assert person is not None and person.address == "河北省邯郸市\r\n丛台区1号"


def test_duplicate_id_second_occurrence_names_first_line(store: Store, tmp_path: Path) -> None:
    a, b = ident("19500101", 41), ident("19510101", 42)
    rows = [[a, "甲", "", "", "", "", ""], [b, "乙", "", "", "", "", ""], [a, "丙", "", "", "", "", ""]]
    report = run_import(store, put(tmp_path, csv_bytes(EN_HEADER, rows)))
    lines = by_line(report)
    assert lines[2][0] == lines[3][0] == "accepted"
    status, reason = lines[4]
    assert status == "rejected" and "line 2" in reason
    person = store.people.find_by_id_number(a)
    assert person is not None and person.name == "甲"  # the first occurrence wins
    assert store.people.count() == 2


def test_duplicate_detected_across_15_and_18_digit_forms_and_case_of_x(store: Store, tmp_path: Path) -> None:
    seq = next(s for s in range(1, 999, 2) if ident("19500101", s).endswith("X"))
    with_x = ident("19500101", seq)
    old15 = "130402500101" + f"{seq + 2:03d}"  # a different person, given on an old card
    new18 = ident("19500101", seq + 2)
    rows = [
        [with_x, "甲", "", "", "", "", ""],
        [with_x.lower(), "乙", "", "", "", "", ""],
        [old15, "丙", "", "", "", "", ""],
        [new18, "丁", "", "", "", "", ""],
    ]
    report = run_import(store, put(tmp_path, csv_bytes(EN_HEADER, rows)))
    lines = by_line(report)
    assert lines[2][0] == "accepted" and lines[4][0] == "accepted"
    assert lines[3][0] == "rejected" and "line 2" in lines[3][1]
    assert lines[5][0] == "rejected" and "line 4" in lines[5][1]
    assert store.people.count() == 2


def test_15_digit_id_is_stored_as_18(store: Store, tmp_path: Path) -> None:
    old15 = "130402480615022"
    expected = ident("19480615", 22)
    report = run_import(store, put(tmp_path, csv_bytes(["身份证号码", "姓名"], [[old15, "刘桂兰"]])))
    assert report.accepted == 1
    assert expected.startswith("13040219480615022") and len(expected) == 18
    person = store.people.find_by_id_number(expected)
    assert person is not None
    assert person.id_number == expected
    assert (person.name, person.gender, person.birth_date) == ("刘桂兰", "female", dt.date(1948, 6, 15))
    assert store.people.find_by_id_number(old15) is None


# --- whole-file problems -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["身份证号码", "性别", "联系电话"], "name"),
        (["姓名", "性别", "出生日期"], "id_number"),
        (["phone", "address"], "id_number"),
    ],
)
def test_missing_required_column_is_a_user_error(
    store: Store, tmp_path: Path, header: list[str], missing: str
) -> None:
    path = put(tmp_path, csv_bytes(header, [["x"] * len(header)]))
    with pytest.raises(UserError) as info:
        run_import(store, path)
    assert info.value.code == "roster.missing_columns"
    assert missing in info.value.params["missing"]
    assert missing.split("_")[0] in str(info.value)
    assert store.people.count() == 0


def test_missing_column_via_cli_exits_1_without_traceback(cli, store_file: Path, tmp_path: Path) -> None:
    path = put(tmp_path, csv_bytes(["身份证号码", "性别"], [[ident("19500101", 51), "男"]]))
    result = cli("roster", "import", str(path), "--json", "--report", str(tmp_path / "r.csv"))
    assert result.code == 1
    assert "name" in result.err
    assert "Traceback" not in result.err and "Traceback" not in result.out


@pytest.mark.parametrize("data", [b"", BOM, b"\r\n"], ids=["empty", "bom-only", "newline-only"])
def test_empty_file_is_a_user_error(store: Store, tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UserError) as info:
        run_import(store, put(tmp_path, data))
    assert info.value.code in ("roster.empty", "roster.missing_columns")
    assert str(info.value)


def test_empty_file_via_cli(cli, store_file: Path, tmp_path: Path) -> None:
    result = cli("roster", "import", str(put(tmp_path, b"")), "--report", str(tmp_path / "r.csv"))
    assert result.code == 1
    assert "empty" in result.err
    assert "Traceback" not in result.err


def test_missing_file_is_a_user_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        run_import(store, tmp_path / "nope.csv")
    assert info.value.code == "roster.not_found"


GARBAGE = {
    "plain": bytes([0x00, 0x81, 0xFF, 0x80, 0xFE, 0x30, 0xC3, 0x28]) * 16,
    # a UTF-8 BOM does not make the rest UTF-8 (e.g. a GBK file with a stray BOM, or binary data)
    "utf8-bom-then-garbage": BOM + "身份证号码,姓名\r\n".encode("gbk") + b"\xff\xfe\x80",
    # FF FE looks like a UTF-16 BOM, but an odd number of bytes cannot be UTF-16
    "utf16-bom-odd-length": b"\xff\xfe" + b"\x41\x00\x42",
}


def assert_undecodable(data: bytes) -> None:
    for codec in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)


@pytest.mark.parametrize("name", list(GARBAGE))
def test_binary_garbage_is_a_clear_user_error(store: Store, tmp_path: Path, name: str) -> None:
    data = GARBAGE[name]
    assert_undecodable(data)
    with pytest.raises(UserError) as info:
        run_import(store, put(tmp_path, data))
    assert info.value.code == "roster.encoding"
    assert "UTF-8" in str(info.value) and "GBK" in str(info.value)
    assert store.people.count() == 0


@pytest.mark.parametrize("name", list(GARBAGE))
def test_binary_garbage_via_cli_exits_1(cli, store_file: Path, tmp_path: Path, name: str) -> None:
    data = GARBAGE[name]
    assert_undecodable(data)
    result = cli("roster", "import", str(put(tmp_path, data)), "--report", str(tmp_path / "r.csv"))
    assert result.code == 1, result.err
    assert "UTF-8" in result.err
    assert "Traceback" not in result.err


# --- strict mode -------------------------------------------------------------------------------


def test_strict_with_one_bad_row_imports_nothing(store: Store, tmp_path: Path) -> None:
    rows = list(people_rows(5, seed=3))
    rows[2][0] = bad_check(rows[2][0])
    head_before = store.audit_head()
    report = run_import(store, put(tmp_path, roster_csv(rows)), strict=True)
    assert report.strict_refused
    assert report.outcome is None
    assert (report.accepted, report.rejected) == (4, 1)
    assert by_line(report)[4][0] == "rejected"
    assert store.people.count() == 0
    assert store.roster.count() == 0
    assert store.audit_head() == head_before


def test_strict_with_all_good_rows_imports(store: Store, tmp_path: Path) -> None:
    rows = list(people_rows(5, seed=3))
    report = run_import(store, put(tmp_path, roster_csv(rows)), strict=True)
    assert not report.strict_refused
    assert report.outcome is not None and report.outcome.added == 5
    assert store.people.count() == 5
    assert store.roster.count() == 5


def test_strict_via_cli(cli, store_file: Path, tmp_path: Path) -> None:
    rows = list(people_rows(4, seed=8))
    bad = [r[:] for r in rows]
    bad[1][2] = "女" if bad[1][2] == "男" else "男"
    refused = cli(
        "roster",
        "import",
        str(put(tmp_path, roster_csv(bad), "bad.csv")),
        "--strict",
        "--json",
        "--report",
        str(tmp_path / "r1.csv"),
    )
    assert refused.code == 1
    summary = json.loads(refused.out)
    assert summary["imported"] is False
    assert (summary["accepted"], summary["rejected"], summary["added"]) == (3, 1, 0)
    with open_store(store_file) as opened:
        assert opened.people.count() == 0
    accepted = cli(
        "roster",
        "import",
        str(put(tmp_path, roster_csv(rows), "good.csv")),
        "--strict",
        "--json",
        "--report",
        str(tmp_path / "r2.csv"),
    )
    assert accepted.code == 0, accepted.err
    assert json.loads(accepted.out)["added"] == 4
    with open_store(store_file) as opened:
        assert opened.people.count() == 4


# --- re-import ---------------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = put(tmp_path, roster_csv(list(people_rows(20, seed=4))))
    first = run_import(store, path)
    assert first.outcome is not None and first.outcome.batch is not None
    assert first.outcome.added == 20
    counts = (store.people.count(), store.roster.count(), store.audit_head(), len(store.roster.imports()))
    second = run_import(store, path)
    assert second.outcome is not None
    assert second.outcome.batch is None
    assert (second.outcome.added, second.outcome.updated, second.outcome.unchanged) == (0, 0, 20)
    assert (
        store.people.count(),
        store.roster.count(),
        store.audit_head(),
        len(store.roster.imports()),
    ) == counts
    assert store.audit_head()[0] == counts[2][0]


def test_reimport_with_one_changed_phone_updates_exactly_one(store: Store, tmp_path: Path) -> None:
    rows = list(people_rows(10, seed=6))
    run_import(store, put(tmp_path, roster_csv(rows), "first.csv"))
    rows[3][6] = "13912345678"
    report = run_import(store, put(tmp_path, roster_csv(rows), "second.csv"))
    assert report.outcome is not None and report.outcome.batch is not None
    assert (report.outcome.added, report.outcome.updated, report.outcome.unchanged) == (0, 1, 9)
    assert report.outcome.new_entries == 0
    for index, row in enumerate(rows):
        person = store.people.find_by_id_number(row[0])
        assert person is not None
        assert person.phone == row[6]
        assert person.name == row[1]
        if index != 3:
            assert person.updated_at == person.created_at
    assert store.people.count() == 10
    assert store.roster.count() == 10


def test_file_without_phone_column_keeps_stored_phones(store: Store, tmp_path: Path) -> None:
    rows = list(people_rows(4, seed=9))
    run_import(store, put(tmp_path, roster_csv(rows), "full.csv"))
    phones = {row[0]: row[6] for row in rows}
    # same people, no phone column, and one changed address so that an UPDATE really runs
    short = [[r[0], r[1], r[5]] for r in rows]
    short[0][2] = "河北省邯郸市复兴区新地址1号"
    report = run_import(store, put(tmp_path, csv_bytes(["身份证号码", "姓名", "住址"], short), "short.csv"))
    assert report.outcome is not None
    assert (report.outcome.added, report.outcome.updated) == (0, 1)
    for row in rows:
        person = store.people.find_by_id_number(row[0])
        assert person is not None
        assert person.phone == phones[row[0]]
        assert person.unit == row[7]  # also not in the short file
    changed = store.people.find_by_id_number(rows[0][0])
    assert changed is not None and changed.address == "河北省邯郸市复兴区新地址1号"


@pytest.mark.parametrize(("second_cycle", "second_region"), [(2026, "130500"), (2027, "130400")])
def test_same_person_for_two_regions_or_cycles_gets_two_entries(
    store: Store, tmp_path: Path, second_cycle: int, second_region: str
) -> None:
    rows = list(people_rows(3, seed=12))
    path = put(tmp_path, roster_csv(rows))
    run_import(store, path, cycle=2026, region="130400")
    report = run_import(store, path, cycle=second_cycle, region=second_region)
    assert report.outcome is not None and report.outcome.batch is not None
    assert (report.outcome.added, report.outcome.updated, report.outcome.new_entries) == (0, 0, 3)
    assert store.people.count() == 3
    assert store.roster.count() == 6
    person = store.people.find_by_id_number(rows[0][0])
    assert person is not None
    entries = store.roster.entries_for(person.uuid)
    assert sorted((e.cycle, e.region) for e in entries) == sorted(
        [(2026, "130400"), (second_cycle, second_region)]
    )


def test_import_writes_exactly_one_audit_event(store: Store, tmp_path: Path) -> None:
    rows = list(people_rows(15, seed=13))
    rows[5][0] = bad_check(rows[5][0])
    seq_before = store.audit_head()[0]
    known = len(store.audit_events())
    report = run_import(store, put(tmp_path, roster_csv(rows)))
    assert report.outcome is not None and report.outcome.batch is not None
    assert store.audit_head()[0] == seq_before + 1
    new = store.audit_events()[known:]
    assert [e.action for e in new] == ["roster.import"]
    assert new[0].actor == "test"
    assert new[0].record_uuid == report.outcome.batch.uuid
    assert new[0].details["added"] == 14 and new[0].details["rejected"] == 1
    assert store.verify_audit().ok


# --- the report --------------------------------------------------------------------------------


def report_input(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    rows = list(people_rows(6, seed=21))
    rows[1][0] = bad_check(rows[1][0])
    rows[2][0] = rows[2][0][:17]
    rows[3][0] = "130402" + rows[3][0][8:14] + "022"  # legacy 15-digit card (a woman)
    rows[3][2] = "女"
    rows.append([ident("19900230", 17), "郭淑芬", "", "", "", "", "", "", "", "", "", ""])
    rows.append(rows[0][:])  # duplicate
    ids = [r[0] for r in rows] + [ident("19" + rows[3][0][6:12], 22)]
    names = [r[1] for r in rows]
    return put(tmp_path, roster_csv(rows, encoding="gbk")), ids, names


def test_cli_report_is_bom_utf8_and_carries_no_clear_ids_or_names(
    cli, store_file: Path, tmp_path: Path
) -> None:
    path, ids, names = report_input(tmp_path)
    report_path = tmp_path / "out" / "report.csv"
    result = cli(
        "roster",
        "import",
        str(path),
        "--json",
        "--report",
        str(report_path),
        "--cycle",
        "2026",
        "--region",
        "130400",
    )
    assert result.code == 0, result.err
    raw = report_path.read_bytes()
    assert raw.startswith(BOM)
    text = raw.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == ["line", "id_number_masked", "status", "reason"]
    body = table[1:]
    assert [int(r[0]) for r in body] == list(range(2, 2 + len(names)))
    assert all(len(r) == 4 for r in body)
    assert {r[2] for r in body} == {"accepted", "rejected"}
    for number in ids:
        assert number not in text
        assert number not in result.out
        assert number not in result.err
    for name in names:
        assert name not in text
        assert name not in result.out
    summary = json.loads(result.out)
    assert set(summary) >= {
        "file_encoding",
        "rows",
        "accepted",
        "rejected",
        "imported",
        "added",
        "updated",
        "unchanged",
        "ignored_columns",
        "report",
        "rejections",
    }
    assert summary["file_encoding"] == "gbk"
    assert summary["report"] == str(report_path)
    assert (summary["rows"], summary["accepted"], summary["rejected"]) == (8, 4, 4)
    assert summary["imported"] is True and summary["added"] == 4
    assert sorted(r["line"] for r in summary["rejections"]) == [3, 4, 8, 9]


def test_report_row_for_impossible_date_reveals_at_most_8_id_characters(store: Store, tmp_path: Path) -> None:
    # fieldkit.identity promises an error reveals at most 8 characters of a number; the report row
    # (masked number + reason) must keep that promise too.
    number = ident("19900230", 17)
    report = run_import(store, put(tmp_path, csv_bytes(["身份证号码", "姓名"], [[number, "钱二"]])))
    (row,) = report.rows
    assert row.status == "rejected"
    assert len(row.masked_id) == len(number)
    shown = {i for i, ch in enumerate(row.masked_id) if ch != "*" and ch == number[i]}
    date_forms = (number[6:14], f"{number[6:10]}-{number[10:12]}-{number[12:14]}")
    if any(form in row.reason for form in date_forms):
        shown |= set(range(6, 14))
    assert len(shown) <= 8, f"{row.masked_id} / {row.reason}"
