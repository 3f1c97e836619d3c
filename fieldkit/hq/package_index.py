"""The work-package index: what packages need from enrollment and certification records, parsed once.

Why an index of its own (``package_enrollments``, ``package_certifications``): an enrollment record
carries every image, hundreds of kB; parsing each one at every download would make a region's first
package take minutes. Each record version is parsed once (status, details, a face thumbnail; a
certification's cycle, result and date) and stamped with the change counter like roster rows, so a
delta ("changes after N") finds it.

Why a time watermark with a margin: scanning every record ever received at every download would cost
seconds once the city's history reaches a million records, so each build looks only at records
received since an hour before the previous build. An hour is far longer than any intake transaction,
so a record stamped before a build but committed after it is still seen by the next one. A record
whose person headquarters cannot name yet is indexed under an empty ID number (never shipped) and
named by a later build, once the person's record or roster row is there.

Intake may call :func:`index_enrollment` / :func:`index_certification` with the record it just
parsed; the lazy pass then finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import cv2

from fieldkit.hq.checks import id_number_of, record_bytes
from fieldkit.hq.intake_batch import PACKAGE_CERTIFICATIONS as _PACKAGE_CERTIFICATIONS
from fieldkit.hq.intake_batch import PACKAGE_ENROLLMENTS as _PACKAGE_ENROLLMENTS
from fieldkit.hq.store import HqStore
from matching.errors import BadImage
from matching.image_io import decode_bounded

THUMBNAIL_SIDE = 96  # pixels of the longer side: enough to recognise a face, a few kB as JPEG
WATERMARK_KEY = "package_index_from"
MARGIN = dt.timedelta(hours=1)
_PAGE = 500  # records per query while indexing (bounded memory)


def thumbnail(image: bytes) -> bytes | None:
    """A small JPEG of a face image, or None if the image cannot be decoded."""
    if not image:
        return None
    try:
        decoded = decode_bounded(image, cv2.IMREAD_COLOR)  # note: a laptop's image never decodes unbounded
    except BadImage:
        return None
    height, width = decoded.shape[:2]
    scale = THUMBNAIL_SIDE / max(height, width)
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        decoded = cv2.resize(decoded, size, interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", decoded, [cv2.IMWRITE_JPEG_QUALITY, 75])
    return bytes(data.tobytes()) if ok else None


class ChangeNumber:
    """One change number for everything a pass indexes, taken only if something is indexed."""

    def __init__(self, hq: HqStore) -> None:
        self.hq = hq
        self.value: int | None = None

    def __call__(self) -> int:
        if self.value is None:
            self.value = self.hq.next_change()
        return self.value


def enrollment_row(uuid: str, version: int, record: dict[str, Any], id_number: str) -> tuple[Any, ...]:
    """The index row of one enrollment version (``package_enrollments`` without the change number)."""
    person_uuid = str(record.get("person_uuid", ""))
    samples: dict[str, list[Any]] = {}
    face: bytes | None = None
    face_sample = None
    for sample in record.get("samples") or []:
        samples[str(sample.get("uuid"))] = [
            int(sample.get("sample_index") or 0),
            sample.get("quality"),
            str(sample.get("captured_at") or ""),
        ]
        if face is None and sample.get("modality") == "face":
            face, face_sample = thumbnail(record_bytes(sample.get("image")) or b""), str(sample.get("uuid"))
    details = {
        key: record.get(key) for key in ("device", "place", "operator_uuid", "started_at", "completed_at")
    }
    details |= {
        "samples": samples,
        "thumbnail_sample": face_sample if face else None,
        "person_uuid": person_uuid,
    }
    status = str(record.get("status", ""))
    return (uuid, version, id_number, status, json.dumps(details, ensure_ascii=False), face)


def certification_row(uuid: str, record: dict[str, Any], id_number: str) -> tuple[Any, ...]:
    """The index row of one certification (``package_certifications`` without the change number)."""
    person_uuid = str(record.get("person_uuid", ""))
    details = {key: record.get(key) for key in ("method", "device", "place")} | {"person_uuid": person_uuid}
    return (
        uuid,
        id_number,
        int(record.get("cycle") or 0),
        str(record.get("result", "")),
        str(record.get("certified_at", "")),
        json.dumps(details, ensure_ascii=False),
    )


def index_enrollment(
    hq: HqStore, uuid: str, version: int, record: dict[str, Any], change: Callable[[], int]
) -> None:
    """Put one enrollment version into the index (a newer version replaces an older one)."""
    id_number = id_number_of(hq, str(record.get("person_uuid", ""))) or ""
    hq.db.execute(_PACKAGE_ENROLLMENTS, (*enrollment_row(uuid, version, record, id_number), change()))


def index_certification(hq: HqStore, uuid: str, record: dict[str, Any], change: Callable[[], int]) -> None:
    """Put one certification into the index (certifications never change; a repeat is ignored)."""
    id_number = id_number_of(hq, str(record.get("person_uuid", ""))) or ""
    hq.db.execute(_PACKAGE_CERTIFICATIONS, (*certification_row(uuid, record, id_number), change()))


def _unindexed(hq: HqStore, record_type: str, table: str, key: str, since: str) -> Iterator[tuple[str, int]]:
    """(record UUID, version) of records received since ``since`` that the index lacks (or holds older)."""
    newer = " OR r.version > x.version" if table == "package_enrollments" else ""
    after: tuple[str, str, int] = (since, "", 0)
    while True:
        rows = hq.db.execute(
            f"SELECT r.received_at, r.record_uuid, r.version FROM records r LEFT JOIN {table} x "
            f"ON x.{key} = r.record_uuid WHERE r.record_type = ? AND r.received_at >= ? "
            "AND (r.received_at, r.record_uuid, r.version) > (?, ?, ?) "
            f"AND (x.{key} IS NULL{newer}) ORDER BY r.received_at, r.record_uuid, r.version LIMIT ?",
            (record_type, since, *after, _PAGE),
        ).fetchall()
        for _, uuid, version in rows:
            yield str(uuid), int(version)
        if len(rows) < _PAGE:
            return
        after = (str(rows[-1][0]), str(rows[-1][1]), int(rows[-1][2]))


def _content(hq: HqStore, uuid: str, version: int) -> dict[str, Any] | None:
    raw = hq.db.scalar("SELECT content FROM records WHERE record_uuid = ? AND version = ?", (uuid, version))
    try:
        record = json.loads(bytes(raw))
    except (TypeError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _name_unknown_people(hq: HqStore, change: ChangeNumber) -> None:
    """Give indexed rows without an ID number one, where headquarters now knows the person."""
    for table, key in (("package_enrollments", "enrollment_uuid"), ("package_certifications", "record_uuid")):
        for uuid, details in hq.db.execute(
            f"SELECT {key}, details FROM {table} WHERE id_number = ''"
        ).fetchall():
            id_number = id_number_of(hq, str(json.loads(details).get("person_uuid", "")))
            if id_number is not None:
                hq.db.execute(
                    f"UPDATE {table} SET id_number = ?, change_seq = ? WHERE {key} = ?",
                    (id_number, change(), uuid),
                )


def refresh_index(hq: HqStore) -> int | None:
    """Index what arrived since the last pass; returns the change number used (None: nothing new)."""
    change = ChangeNumber(hq)
    started = (dt.datetime.now(dt.UTC) - MARGIN).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with hq.db.transaction():
        since = hq.meta(WATERMARK_KEY) or ""
        for uuid, version in _unindexed(hq, "enrollment", "package_enrollments", "enrollment_uuid", since):
            record = _content(hq, uuid, version)
            if record is not None:
                index_enrollment(hq, uuid, version, record, change)
        for uuid, version in _unindexed(hq, "certification", "package_certifications", "record_uuid", since):
            record = _content(hq, uuid, version)
            if record is not None:
                index_certification(hq, uuid, record, change)
        _name_unknown_people(hq, change)
        if started > since:
            hq.set_meta(WATERMARK_KEY, started)
    return change.value
