"""One person's story on this laptop, and receipts found by who they belong to.

Why: a retiree at the counter asks "did I do it last year?", "I lost the paper"; the clerk finds
them (name, pinyin, last four digits) and sees every enrolment, certification, case and receipt in
time order, and reprints from there. ``fieldkit receipt list`` and the Receipts screen's search use
``find_receipts``: a receipt number, or anything the Today search accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.identity.idnumber import mask_id_number
from fieldkit.services.people_search import matches
from fieldkit.services.receipts import ReceiptView, receipt_view, recent_receipts
from fieldkit.times import display_time
from storage.errors import NotFound
from storage.store import Store

RECEIPT_NUMBER_MARK = "-R"  # 3FA2C1-2026-R000017


@dataclass(frozen=True)
class HistoryLine:
    """One event: when (local time), what kind (a code the screen translates) and its result code."""

    when: str
    kind: str  # "enrollment", "certification", "case", "receipt"
    result: str
    reference: str = ""  # a case reference or receipt number


@dataclass(frozen=True)
class PersonHistory:
    name: str
    masked_id: str
    lines: list[HistoryLine]
    receipts: list[str]  # newest first


def person_history(store: Store, person_uuid: str) -> PersonHistory:
    person = store.people.get(person_uuid)
    raw: list[tuple[str, HistoryLine]] = []
    for enrollment in store.enrollments.for_person(person_uuid):
        at = enrollment.completed_at or enrollment.started_at
        raw.append((at, HistoryLine(display_time(at), "enrollment", enrollment.status)))
    for cert in store.certifications.for_person(person_uuid):
        raw.append(
            (cert.certified_at, HistoryLine(display_time(cert.certified_at), "certification", cert.result))
        )
    for case in store.cases.list():
        if case.person_uuid == person_uuid:
            raw.append(
                (case.opened_at, HistoryLine(display_time(case.opened_at), "case", case.kind, case.reference))
            )
    receipts = store.receipts.for_person(person_uuid)
    for receipt in receipts:
        raw.append(
            (
                receipt.issued_at,
                HistoryLine(display_time(receipt.issued_at), "receipt", receipt.kind, receipt.number),
            )
        )
    raw.sort(key=lambda item: item[0], reverse=True)
    return PersonHistory(
        person.name,
        mask_id_number(person.id_number),
        [line for _, line in raw],
        [r.number for r in sorted(receipts, key=lambda r: r.issued_at, reverse=True)],
    )


def find_receipts(store: Store, query: str, *, cycle: int, limit: int = 50) -> list[ReceiptView]:
    """Receipts by number, or of the people a Today-style query finds (newest first)."""
    query = query.strip()
    if not query:
        return recent_receipts(store, limit=limit)
    if RECEIPT_NUMBER_MARK in query.upper():
        try:
            return [receipt_view(store, query)]
        except NotFound:
            return []
    views: list[ReceiptView] = []
    # note: the cycle's roster (pinyin needs every name) plus anyone stored outside it, found by
    # the store's own name and ID-number indexes
    candidates = {p.uuid: p for p in store.roster.people_in_cycle(cycle)}
    candidates.update({p.uuid: p for p in store.people.search_name(query, limit=limit)})
    candidates.update({p.uuid: p for p in store.people.search_id_prefix(query.upper(), limit=limit)})
    for person in candidates.values():
        if not matches(query, person.id_number, person.name):
            continue
        for receipt in store.receipts.for_person(person.uuid):
            views.append(receipt_view(store, receipt.number))
        if len(views) >= limit:
            break
    views.sort(key=lambda v: v.issued_at, reverse=True)
    return views[:limit]
