"""After a certification that did not pass: what was tried, what is left, and the case for a person.

Why a service: "not matched" must never be a dead end. The certification screen offers another
attempt, the other enrolled hand, a face attempt where a face is enrolled, and finally a case that
a supervisor decides with the reason and the evidence of every attempt. What was tried comes from
the recorded certifications (the store, not the screen's memory), so the CLI, the GUI and a
restarted app all see the same attempts, and the case carries them to headquarters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.errors import UserError
from storage.records import Case, Certification
from storage.store import Store

CASE_KIND = "certification_review"


def modalities_used(certification: Certification) -> tuple[str, ...]:
    """``("palm_right", "face")``: what this attempt compared (or tried and failed to read)."""
    used: list[str] = []
    for key in sorted(certification.scores):
        if key.startswith("palm_"):
            hand = key.removeprefix("palm_").removesuffix("_failure")
            if f"palm_{hand}" not in used:
                used.append(f"palm_{hand}")
        elif key in ("face", "face_failure") and "face" not in used:
            used.append("face")
    return tuple(used)


@dataclass(frozen=True)
class FailedAttempts:
    """This cycle's certifications of one person that did not pass, newest first."""

    person_uuid: str
    cycle: int
    attempts: list[Certification] = field(default_factory=list)
    accepted: bool = False

    @property
    def hands_tried(self) -> set[str]:
        return {m.removeprefix("palm_") for c in self.attempts for m in modalities_used(c) if m != "face"}

    @property
    def face_tried(self) -> bool:
        return any("face" in modalities_used(c) for c in self.attempts)


def failed_attempts(store: Store, person_uuid: str, *, cycle: int) -> FailedAttempts:
    records = store.certifications.for_person(person_uuid, cycle=cycle)
    accepted = any(c.result == "accept" for c in records)
    failed = [c for c in records if c.result != "accept"]
    return FailedAttempts(person_uuid, cycle, failed, accepted)


def open_case_for(
    store: Store,
    person_uuid: str,
    *,
    cycle: int,
    actor: str,
    note: str = "",
    last_uuid: str | None = None,
) -> Case:
    """Open (once) a review case for a person whose certification did not pass this cycle.

    The details name each attempt's result, decision code and what it compared, so the supervisor
    sees the evidence without opening the records; an open case of this kind for the same last
    attempt is returned instead of opening a second one (a double click must not open two).
    """
    found = failed_attempts(store, person_uuid, cycle=cycle)
    if found.accepted:
        raise UserError(
            "This person is already certified this year; no case is needed.", code="followup.accepted"
        )
    if not found.attempts:
        raise UserError("There is no failed attempt to report yet.", code="followup.no_attempt")
    # note: two attempts in one second sort by time alone; the screen names the one it just showed
    last = next((c for c in found.attempts if c.uuid == last_uuid), found.attempts[0])
    for case in store.cases.list(status="open"):
        if (
            case.kind == CASE_KIND
            and case.person_uuid == person_uuid
            and case.details.get("certification_uuid") == last.uuid
        ):
            return case
    details: dict[str, object] = {
        "certification_uuid": last.uuid,
        "attempts": len(found.attempts),
        "last_result": last.result,
        "reason": str(last.evidence.get("decision_code", "")),
        "tried": sorted({m for c in found.attempts for m in modalities_used(c)}),
        "scores": last.scores,
    }
    if note.strip():
        details["note"] = note.strip()
    with store.transaction(actor):
        return store.cases.open(
            Case(kind=CASE_KIND, person_uuid=person_uuid, opened_by=actor, details=details)
        )
