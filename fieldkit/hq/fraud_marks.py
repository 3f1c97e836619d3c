"""Marking a record as fraud, by a named administrator, from the terminal or the console.

Why one function for both: marking someone as fraud withdraws them from every laptop of their region
(:func:`fieldkit.hq.package_removals.mark_fraud`), which stops their certification in the field. So
the same rules hold wherever it is done: only an administrator may, a note must say why, and the
removal and its staff-audit entry (masked ID number, region, cycle, note) land in one transaction.
"""

from __future__ import annotations

from fieldkit.errors import UserError
from fieldkit.hq.console import staff_audit
from fieldkit.hq.package_removals import mark_fraud
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.privacy import mask_text

MAX_NOTE = 2000


def is_marked(hq: HqStore, id_number: str) -> bool:
    """Whether the person's roster record is marked as fraud."""
    return bool(
        hq.db.scalar("SELECT 1 FROM package_removals WHERE id_number = ? AND reason = 'fraud'", (id_number,))
    )


def mark_fraud_as_staff(
    hq: HqStore, id_number: str, *, note: str, login: str, via: str, subject: str = ""
) -> tuple[str, int]:
    """Mark ``id_number`` as fraud for ``login`` (an administrator); returns (region, cycle).

    ``subject`` names what the audit entry is about (``review:N`` from the console; the masked
    person otherwise). Raises UserError, with the ID number masked, when refused."""
    note = note.strip()
    if not note or len(note) > MAX_NOTE:
        raise UserError(f"Say why in a note (1 to {MAX_NOTE} characters).", code="hq.bad_note")
    role = hq.db.scalar("SELECT role FROM hq_operators WHERE login = ?", (login,))
    if role != "admin":
        raise UserError("Only a headquarters administrator can mark a record as fraud.", code="hq.not_admin")
    masked = mask_id_number(id_number)
    with hq.db.transaction():
        try:
            region, cycle = mark_fraud(hq, id_number)
        except UserError as exc:
            raise UserError(f"{masked}: {exc.message}", code=exc.code) from None
        staff_audit.record(
            hq, login, "mark_fraud", subject or f"person:{masked}", id_number=masked, region=region,
            cycle=cycle, note=mask_text(note), via=via,
        )  # fmt: skip
    return region, cycle
