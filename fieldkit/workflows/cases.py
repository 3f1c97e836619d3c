"""Cases and the day's work list: what people must decide, and who is still due.

Why supervisors are checked here and not in a screen: "only a supervisor decides a case" is a rule
of the product, so the CLI, the GUI and headquarters' sync all go through ``decide_case``, which
refuses an operator without that role. Every decision is audited by the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.errors import UserError
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.privacy import mask_name
from fieldkit.times import display_time
from fieldkit.workflows import enrolment_holds
from reports.rows import CaseRow
from storage.errors import NotFound
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
    enrolled_people = enrolment_holds.enrolled_people(store)
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
        entries.append(DueEntry(person=person, certified=certified, enrolled=person.uuid in enrolled_people))
    return entries


# -- cases as rows: the Cases screen, `fieldkit case list` and the case report --------------------
def masked_person(store: Store, person_uuid: str | None) -> str:
    """``张** 1304**********123X`` for a person, "—" when there is none."""
    if not person_uuid:
        return "—"
    try:
        person = store.people.get(person_uuid)
    except NotFound:
        return "—"
    return f"{mask_name(person.name)} {mask_id_number(person.id_number)}"


def operator_name(store: Store, uuid: str | None) -> str:
    """An operator's name, or the actor string itself ("cli", "system") when it is no operator."""
    if not uuid:
        return "—"
    try:
        return store.operators.get(uuid).name
    except NotFound:
        return uuid


def case_details(store: Store, case: Case) -> str:
    """A case's details in one line, people masked and record ids left out."""
    parts = []
    for key, value in sorted(case.details.items()):
        if key == "other_person_uuid":
            parts.append(f"other person {masked_person(store, str(value))}")
        elif key.endswith("_uuid"):
            continue
        elif isinstance(value, list):
            parts.append(f"{key}: {', '.join(map(str, value))}")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def case_rows(store: Store, *, status: str | None = None, masked: bool = True) -> list[CaseRow]:
    """Cases as rows (all of them, or those with ``status``), times local, with who decided what.

    ``masked`` (the default) is for anything that leaves the encrypted store — reports, CSV, printed
    lists: the person appears as ``张** 1304**********123X``. The Cases screen, used by a logged-in
    supervisor inside the app, passes ``masked=False`` and shows the name.
    """
    rows = []
    for c in store.cases.list(status=status):
        if masked:
            person = masked_person(store, c.person_uuid)
        else:
            person = _person_name(store, c.person_uuid)
        rows.append(
            CaseRow(
                reference=c.reference,
                kind=c.kind,
                status=c.status,
                opened_at=display_time(c.opened_at),
                person=person,
                details=case_details(store, c),
                opened_by=operator_name(store, c.opened_by),
                decided_at=display_time(c.decided_at),
                decided_by=operator_name(store, c.decided_by) if c.decided_by else "",
                decision_note=c.decision_note or "",
            )
        )
    return rows


def _person_name(store: Store, person_uuid: str | None) -> str:
    if not person_uuid:
        return ""
    try:
        return store.people.get(person_uuid).name
    except NotFound:
        return ""
