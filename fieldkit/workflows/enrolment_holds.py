"""Which enrolments may be certified against: complete ones, held ones once every case that held
them is approved — and none that headquarters rejected as a duplicate.

Why derived, not a status change: an enrolment is held (``status = "held"``) when its palms matched
someone else's (suspected duplicate) or a required liveness check failed or could not be done. The
person then cannot be certified against it — until a supervisor on the laptop, or headquarters at its
review console, approves those cases ("not a duplicate: twins", "the hand tremor made the check
impossible, identity confirmed in person"). Before this module nothing released the hold, so an
approved person had to be enrolled again. Likewise headquarters' city-wide search can find that a
*complete* enrolment repeats somebody else's palms on another team's laptop; when a reviewer rejects
it, the decision arrives as a rejected ``hq_duplicate`` case — and before, the enrolment stayed usable,
so the second identity could go on being certified. Deriving both from the decided cases keeps the
enrolment record as it was taken (it travels to headquarters once and is never rewritten) and works
the same whichever side decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fieldkit.workflows.liveness import ATTACK_CASE, NOT_POSSIBLE_CASE
from storage.records import Case, Enrollment
from storage.store import Store

HOLDING_CASES = ("suspected_duplicate", ATTACK_CASE, NOT_POSSIBLE_CASE)
HQ_DUPLICATE_CASE = "hq_duplicate"  # note: how a decided HQ duplicate review arrives (sync.decisions)


@dataclass(frozen=True)
class EnrolmentStates:
    """The cases that hold each held enrolment as (reference, status), and the enrolments HQ rejected
    (with the reference of the case that says so) — from one read of the cases."""

    holding: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    rejected_by_hq: dict[str, str] = field(default_factory=dict)

    @cached_property  # note: asked once per enrolment by enrolled_people; computed once
    def cleared(self) -> set[str]:
        """Held enrolments whose holding cases were all approved (at least one case)."""
        return {uuid for uuid, cases in self.holding.items() if all(s == "approved" for _, s in cases)}


def enrolment_states(store: Store) -> EnrolmentStates:
    """Read every case once and derive both."""
    holding: dict[str, list[tuple[str, str]]] = {}
    rejected: dict[str, str] = {}
    for case in store.cases.list():
        enrolment = case.details.get("enrollment_uuid")
        if enrolment and case.kind in HOLDING_CASES:
            holding.setdefault(str(enrolment), []).append((case.reference, case.status))
        elif (
            case.kind == HQ_DUPLICATE_CASE
            and case.status == "rejected"
            and case.details.get("record_type") == "enrollment"
            and case.details.get("record_uuid")
        ):
            rejected[str(case.details["record_uuid"])] = case.reference
    return EnrolmentStates(holding, rejected)


def cleared_enrolments(store: Store) -> set[str]:
    """UUIDs of held enrolments whose holding cases were all approved (at least one case)."""
    return enrolment_states(store).cleared


def usable(enrollment: Enrollment, states: EnrolmentStates) -> bool:
    """Complete, or held and cleared — and not rejected by headquarters."""
    return _usable(enrollment.uuid, enrollment.status, states)


def _usable(uuid: str, status: str, states: EnrolmentStates) -> bool:
    if uuid in states.rejected_by_hq:
        return False
    return status == "complete" or (status == "held" and uuid in states.cleared)


def enrolled_people(store: Store) -> set[str]:
    """People with a usable enrolment (the due list's and the daily report's "enrolled")."""
    states = enrolment_states(store)
    if not states.cleared and not states.rejected_by_hq:
        return store.enrollments.people_with_status("complete")  # note: the common case, one query
    return {person for uuid, person, status in store.enrollments.statuses() if _usable(uuid, status, states)}


def releases_enrolment(store: Store, case: Case) -> bool:
    """Whether deciding ``case`` was the approval that made its held enrolment usable."""
    enrolment = case.details.get("enrollment_uuid")
    return case.kind in HOLDING_CASES and bool(enrolment) and str(enrolment) in cleared_enrolments(store)


@dataclass(frozen=True)
class Hold:
    """Why a person's enrolments cannot be used: ``kind`` is "" (nothing held), "open_review" (a
    supervisor must decide ``cases`` first) or "rejected" (a review rejected it, here or at HQ)."""

    kind: str = ""
    cases: tuple[str, ...] = ()


def hold_of(store: Store, enrollments: list[Enrollment]) -> Hold:
    """The hold on ``enrollments`` (a person's), for front-ends to word in their own language."""
    states = enrolment_states(store)
    rejected = {states.rejected_by_hq[e.uuid] for e in enrollments if e.uuid in states.rejected_by_hq}
    waiting = [
        case
        for e in enrollments
        if e.status == "held" and e.uuid not in states.rejected_by_hq
        for case in states.holding.get(e.uuid, [])
    ]
    open_refs = tuple(sorted(reference for reference, status in waiting if status == "open"))
    if open_refs:
        return Hold("open_review", open_refs)
    rejected |= {reference for reference, status in waiting if status == "rejected"}
    return Hold("rejected", tuple(sorted(rejected))) if rejected else Hold()


def hold_reason(store: Store, enrollments: list[Enrollment]) -> str:
    """Why none of ``enrollments`` can be used, in English for the CLI ("" when nothing is held)."""
    hold = hold_of(store, enrollments)
    cases = ", ".join(hold.cases)
    if hold.kind == "open_review":
        return f"The enrolment is held for review: a supervisor must decide case {cases} first."
    if hold.kind == "rejected":
        return (
            f"The enrolment was rejected on review (case {cases}): this person cannot be certified "
            "against it; call the supervisor."
        )
    return ""
