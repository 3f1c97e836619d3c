"""Headquarters' decisions, applied on the laptop: decided review items and ID-number corrections.

Why through the store's normal writes: a decision changes local records (a case becomes approved, a
person's ID number is corrected), so it must be audited like any other change, and the changed
record travels back to headquarters as its next version. Decisions arrive numbered; the last number
applied is kept in the store (in the same transaction), so each is applied exactly once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fieldkit.identity.idnumber import IdNumberError, parse_id_number
from storage.errors import Conflict, NotFound
from storage.records import Case
from storage.store import Store

SEQ_META = "hq_decisions_seq"


def last_applied(store: Store) -> int:
    return int(store.meta(SEQ_META) or 0)


def _apply_review(store: Store, decision: dict[str, Any]) -> str:
    payload = decision["payload"]
    subject, outcome = str(decision["subject_uuid"]), str(payload.get("outcome", ""))
    note = f"HQ: {payload.get('note', '')}"
    decided_by = f"hq:{payload.get('decided_by', '')}"
    if payload.get("record_type") == "case":
        try:
            store.cases.decide(subject, status=outcome, decided_by=decided_by, note=note)
            return "case_decided"
        except NotFound:
            return "unknown_record"
        except Conflict:
            return "already_decided"
    # note: an enrollment or certification reviewed at HQ (duplicate, roster): the team sees it as a
    # decided case in its case list, linked to the record it concerns.
    case = store.cases.open(
        Case(
            kind=f"hq_{payload.get('review_kind', 'review')}",
            person_uuid=None,
            opened_by=decided_by,
            details={
                "record_uuid": subject,
                "record_type": payload.get("record_type"),
                "summary": payload.get("summary"),
            },
        )
    )
    store.cases.decide(case.uuid, status=outcome, decided_by=decided_by, note=note)
    return "review_recorded"


def _apply_id_correction(store: Store, decision: dict[str, Any]) -> str:
    try:
        new_id = parse_id_number(str(decision["payload"].get("id_number", ""))).value
    except IdNumberError:
        return "invalid_id_number"
    try:
        store.people.change_id_number(str(decision["subject_uuid"]), new_id)
    except NotFound:
        return "unknown_record"
    except Conflict:
        return "id_number_taken"
    return "id_corrected"


def apply_decisions(store: Store, decisions: list[dict[str, Any]], *, actor: str) -> Counter[str]:
    """Apply decisions in order (skipping any already applied); returns what happened, counted."""
    outcomes: Counter[str] = Counter()
    with store.transaction(actor):
        seen = last_applied(store)
        for decision in sorted(decisions, key=lambda d: int(d["seq"])):
            if int(decision["seq"]) <= seen:
                continue
            if decision["kind"] == "review_decided":
                outcomes[_apply_review(store, decision)] += 1
            elif decision["kind"] == "id_correction":
                outcomes[_apply_id_correction(store, decision)] += 1
            else:
                outcomes["unknown_kind"] += 1
            seen = int(decision["seq"])
        if seen != last_applied(store):
            store.set_meta(SEQ_META, str(seen), action="sync.decisions_applied")
    return outcomes
