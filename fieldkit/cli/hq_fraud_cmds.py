"""``fieldkit hq mark-fraud ID_NUMBER --note TEXT --operator LOGIN``: headquarters withdraws a
record found fraudulent from every laptop of its region.

Why a command, and why an administrator's: the rule existed (:func:`fieldkit.hq.package_removals.
mark_fraud`) but only code could call it, so a confirmed fraud stayed on the laptops' due lists.
Marking someone as fraud stops their certification in the field, so it takes an administrator's
password, a note, and lands in the staff audit together with the removal (one transaction); the
ID number is masked in everything printed and recorded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from fieldkit.cli.context import Context
from fieldkit.cli.hq_home import open_hq
from fieldkit.errors import UserError

MAX_NOTE = 2000


def cmd_mark_fraud(ctx: Context, args: argparse.Namespace) -> int:
    """Mark a roster record as fraud; the region's laptops withdraw the person at their next package."""
    from fieldkit.cli.hq_admin_cmds import _staff
    from fieldkit.hq.console import staff_audit
    from fieldkit.hq.package_removals import mark_fraud
    from fieldkit.identity.idnumber import mask_id_number, parse_id_number
    from fieldkit.privacy import mask_text

    id_number = parse_id_number(args.id_number).value
    note = args.note.strip()
    if not note or len(note) > MAX_NOTE:
        raise UserError(f"Say why in --note (1 to {MAX_NOTE} characters).", code="hq.bad_note")
    masked = mask_id_number(id_number)
    with open_hq(ctx, args) as hq:
        staff = _staff(hq, args)
        role = hq.db.scalar("SELECT role FROM hq_operators WHERE login = ?", (staff,))
        if role != "admin":
            raise UserError(
                "Only a headquarters administrator can mark a record as fraud.", code="hq.not_admin"
            )
        with hq.db.transaction():
            try:
                region, cycle = mark_fraud(hq, id_number)
            except UserError as exc:
                raise UserError(f"{masked}: {exc.message}", code=exc.code) from None
            staff_audit.record(
                hq, staff, "mark_fraud", f"person:{masked}", region=region, cycle=cycle,
                note=mask_text(note), via="cli",
            )  # fmt: skip
    print(
        f"{masked} marked as fraud in region {region}, cycle {cycle}: the region's laptops withdraw "
        "the person at their next work package (unsynced work about them is sent first)."
    )
    return 0


def register_hq(action: Callable[[str, str, object], argparse.ArgumentParser]) -> None:
    """Add ``mark-fraud`` to the ``fieldkit hq`` actions."""
    fraud = action(
        "mark-fraud", "withdraw a record found fraudulent from its region's laptops", cmd_mark_fraud
    )
    fraud.add_argument("id_number", metavar="ID_NUMBER")
    fraud.add_argument("--note", required=True, help="why (kept in the staff audit, masked)")
    fraud.add_argument("--operator", metavar="LOGIN", help="an administrator's HQ login")
