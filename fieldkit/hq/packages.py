"""Work packages: what a travelling team needs to work offline in one region for one cycle.

A package holds the region's people (the roster's Person JSON), their complete enrollments with the
templates certification compares against (and a small face thumbnail, so the team sees who they
expect), and each person's last certifications (so a laptop says "already certified" for someone
certified by another team). It is signed with headquarters' Ed25519 key, so a laptop checks it
offline, and encrypted to the one device it is for, which must be registered for the region
(``fieldkit.hq.device_regions``); the format lives in ``fieldkit.wire.package``.

What enrollment and certification records contribute is read from ``fieldkit.hq.package_index``
(each record parsed once, stamped with the change counter), not from the records at every download.

Every package, full or delta, also carries the agency ID-binding keys (``fieldkit.hq.keys``), inside
the encrypted and signed layer: the one way they reach the agency's laptops.

Delta rule: a person whose roster row changed gets everything (they may have just moved into the
region); everyone else only enrollments and certifications indexed after N.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from fieldkit.errors import UserError
from fieldkit.hq.device_regions import check_device_region
from fieldkit.hq.keys import id_binding_keys, load_hq_signing_key
from fieldkit.hq.package_index import refresh_index
from fieldkit.hq.package_removals import removals
from fieldkit.hq.store import HqStore
from fieldkit.wire.keys import key_id
from fieldkit.wire.package import FORMAT_VERSION, check_region, id_keys_json, seal_for_device, seal_package
from storage.records import utc_now

_CERTIFICATION_DETAILS = ("method", "device", "place")  # note: not the sending laptop's person UUID
_SCOPE = "r.region = ? AND r.cycle = ? AND (x.change_seq > ? OR r.change_seq > ?)"
# note: an enrolment a reviewer rejected as a duplicate of another person's palms is never handed to
# other laptops (the laptop that made it holds it back itself, see fieldkit.workflows.enrolment_holds)
_NOT_REJECTED = (
    "NOT EXISTS (SELECT 1 FROM reviews v WHERE v.record_uuid = x.enrollment_uuid AND v.kind = 'duplicate' "
    "AND v.status = 'rejected')"
)


def _people(hq: HqStore, scope: tuple[Any, ...]) -> list[Any]:
    rows = hq.db.execute(
        "SELECT person FROM roster r WHERE r.region = ? AND r.cycle = ? AND r.change_seq > ? "
        "ORDER BY id_number",
        scope[:3],
    ).fetchall()
    return [json.loads(row[0]) for row in rows]


def _enrollments(hq: HqStore, scope: tuple[Any, ...]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    thumbnails: dict[str, tuple[str | None, bytes | None]] = {}
    for uuid, id_number, details_text, picture in hq.db.execute(
        "SELECT x.enrollment_uuid, x.id_number, x.details, x.thumbnail FROM package_enrollments x "
        f"JOIN roster r ON r.id_number = x.id_number WHERE x.status = 'complete' AND {_NOT_REJECTED} "
        f"AND {_SCOPE} ORDER BY x.enrollment_uuid",
        scope,
    ).fetchall():
        details = json.loads(details_text)
        found[str(uuid)] = {
            "uuid": str(uuid),
            "id_number": str(id_number),
            "status": "complete",
            "samples": [],
        }
        found[str(uuid)] |= {
            k: details.get(k) for k in ("device", "place", "operator_uuid", "started_at", "completed_at")
        }
        found[str(uuid)]["_samples"] = details.get("samples", {})
        thumbnails[str(uuid)] = (details.get("thumbnail_sample"), None if picture is None else bytes(picture))
    for enrollment_uuid, sample_uuid, modality, hand, template_format, template in hq.db.execute(
        "SELECT t.enrollment_uuid, t.sample_uuid, t.modality, t.hand, t.format, t.template FROM templates t "
        "JOIN package_enrollments x ON x.enrollment_uuid = t.enrollment_uuid "
        f"JOIN roster r ON r.id_number = x.id_number WHERE x.status = 'complete' AND {_NOT_REJECTED} "
        f"AND {_SCOPE} ORDER BY t.enrollment_uuid, t.modality, t.hand, t.sample_uuid",
        scope,
    ).fetchall():
        enrollment = found[str(enrollment_uuid)]
        index, quality, captured_at = enrollment["_samples"].get(str(sample_uuid), [0, None, ""])
        face_uuid, picture = thumbnails[str(enrollment_uuid)]
        image = picture if picture is not None and face_uuid == str(sample_uuid) else None
        enrollment["samples"].append(
            {
                "uuid": str(sample_uuid),
                "modality": str(modality),
                "hand": hand,
                "sample_index": index,
                "quality": quality,
                "captured_at": captured_at,
                "template_format": str(template_format),
                "template": base64.b64encode(bytes(template)).decode("ascii"),
                "image": None if image is None else base64.b64encode(image).decode("ascii"),
            }
        )
    for enrollment in found.values():
        del enrollment["_samples"]
    return [e for e in found.values() if e["samples"]]


def _certifications(hq: HqStore, scope: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Per person, the newest certification and the newest accepted one (often the same record)."""
    chosen: list[dict[str, Any]] = []
    seen: dict[str, set[str]] = {}
    for uuid, id_number, cycle, result, certified_at, details in hq.db.execute(
        "SELECT x.record_uuid, x.id_number, x.cycle, x.result, x.certified_at, x.details "
        f"FROM package_certifications x JOIN roster r ON r.id_number = x.id_number WHERE {_SCOPE} "
        "ORDER BY x.id_number, x.certified_at DESC, x.record_uuid",
        scope,
    ).fetchall():
        kinds = seen.setdefault(str(id_number), set())
        wanted = {"latest"} | ({"accepted"} if result == "accept" else set())
        if wanted <= kinds:
            continue
        kinds |= wanted
        chosen.append(
            {
                "uuid": str(uuid),
                "id_number": str(id_number),
                "cycle": int(cycle),
                "result": str(result),
                "certified_at": str(certified_at),
            }
            | {k: v for k, v in json.loads(details).items() if k in _CERTIFICATION_DETAILS}
        )
    return chosen


