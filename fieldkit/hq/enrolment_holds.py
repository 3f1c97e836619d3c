"""Held enrolments at headquarters: released into work packages once every case that held them is
approved, as on the laptop that made them.

Why: an enrolment held on its laptop (its palms matched someone else's, or a required liveness check
failed) reaches headquarters as ``status = "held"``, and work packages carry only complete ones. When
the team's supervisor — or headquarters, whose decision the laptop applies — approves every case that
held it, the laptop may certify against it (``fieldkit.workflows.enrolment_holds``); without this
module other teams' laptops never received it and the person was "not enrolled" everywhere else.
The cases travel to headquarters like any record; each holding case's newest status is kept in
``enrolment_hold_cases`` (schema step 10) as it is taken in, and an enrolment whose holding cases are
all approved becomes ``complete`` in the package index with a new change number, so the next delta
carries it. A rejected case keeps it out. Upgrading to step 10 reads back the case records already
held once (:func:`backfill`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fieldkit.hq.db import Database

# note: the laptop's kinds (fieldkit.workflows.enrolment_holds.HOLDING_CASES; a test keeps them equal:
# headquarters does not import the laptop's workflows)
HOLDING_CASE_KINDS = ("suspected_duplicate", "presentation_attack", "liveness_not_possible")

_UPSERT = (
    "INSERT INTO enrolment_hold_cases (case_uuid, enrollment_uuid, status, version) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (case_uuid) DO UPDATE SET status = excluded.status, version = excluded.version "
    "WHERE enrolment_hold_cases.version < excluded.version"
)


def hold_row(case_uuid: str, version: int, record: dict[str, Any]) -> tuple[str, str, str, int] | None:
    """The ``enrolment_hold_cases`` row of a case record, when it is a case that holds an enrolment."""
    details = record.get("details")
    if record.get("kind") not in HOLDING_CASE_KINDS or not isinstance(details, dict):
        return None
    enrolment = details.get("enrollment_uuid")
    if not isinstance(enrolment, str) or not enrolment:
        return None
    return case_uuid, enrolment, str(record.get("status", "")), version


def take_in(db: Database, rows: list[tuple[str, str, str, int]], change: Callable[[], int]) -> list[str]:
    """Record the cases' statuses and release the enrolments they now clear (inside the intake's
    transaction); ``change`` gives the change number to stamp them with. Returns the released UUIDs."""
    db.executemany(_UPSERT, rows)
    released: list[str] = []
    stamp: list[int] = []  # note: one change number for every enrolment this batch releases
    for enrolment in sorted({row[1] for row in rows}):
        total, approved = db.execute(
            "SELECT count(*), sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) FROM enrolment_hold_cases "
            "WHERE enrollment_uuid = ?",
            (enrolment,),
        ).fetchone()
        if not total or int(approved or 0) != int(total):
            continue
        if db.scalar(
            "SELECT 1 FROM package_enrollments WHERE enrollment_uuid = ? AND status = 'held'", (enrolment,)
        ):
            stamp = stamp or [change()]
            db.execute(
                "UPDATE package_enrollments SET status = 'complete', change_seq = ? "
                "WHERE enrollment_uuid = ?",
                (stamp[0], enrolment),
            )
            released.append(enrolment)
    return released


def backfill(db: Database, change: Callable[[], int]) -> int:
    """Read back the holding cases among the case records already taken in (the upgrade to schema
    step 10, once); returns how many were found."""
    newest: dict[str, tuple[int, Any]] = {}
    for uuid, version, content in db.execute(
        "SELECT record_uuid, version, content FROM records WHERE record_type = 'case'"
    ).fetchall():
        if str(uuid) not in newest or int(version) > newest[str(uuid)][0]:
            newest[str(uuid)] = (int(version), content)
    rows = []
    for uuid, (version, content) in sorted(newest.items()):
        try:
            record = json.loads(bytes(content))
        except (TypeError, ValueError):
            continue  # note: a record that is not JSON holds no case to read
        row = hold_row(uuid, version, record) if isinstance(record, dict) else None
        if row is not None:
            rows.append(row)
    if rows:
        take_in(db, rows, change)
    return len(rows)
