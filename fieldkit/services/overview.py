"""What the Today, Cases and Sync screens list (no Qt): built from ``due_list``, the cases and the outbox.

Why one call per screen refresh: each function runs once on the store thread and returns plain
rows, so the screen never waits on the store and never holds a record object that could change
under it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from fieldkit.services import people_search
from fieldkit.times import display_time
from fieldkit.workflows.cases import due_list, find_case
from storage.records import Case
from storage.store import Store


@dataclass(frozen=True)
class DueRow:
    """One person of the cycle's roster, as the Today list shows them."""

    person_uuid: str
    id_number: str
    name: str
    unit: str
    district: str
    enrolled: bool
    certified: bool
    age: int | None = None
    address: str = ""
    phone: str = ""


@dataclass
class TodayView:
    """The filtered work list and the day's counters."""

    rows: list[DueRow]
    done: int
    pending: int
    unsynced: int
    open_cases: int
    districts: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


def _matches(row: DueRow, query: str) -> bool:
    return people_search.matches(query, row.id_number, row.name)


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    """Whole years (home visits are planned for the oldest first)."""
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def today_view(
    store: Store,
    *,
    cycle: int,
    query: str = "",
    district: str | None = None,
    unit: str | None = None,
    home_visit: bool = False,
) -> TodayView:
    """The due list for the filters, searched by ID number (prefix or last four digits), name (part
    of it) or its pinyin / initials (``people_search.matches``)."""
    # note: one due_list call (it reads every person's records); district and unit are filtered here
    everyone = due_list(store, cycle=cycle, home_visit=home_visit)
    today = dt.date.today()
    filtered = [
        e
        for e in everyone
        if (not district or e.person.district == district) and (not unit or e.person.unit == unit)
    ]
    rows = [
        DueRow(
            e.person.uuid,
            e.person.id_number,
            e.person.name,
            e.person.unit or "",
            e.person.district or "",
            e.enrolled,
            e.certified,
            _age(e.person.birth_date, today),
            e.person.address or "",
            e.person.phone or "",
        )
        for e in filtered
    ]
    done = sum(1 for r in rows if r.certified)
    shown = [r for r in rows if _matches(r, query)]
    shown.sort(key=lambda r: (r.certified, r.district, r.unit, r.name))
    return TodayView(
        rows=shown,
        done=done,
        pending=len(rows) - done,
        unsynced=store.outbox.pending_count(),
        open_cases=len(store.cases.list(status="open")),
        districts=sorted({e.person.district for e in everyone if e.person.district}),
        units=sorted({e.person.unit for e in everyone if e.person.unit}),
    )


def outbox_summary(store: Store) -> dict[str, int]:
    """Unsent records by type (what a sync or a batch file will carry)."""
    return dict(Counter(entry.record_type for entry in store.outbox.pending(limit=1_000_000)))


@dataclass(frozen=True)
class CaseDetail:
    """A case with the person it concerns and its details as readable lines."""

    case: Case
    person_name: str
    id_number: str
    details: list[tuple[str, object]]


def _person_label(store: Store, person_uuid: str | None) -> tuple[str, str]:
    if not person_uuid:
        return "", ""
    person = store.people.get(person_uuid)
    return person.name, person.id_number


def case_detail(store: Store, reference: str) -> CaseDetail:
    case = find_case(store, reference)
    name, number = _person_label(store, case.person_uuid)
    details = []
    for key, value in sorted(case.details.items()):
        if key.endswith("_uuid"):
            continue  # note: internal keys mean nothing to a supervisor
        details.append((key, value))
    return CaseDetail(case, name, number, details)


@dataclass(frozen=True)
class HeaderStatus:
    """What the window's header shows at a glance: when data last reached HQ, and what is waiting."""

    last_sent: str  # local time, "" when nothing was ever sent
    unsynced: int


def header_status(store: Store) -> HeaderStatus:
    last = store.outbox.last_sent_at()
    return HeaderStatus(display_time(last) if last else "", store.outbox.pending_count())