def build_package(hq: HqStore, *, region: str, cycle: int, device_key_id: str, since: int = 0) -> bytes:
    """The package of ``region``/``cycle`` with everything changed after ``since`` (0: all), signed
    and encrypted to the device ``device_key_id`` — only if that device is registered for ``region``."""
    check_region(region)
    if since < 0:
        raise UserError("`since` is a change number (0 for a full package).", code="package.bad_since")
    device_public = check_device_region(hq, device_key_id, region)
    key = load_hq_signing_key(hq)
    refresh_index(hq)  # note: a short write of its own, usually nothing (intake indexes as it goes)
    # note: read from a snapshot, so the counter and the rows read agree and no upload waits for
    # the build (it used to run inside a write transaction: 11 s for 360k people, uploads queued)
    with hq.db.snapshot():
        change_seq = int(hq.meta("change_seq") or 0)
        scope = (region, cycle, since, since)
        body = {
            "people": _people(hq, scope),
            "enrollments": _enrollments(hq, scope),
            "certifications": _certifications(hq, scope),
        }
        body["removals"] = removals(hq, region, cycle, since, body["people"])  # note: issue 18
    header = {
        "format": FORMAT_VERSION,
        "device_key_id": device_key_id,
        "region": region,
        "cycle": cycle,
        "since": since,
        "change_seq": change_seq,
        "created_at": utc_now(),
        "hq_key_id": key_id(key.public_key().public_bytes_raw()),
        "counts": {name: len(items) for name, items in body.items()}
        | {"templates": sum(len(e["samples"]) for e in body["enrollments"])},
    }
    body["id_binding_keys"] = id_keys_json(id_binding_keys(hq))  # note: after the counts, none in clear
    return seal_for_device(seal_package(header, body, key), device_public)
