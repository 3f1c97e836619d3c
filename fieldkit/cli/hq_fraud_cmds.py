"""``fieldkit hq mark-fraud ID_NUMBER --note TEXT --operator LOGIN``: headquarters withdraws a
record found fraudulent from every laptop of its region.

Why a command: the rule existed (:func:`fieldkit.hq.package_removals.mark_fraud`) but only code could
call it, so a confirmed fraud stayed on the laptops' due lists. The rules (an administrator's
password, a note, the staff audit) are :func:`fieldkit.hq.fraud_marks.mark_fraud_as_staff`, the same
as the console's; the ID number is masked in everything printed and recorded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from fieldkit.cli.context import Context
from fieldkit.cli.hq_home import hq_staff_login, open_hq


def cmd_mark_fraud(ctx: Context, args: argparse.Namespace) -> int:
    """Mark a roster record as fraud; the region's laptops withdraw the person at their next package."""
    from fieldkit.hq.fraud_marks import mark_fraud_as_staff
    from fieldkit.identity.idnumber import mask_id_number, parse_id_number

    id_number = parse_id_number(args.id_number).value
    with open_hq(ctx, args) as hq:
        staff = hq_staff_login(hq, args)
        region, cycle = mark_fraud_as_staff(hq, id_number, note=args.note, login=staff, via="cli")
    print(
        f"{mask_id_number(id_number)} marked as fraud in region {region}, cycle {cycle}: the region's "
        "laptops withdraw the person at their next work package (unsynced work about them is sent first)."
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
