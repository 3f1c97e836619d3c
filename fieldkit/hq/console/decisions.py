"""Deciding a review item from the console: the same rules as ``fieldkit hq review decide``.

Why a thin layer over :mod:`fieldkit.hq.reviews`: the decision, its message to the laptop and the
staff audit entry must land together (one transaction), and "correct the ID" is two existing rules
at once — the ID-number correction to every laptop that sent the person, and the item approved
with the note. The audit entry never holds the new ID number in clear (masked).
"""

from __future__ import annotations

from fieldkit.errors import UserError
from fieldkit.hq.console import staff_audit
from fieldkit.hq.console.evidence import build_evidence
from fieldkit.hq.reviews import Review, correct_id_number, decide_review
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import IdNumberError, mask_id_number, parse_id_number

OUTCOMES = ("approve", "reject", "correct")
MAX_NOTE = 2000


def decide_from_console(
    hq: HqStore, review: Review, *, outcome: str, note: str, new_id_number: str, login: str
) -> str:
    """Decide ``review``; returns "approved", "rejected" or "corrected" (UserError if refused)."""
    if outcome not in OUTCOMES:
        raise UserError("Choose approve, reject or correct the ID number.", code="console.bad_outcome")
    if len(note) > MAX_NOTE:
        raise UserError(f"A note has at most {MAX_NOTE} characters.", code="console.note_too_long")
    corrected = ""
    person_uuid = None
    if outcome == "correct":
        try:
            corrected = parse_id_number(new_id_number).value
        except IdNumberError as exc:
            raise UserError(
                f"The new ID number {mask_id_number(new_id_number)} is not valid: {exc.message}",
                code="console.bad_id_number",
            ) from None
        person_uuid = build_evidence(hq, review, with_scores=False).person_uuid
        if not person_uuid:
            raise UserError(
                "This item names no person whose ID number could be corrected.", code="console.no_person"
            )
    with hq.db.transaction():
        decided = decide_review(hq, review.id, approve=outcome != "reject", note=note, decided_by=login)
        detail: dict[str, object] = {"outcome": decided.status, "kind": review.kind}
        if person_uuid:
            laptops = correct_id_number(hq, person_uuid, corrected, note=note, decided_by=login)
            detail.update(id_corrected_to=mask_id_number(corrected), laptops=laptops)
        staff_audit.record(hq, login, "decide_review", f"review:{review.id}", **detail)
    return "corrected" if person_uuid else decided.status
