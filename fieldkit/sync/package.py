"""Work packages on the laptop: take a verified package's content in (the format is in
:mod:`fieldkit.wire.package`).

Why the laptop remembers ``change_seq`` per region and cycle (store meta ``work_package.R.C``): the
next download asks only for later changes, and a delta that starts after a change this laptop never
saw (a missed update) is refused rather than leaving a silent hole. Applying is additive and keyed by
ID number and record UUID, so the same package applied twice changes nothing (not even the audit
trail), and nothing received travels back to headquarters (``travels=False``).

Where things land: people through the roster import (so identification, the due list and the
roster's cycle/region see them; a person the laptop already has keeps its UUID and the package's
records are mapped onto it), enrollments with their templates (certification and the duplicate
search use them like local ones), and each person's last certifications as certification records
marked ``evidence.source = "work_package"`` (so certification says "already certified" and the due
list counts them). The agency ID-binding keys the package carries go into the encrypted store
(:mod:`fieldkit.agency_id_key`), so receipts made from then on bind ID numbers with them. People
the package removes (moved, deceased, suspended, fraud) are withdrawn, never at the cost of unsynced
work (:mod:`fieldkit.sync.package_removals`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fieldkit.agency_id_key import remember_id_keys
from fieldkit.errors import UserError
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.sync.package_removals import apply_removals
from fieldkit.wire.package import Package
from storage.errors import NotFound
from storage.people import CONTENT_FIELDS
from storage.records import utc_now
from storage.store import Store

META_PREFIX = "work_package"
# always compared on update; other fields only when some person in the package has a value for them
_ALWAYS = frozenset({"id_number", "name", "gender", "birth_date", "status", "kind"})


def _refuse(why: str, code: str) -> UserError:
    return UserError(f"The work package is refused: {why}.", code=code)


@dataclass
class ApplySummary:
    """What applying a package changed on this laptop."""

    region: str
    cycle: int
    change_seq: int
    people_added: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    enrollments_added: int = 0
    enrollments_present: int = 0
    certifications_added: int = 0
    certifications_present: int = 0
    unknown_people: list[str] = field(default_factory=list)  # masked ID numbers of records skipped
    id_keys_added: int = 0  # agency ID-binding keys this laptop had not held
    people_withdrawn: int = 0  # removals applied (moved, deceased, suspended, fraud; issue 18)
    withdrawals_deferred: int = 0  # removals waiting until this laptop's work about them is synced

    @property
    def changed(self) -> bool:
        return bool(
            self.people_added
            or self.people_updated
            or self.enrollments_added
            or self.certifications_added
            or self.id_keys_added
            or self.people_withdrawn
        )


def meta_key(region: str, cycle: int) -> str:
    return f"{META_PREFIX}.{region}.{cycle}"


def remembered(store: Store, region: str, cycle: int) -> tuple[int, str | None]:
    """(change number applied so far, headquarters key id) for a region and cycle; (0, None) if none."""
    text = store.meta(meta_key(region, cycle))
    if text is None:
        return 0, None
    value = json.loads(text)
    return int(value["change_seq"]), value.get("hq_key_id")


def _check_sequence(store: Store, package: Package) -> int:
    held, held_key = remembered(store, package.region, package.cycle)
    if held_key is not None and held_key != package.hq_key_id:
        raise _refuse(
            f"this laptop takes its packages from another headquarters (key {held_key})", "package.other_hq"
        )
    if package.since > held:
        raise _refuse(
            f"it holds the changes after {package.since}, but this laptop has region {package.region} "
            f"only up to {held}; apply the updates in between first, or a full package",
            "package.gap",
        )
    if package.change_seq < held:
        raise _refuse(
            f"it is older (change {package.change_seq}) than what this laptop already applied ({held})",
            "package.stale",
        )
    return held


def _certification_exists(store: Store, uuid: str) -> bool:
    try:
        store.certifications.get(uuid)
    except NotFound:
        return False
    return True


def apply_package(store: Store, package: Package, *, actor: str) -> ApplySummary:
    """Take a verified package in, in one store transaction (nothing of it travels back)."""
    held = _check_sequence(store, package)
    summary = ApplySummary(region=package.region, cycle=package.cycle, change_seq=package.change_seq)
    with store.transaction(actor):
        if package.people:
            present = set(_ALWAYS) | {
                f for f in CONTENT_FIELDS if any(getattr(p, f) is not None for p in package.people)
            }
            outcome = store.roster.apply_import(
                package.people,
                present_fields=present,
                cycle=package.cycle,
                region=package.region,
                file_sha256=package.sha256,
                rejected=0,
            )
            summary.people_added, summary.people_updated = outcome.added, outcome.updated
            summary.people_unchanged = outcome.unchanged
        local: dict[str, str | None] = {}

        def person_uuid(id_number: str) -> str | None:
            if id_number not in local:
                found = store.people.find_by_id_number(id_number)
                local[id_number] = None if found is None else found.uuid
                if found is None:
                    summary.unknown_people.append(mask_id_number(id_number))
            return local[id_number]

        for id_number, enrollment in package.enrollments:
            if store.enrollments.exists(enrollment.uuid):
                summary.enrollments_present += 1
            elif (uuid := person_uuid(id_number)) is not None:
                enrollment.person_uuid = uuid
                store.enrollments.add(enrollment, travels=False)
                summary.enrollments_added += 1
        for id_number, certification in package.certifications:
            if _certification_exists(store, certification.uuid):
                summary.certifications_present += 1
            elif (uuid := person_uuid(id_number)) is not None:
                certification.person_uuid = uuid
                store.certifications.add(certification, travels=False)
                summary.certifications_added += 1
        summary.id_keys_added = remember_id_keys(store, package.id_binding_keys)
        summary.people_withdrawn, summary.withdrawals_deferred = apply_removals(store, package)
        if package.change_seq != held:
            value = {
                "change_seq": package.change_seq,
                "hq_key_id": package.hq_key_id,
                "applied_at": utc_now(),
            }
            store.set_meta(
                meta_key(package.region, package.cycle), json.dumps(value), action="work_package.applied"
            )
    return summary
