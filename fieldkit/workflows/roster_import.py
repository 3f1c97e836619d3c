"""Roster import: validate every row of a headquarters roster and take the good ones in one go.

Why validate here and not in the store: the ID-number rules and the meaning of "男"/"退休" are the
application's knowledge. Each rejected row gets a reason a clerk can act on and the line number in
the file; the report never carries a clear ID number or name (it may be e-mailed or left on a
desktop). ``strict`` imports all rows or none.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.identity.idnumber import IdNumberError, mask_id_number, parse_id_number
from fieldkit.identity.region import parse_region
from fieldkit.workflows.roster_columns import decode_roster, physical_lines, read_rows, row_problem
from storage.records import Person
from storage.roster import ImportOutcome
from storage.store import Store

_GENDERS = {
    "男": "male",
    "女": "female",
    "m": "male",
    "f": "female",
    "male": "male",
    "female": "female",
    "1": "male",
    "2": "female",
}
_STATUSES = {
    "active": "active",
    "正常": "active",
    "在册": "active",
    "正常发放": "active",
    "suspended": "suspended",
    "暂停": "suspended",
    "停发": "suspended",
    "暂停发放": "suspended",
    "deceased": "deceased",
    "死亡": "deceased",
    "已故": "deceased",
}
_KINDS = {
    "retiree": "retiree",
    "退休": "retiree",
    "退休人员": "retiree",
    "离休": "retiree",
    "dependant": "dependant",
    "dependent": "dependant",
    "遗属": "dependant",
    "供养亲属": "dependant",
    "遗属待遇": "dependant",
}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$|^(\d{4})(\d{2})(\d{2})$")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass
class RowResult:
    """One line of the import report (ID masked)."""

    line: int
    masked_id: str
    status: str  # "accepted" | "rejected"
    reason: str = ""


@dataclass
class ImportReport:
    """Everything a clerk needs to see after an import."""

    encoding: str
    rows: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    outcome: ImportOutcome | None = None
    strict_refused: bool = False

    @property
    def accepted(self) -> int:
        return sum(1 for r in self.rows if r.status == "accepted")

    @property
    def rejected(self) -> int:
        return sum(1 for r in self.rows if r.status == "rejected")

    def write_csv(self, path: Path) -> None:
        """The per-row report as UTF-8 CSV with BOM (so Excel in China opens it correctly)."""
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(["line", "id_number_masked", "status", "reason"])
        for row in self.rows:
            writer.writerow([row.line, row.masked_id, row.status, row.reason])
        atomic_write(path, text.getvalue(), encoding="utf-8-sig")


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        return dt.date.fromisoformat(text)  # the common case, without the regular expression
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    y, m, d = (g for g in match.groups() if g is not None)
    return dt.date(int(y), int(m), int(d))


def _choice(value: str, table: dict[str, str], what: str) -> str:
    key = value.strip().lower()
    if key not in table:
        raise ValueError(f"{what} {value.strip()!r} is not one of the known values")
    return table[key]


def person_from_row(cells: dict[str, str], *, today: dt.date | None = None) -> Person:
    """Validate one row; raise ValueError/IdNumberError with a clerk-readable reason."""
    raw_id = cells.get("id_number", "").strip()
    if _SCIENTIFIC.match(raw_id):
        raise ValueError(
            "the ID number was turned into a number by Excel (like 1.3E+17); "
            "format the column as text and export again"
        )
    if not raw_id:
        raise ValueError("the ID number is empty")
    parsed = parse_id_number(raw_id, today=today)
    name = cells.get("name", "").strip()
    if not name:
        raise ValueError("the name is empty")
    person = Person(id_number=parsed.value, name=name, gender=parsed.gender, birth_date=parsed.birth_date)
    if cells.get("gender", "").strip():
        gender = _choice(cells["gender"], _GENDERS, "gender")
        if gender != parsed.gender:
            raise ValueError(f"the gender column says {gender} but the ID number is a {parsed.gender}'s")
    if cells.get("birth_date", "").strip():
        try:
            birth = _parse_date(cells["birth_date"])
        except ValueError:
            raise ValueError("the birth date is not a date (use YYYY-MM-DD)") from None
        if birth != parsed.birth_date:
            raise ValueError("the birth date column disagrees with the birth date in the ID number")
    if cells.get("status", "").strip():
        person.status = _choice(cells["status"], _STATUSES, "status")
    if cells.get("kind", "").strip():
        person.kind = _choice(cells["kind"], _KINDS, "kind")
    for column in ("ethnicity", "address", "phone", "unit", "district", "pension_account"):
        value = cells.get(column, "").strip()
        setattr(person, column, value or None)
    return person


def validate_roster(
    data: bytes, *, today: dt.date | None = None
) -> tuple[ImportReport, list[Person], set[str]]:
    """Decode and check every row: (report, accepted people, columns present in the file)."""
    text, encoding = decode_roster(data)
    columns, ignored, rows = read_rows(text)
    physical = physical_lines(text)
    report = ImportReport(encoding=encoding, ignored_columns=ignored)
    people: list[Person] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        cells = {column: (row[index] if index < len(row) else "") for column, index in columns.items()}
        masked = mask_id_number(cells.get("id_number", ""))
        if (problem := row_problem(line, row, physical)) is not None:
            report.rows.append(RowResult(line, "*" * len(masked), "rejected", problem))
            continue
        try:
            person = person_from_row(cells, today=today)
        except (ValueError, IdNumberError) as exc:
            if getattr(exc, "code", "") == "id.impossible_date":
                masked = "*" * len(masked)  # the reason shows the 8 date digits; reveal nothing more
            report.rows.append(RowResult(line, masked, "rejected", str(exc)))
            continue
        if person.id_number in first_line:
            reason = f"the same ID number is already on line {first_line[person.id_number]}"
            report.rows.append(RowResult(line, masked, "rejected", reason))
            continue
        first_line[person.id_number] = line
        people.append(person)
        report.rows.append(RowResult(line, masked, "accepted"))
    present = set(columns) | {"gender", "birth_date"}  # both always follow from the ID number
    return report, people, present


def import_roster(
    store: Store,
    path: Path,
    *,
    cycle: int,
    region: str,
    actor: str,
    strict: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Validate ``path`` and import its valid rows in one transaction (or none, if ``strict``).

    ``region`` is a GB/T 2260 code, or "default" for a roster not tied to a region.
    """
    if region != "default":
        region = parse_region(region)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"No roster file at {path}.", code="roster.not_found") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.", code="roster.unreadable") from None
    report, people, present = validate_roster(data, today=today)
    if strict and report.rejected:
        report.strict_refused = True
        return report
    if not people:
        return report
    with store.transaction(actor):
        report.outcome = store.roster.apply_import(
            people,
            present_fields=present,
            cycle=cycle,
            region=region,
            file_sha256=hashlib.sha256(data).hexdigest(),
            rejected=report.rejected,
        )
    return report


def rejected_rows(report: ImportReport) -> Sequence[RowResult]:
    """Only the rows a clerk has to fix."""
    return [r for r in report.rows if r.status == "rejected"]
