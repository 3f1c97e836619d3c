"""When a held enrolment may be used: once every case that held it was approved.

Why derived, not a status change: an enrolment is held (``status = "held"``) when its palms matched
someone else's (suspected duplicate) or a required liveness check failed or could not be done. The
person then cannot be certified against it — until a supervisor on the laptop, or headquarters at its
review console, approves those cases ("not a duplicate: twins", "the hand tremor made the check
impossible, identity confirmed in person"). Before this module nothing released the hold, so an
approved person had to be enrolled again. Deriving "usable" from the decided cases keeps the
enrolment record as it was taken (it travels to headquarters once and is never rewritten) and
works the same whichever side decided. A rejected case keeps the hold: the enrolment is never used.
"""

from __future__ import annotations

from fieldkit.workflows.liveness import ATTACK_CASE, NOT_POSSIBLE_CASE
from storage.records import Case, Enrollment
from storage.store import Store

HOLDING_CASES = ("suspected_duplicate", ATTACK_CASE, NOT_POSSIBLE_CASE)


def _holds(cases: list[Case]) -> dict[str, list[str]]:
    """The statuses of the holding cases of each enrolment they name."""
    found: dict[str, list[str]] = {}
    for case in cases:
        enrolment = case.details.get("enrollment_uuid")
        if enrolment and case.kind in HOLDING_CASES:
            found.setdefault(str(enrolment), []).append(case.status)
    return found


def cleared_enrolments(store: Store) -> set[str]:
    """UUIDs of held enrolments whose holding cases were all approved (at least one case)."""
    return {
        uuid
        for uuid, statuses in _holds(store.cases.list()).items()
        if all(s == "approved" for s in statuses)
    }


def usable(enrollment: Enrollment, cleared: set[str]) -> bool:
    """Complete, or held and cleared (``cleared`` from :func:`cleared_enrolments`)."""
    return enrollment.status == "complete" or (enrollment.status == "held" and enrollment.uuid in cleared)


def enrolled_people(store: Store) -> set[str]:
    """People with a usable enrolment (the due list's and the daily report's "enrolled")."""
    people = store.enrollments.people_with_status("complete")
    cleared = cleared_enrolments(store)
    if cleared:
        for case in store.cases.list(status="approved"):
            if case.person_uuid and str(case.details.get("enrollment_uuid")) in cleared:
                people.add(case.person_uuid)
    return people


def releases_enrolment(store: Store, case: Case) -> bool:
    """Whether deciding ``case`` was the approval that made its held enrolment usable."""
    enrolment = case.details.get("enrollment_uuid")
    return case.kind in HOLDING_CASES and bool(enrolment) and str(enrolment) in cleared_enrolments(store)


def hold_reason(store: Store, enrollments: list[Enrollment]) -> str:
    """Why none of ``enrollments`` can be used, for the clerk ("" when none is held)."""
    held = {e.uuid for e in enrollments if e.status == "held"}
    if not held:
        return ""
    waiting = [
        c for c in store.cases.list() if c.kind in HOLDING_CASES and c.details.get("enrollment_uuid") in held
    ]
    open_refs = sorted(c.reference for c in waiting if c.status == "open")
    if open_refs:
        return (
            f"The enrolment is held for review: a supervisor must decide case {', '.join(open_refs)} first."
        )
    return "The enrolment was held and its review was rejected: enrol this person again."
