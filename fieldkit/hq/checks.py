"""What headquarters learns from, and checks in, each newly received record.

Why here and not on the laptop: only headquarters sees every team's work and the master roster. A
person record links the laptop's person UUID to an ID number (laptops create their own UUIDs); an
enrollment's templates join the city-wide gallery; a certification is checked against the master
roster (deceased, suspended, not due this cycle, certified twice); a case opened in the field and
still open is queued for a decision. Anything doubtful becomes a review item, and the record's
answer is "needs_review" (it is stored: the laptop may forget it).
"""

from __future__ import annotations

import base64
from typing import Any

from fieldkit.hq.intake_batch import IntakeBatch
from fieldkit.hq.store import HqStore

_ROSTER_PROBLEMS = {
    "deceased": "the roster marks this person deceased",
    "suspended": "the pension is suspended",
}


def record_bytes(value: Any) -> bytes | None:
    """A bytes field of a travelling record (``{"base64": ...}`` in canonical JSON), or None."""
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(value["base64"])
    return None


def id_number_of(hq: HqStore, person_uuid: str) -> str | None:
    """The ID number behind a person UUID (a laptop's or the roster's), if headquarters knows it."""
    value = hq.db.scalar("SELECT id_number FROM person_links WHERE person_uuid = ?", (person_uuid,))
    if value is None:
        value = hq.db.scalar("SELECT id_number FROM roster WHERE person_uuid = ?", (person_uuid,))
    return None if value is None else str(value)


def _index_enrollment(batch: IntakeBatch, record: dict[str, Any], device_key_id: str) -> None:
    """Queue the enrollment's templates for the gallery (written, with the batch's change number,
    when the batch is flushed)."""
    id_number = batch.id_number(str(record.get("person_uuid", ""))) or ""
    for sample in record.get("samples") or []:
        template = record_bytes(sample.get("template"))
        if template is None or not sample.get("template_format"):
            continue
        batch.templates.append(
            (
                str(sample["uuid"]),
                str(record["uuid"]),
                id_number,
                str(sample.get("modality", "")),
                sample.get("hand"),
                str(sample["template_format"]),
                template,
                device_key_id,
            )
        )


def _check_certification(hq: HqStore, batch: IntakeBatch, record: dict[str, Any]) -> str | None:
    if record.get("result") != "accept" or hq.db.scalar("SELECT 1 FROM roster LIMIT 1") is None:
        return None  # note: with no master roster loaded there is nothing to check against
    id_number = batch.id_number(str(record.get("person_uuid", "")))
    row = None
    if id_number is not None:
        row = hq.db.execute("SELECT status, cycle FROM roster WHERE id_number = ?", (id_number,)).fetchone()
    if row is None:
        return "the person is not on the master roster"
    status, cycle = str(row[0]), int(row[1])
    if status in _ROSTER_PROBLEMS:
        return _ROSTER_PROBLEMS[status]
    if int(record.get("cycle", 0)) != cycle:
        return f"not due: the roster has this person in cycle {cycle}"
    return _certified_before(hq, id_number or "", int(record.get("cycle", 0)), str(record.get("uuid", "")))


def _certified_before(hq: HqStore, id_number: str, cycle: int, this_uuid: str) -> str | None:
    """The first accepted certification of a person in a cycle counts; a second one is reviewed."""
    held = hq.db.scalar(
        "SELECT record_uuid FROM certified WHERE id_number = ? AND cycle = ?", (id_number, cycle)
    )
    if held is None:
        hq.db.execute(
            "INSERT INTO certified (id_number, cycle, record_uuid) VALUES (?, ?, ?)",
            (id_number, cycle, this_uuid),
        )
        return None
    return None if held == this_uuid else "already certified this cycle by another record"


def check_record(
    hq: HqStore,
    batch: IntakeBatch,
    record_type: str,
    record: dict[str, Any],
    *,
    device_key_id: str,
    version: int,
) -> str | None:
    """Index a new record (links and templates are written when ``batch`` is flushed); return why it
    needs review, or None."""
    why: str | None = None
    if record_type == "person" and record.get("id_number"):
        batch.link(str(record["uuid"]), str(record["id_number"]))
    elif record_type == "enrollment" and version == 1:
        _index_enrollment(batch, record, device_key_id)
    elif record_type == "certification":
        why = _check_certification(hq, batch, record)
    elif record_type == "case" and record.get("status") == "open":
        why = f"field case {record.get('reference', '')} ({record.get('kind', '')}) awaits a decision"
    if why:
        batch.open_review(
            kind="case" if record_type == "case" else "roster",
            record_uuid=str(record.get("uuid", "")),
            record_type=record_type,
            device_key_id=device_key_id,
            summary=why,
            details={"version": version},
        )
    return why
