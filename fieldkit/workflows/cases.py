"""Cases and the day's work list: what people must decide, and who is still due.

Why supervisors are checked here and not in a screen: "only a supervisor decides a case" is a rule
of the product, so the CLI, the GUI and headquarters' sync all go through ``decide_case``, which
refuses an operator without that role. Every decision is audited by the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.errors import UserError
from storage.records import Case, Operator, Person
from storage.store import Store


def find_case(store: Store, reference: str) -> Case:
    """A case by the reference printed for the clerk."""
    for case in store.cases.list():
        if case.reference == reference.strip().upper():
            return case
    raise UserError(f"No case with reference {reference}.", code="case.not_found")


def decide_case(store: Store, reference: str, *, approve: bool, note: str, supervisor: Operator) -> Case:
    """Approve or reject an open case; only a supervisor may, and a note is required."""
    if supervisor.role != "supervisor":
        raise UserError(
            "Only a supervisor can decide a case: log in with a supervisor account.",
            code="case.not_supervisor",
        )
    if not note.strip():
        raise UserError("A decision needs a note saying why.", code="case.no_note")
    case = find_case(store, reference)
    if case.status != "open":
        raise UserError(f"Case {case.reference} was already {case.status}.", code="case.decided")
    with store.transaction(supervisor.uuid):
        return store.cases.decide(
            case.uuid,
            status="approved" if approve else "rejected",
            decided_by=supervisor.uuid,
            note=note.strip(),
        )


@dataclass(frozen=True)
class DueEntry:
    """One person of the cycle's roster and whether they are done."""

    person: Person
    certified: bool
    enrolled: bool


def home_visit_people(store: Store) -> set[str]:
    """People flagged for home visits: anyone with a home-visit case (open or decided)."""
    return {c.person_uuid for c in store.cases.list() if c.kind == "home_visit" and c.person_uuid}


def due_list(
    store: Store,
    *,
    cycle: int,
    district: str | None = None,
    unit: str | None = None,
    home_visit: bool = False,
) -> list[DueEntry]:
    """The cycle's roster with each person's state, filtered by district, employer unit or home-visit flag."""
    visits = home_visit_people(store) if home_visit else set()
    entries = []
    for person in store.roster.people_in_cycle(cycle):
        if district and person.district != district:
            continue
        if unit and person.unit != unit:
            continue
        if home_visit and person.uuid not in visits:
            continue
        certified = any(
            c.result == "accept" for c in store.certifications.for_person(person.uuid, cycle=cycle)
        )
        enrolled = any(e.status == "complete" for e in store.enrollments.for_person(person.uuid))
        entries.append(DueEntry(person=person, certified=certified, enrolled=enrolled))
    return entries
