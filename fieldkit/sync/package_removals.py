"""Withdrawals on the laptop: people headquarters took out of a region's packages (issue 18).

What the laptop does for each removal a verified package names (the reason is one of
:data:`fieldkit.wire.package.REMOVAL_REASONS`): the person's roster entry for that region and cycle
is dropped (they leave this team's due list), and the deceased, suspended and fraud cases are marked
inactive (status ``deceased``, ``suspended``, ``suspended``); a moved person keeps their status.
Nothing else is deleted: their enrollments, certifications, cases and receipts stay on the laptop.
Each withdrawal writes one audit event ``roster.withdrawn`` naming the reason, the region and the
masked ID number (never the number in clear).

Unsynced work is never lost: while the outbox still holds anything about the person (their record,
an enrollment, a certification, a case, a receipt or an attachment), the withdrawal waits in the
store's meta ``work_package.deferred_withdrawals`` (audit action
``work_package.withdrawal_deferred``) and is retried at every later package, after the work was
acknowledged by headquarters.
"""

from __future__ import annotations

import json
from typing import Any

from fieldkit.identity.idnumber import mask_id_number
from fieldkit.wire.package import Package
from storage.store import Store

DEFERRED_KEY = "work_package.deferred_withdrawals"
STATUS_FOR = {"deceased": "deceased", "suspended": "suspended", "fraud": "suspended", "moved": None}


def _deferred(store: Store) -> list[dict[str, Any]]:
    try:
        found = json.loads(store.meta(DEFERRED_KEY) or "[]")
    except ValueError:
        return []
    return [d for d in found if isinstance(d, dict)] if isinstance(found, list) else []


def apply_removals(store: Store, package: Package) -> tuple[int, int]:
    """Withdraw the people the package removes (and those deferred before); the caller holds the
    transaction. Returns (withdrawn now, still deferred because of unsynced work)."""
    before = _deferred(store)
    todo = list(before)
    for id_number, reason in package.removals:
        person = store.people.find_by_id_number(id_number)
        if person is not None:
            todo.append(
                {
                    "person_uuid": person.uuid,
                    "person": mask_id_number(id_number),
                    "reason": reason,
                    "region": package.region,
                    "cycle": package.cycle,
                }
            )
    withdrawn, keep = 0, []
    for item in todo:
        if store.outbox.pending_about_person(str(item["person_uuid"])):
            if item not in keep:
                keep.append(item)
            continue
        details = {k: item[k] for k in ("reason", "person", "region", "cycle")}
        withdrawn += store.roster.withdraw(
            str(item["person_uuid"]),
            cycle=int(item["cycle"]),
            region=str(item["region"]),
            status=STATUS_FOR.get(str(item["reason"])),
            details=details,
        )
    if keep != before:
        store.set_meta(DEFERRED_KEY, json.dumps(keep), action="work_package.withdrawal_deferred")
    return withdrawn, len(keep)
