"""Work-package format: what headquarters signs, encrypts to one device, and a laptop opens offline.

Signed layer: ``FKPKG1`` | header length (4 bytes, big-endian) | header JSON | zlib-compressed body
JSON | Ed25519 signature (64 bytes) by headquarters over everything before it. The header names the
region, cycle, the change number the package runs up to (``change_seq``) and the one it starts after
(``since``: 0 for a full package), the signing key's id (a package of another headquarters is named
as such instead of looking merely "altered") and, from format 2, the device it was made for.

Encrypted layer (format 2, what travels over HTTP and on USB): ``FKPKG2`` | header length | header
JSON (device key id, region, cycle, counts — nothing personal) | the signed layer encrypted to the
device's key (X25519 derived from its Ed25519 key, HKDF, AES-256-GCM: :func:`fieldkit.wire.envelope.seal_to`,
the construction batches use), with the header bound in as associated data. Why: a package holds
names, ID numbers, addresses and templates of a whole region; a lost stick or a plain-http hop must
show nothing, and only the device registered for the region can open it. Signed-only packages (an
older headquarters) are refused by name.

The body also carries the agency ID-binding keys (``id_binding_keys``: key id and base64 key,
oldest first; :mod:`fieldkit.identity.id_binding`): a laptop binds receipts with them, and the
encrypted, signed package is the one channel that reaches only the agency's own devices. Older
laptops ignore the entry (no format change).

Why this lives in ``wire/``: headquarters writes the format (:func:`seal_package`, then
:func:`seal_for_device`) and the laptop reads it (:func:`open_package`); both sides import this
module and never each other. What the laptop does with a verified package (apply it to the store)
is in :mod:`fieldkit.sync.package`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldkit.errors import UserError
from fieldkit.identity.id_binding import AGENCY_KEY_BYTES, agency_key_id
from fieldkit.wire.envelope import open_from, seal_to
from fieldkit.wire.keys import key_id, x25519_private_from_ed25519, x25519_public_from_ed25519
from storage.records import BiometricSample, Certification, Enrollment, Person

MAGIC = b"FKPKG1"
SEALED_MAGIC = b"FKPKG2"
FORMAT_VERSION = 2
_SEAL_INFO = b"fieldkit package v2"
SIGNATURE_SIZE = 64
_MAX_HEADER = 64 * 1024
SOURCE = "work_package"
REGION = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
# note: why someone leaves a region's laptops (issue 18); the body entry ``removals`` lists
# {"id_number", "reason"}; packages from before it have none
REMOVAL_REASONS = ("moved", "deceased", "suspended", "fraud")


def check_region(region: str) -> str:
    """A region code is short and alphanumeric (it names files and URLs; nothing path-like passes)."""
    if not REGION.match(region or ""):
        raise UserError(
            "A region is 1 to 32 letters, digits, '-' or '_' (for example a district code like 130402).",
            code="roster.bad_region",
        )
    return region


def _json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def seal_package(header: dict[str, Any], body: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """Compress the body, add its size to the header, and sign the whole (headquarters' side)."""
    compressed = zlib.compress(_json(body), 6)
    header_bytes = _json({**header, "compression": "zlib", "body_size": len(compressed)})
    signed = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + compressed
    return signed + key.sign(signed)


@dataclass(frozen=True)
class Package:
    """A verified package; records name their person by ID number (``person_uuid`` is left empty)."""

    region: str
    cycle: int
    since: int
    change_seq: int
    created_at: str
    hq_key_id: str
    sha256: str
    people: list[Person]
    enrollments: list[tuple[str, Enrollment]]  # (ID number, enrollment)
    certifications: list[tuple[str, Certification]]
    id_binding_keys: dict[str, bytes] = field(default_factory=dict)  # key id -> key, oldest first
    removals: list[tuple[str, str]] = field(default_factory=list)  # (ID number, reason)


def id_keys_json(keys: dict[str, bytes]) -> list[dict[str, str]]:
    """The body entry ``id_binding_keys`` (headquarters' side)."""
    return [{"key_id": k, "key": base64.b64encode(v).decode("ascii")} for k, v in keys.items()]


def _id_keys(values: Any) -> dict[str, bytes]:
    """Parse ``id_binding_keys``; each key must be 32 bytes and carry its own id (or ValueError)."""
    found: dict[str, bytes] = {}
    for entry in values or []:
        key = base64.b64decode(str(entry["key"]), validate=True)
        if len(key) != AGENCY_KEY_BYTES or agency_key_id(key) != entry["key_id"]:
            raise ValueError("id_binding_keys")
        found[agency_key_id(key)] = key
    return found


def _refuse(why: str, code: str) -> UserError:
    return UserError(f"The work package is refused: {why}.", code=code)


def read_header(data: bytes) -> tuple[dict[str, Any], int]:
    """The header and where the body starts; refuses foreign and damaged files (no signature check)."""
    if not data.startswith(MAGIC):
        raise _refuse("it is not a fieldkit work package", "package.foreign")
    start = len(MAGIC) + 4
    if len(data) < start + SIGNATURE_SIZE:
        raise _refuse("it is truncated", "package.damaged")
    (length,) = struct.unpack_from(">I", data, len(MAGIC))
    if length > _MAX_HEADER or len(data) < start + length + SIGNATURE_SIZE:
        raise _refuse("it is truncated or its header is damaged", "package.damaged")
    try:
        header = json.loads(data[start : start + length])
        if not isinstance(header, dict):
            raise TypeError("header")
        int(header["format"]), int(header["body_size"]), str(header["hq_key_id"])
    except (ValueError, KeyError, TypeError):
        raise _refuse("its header is damaged", "package.damaged") from None
    return header, start + length


def _person(values: dict[str, Any]) -> Person:
    values = dict(values)
    birth = values.get("birth_date")
    values["birth_date"] = dt.date.fromisoformat(birth) if birth else None
    return Person(**values)


def _enrollment(values: dict[str, Any]) -> tuple[str, Enrollment]:
    samples = [
        BiometricSample(
            modality=str(s["modality"]),
            image=base64.b64decode(s["image"]) if s.get("image") else b"",
            image_format="jpeg" if s.get("image") else "none",
            sample_index=int(s.get("sample_index") or 0),
            hand=s.get("hand"),
            template=base64.b64decode(s["template"]),
            template_format=str(s["template_format"]),
            quality=s.get("quality"),
            captured_at=str(s.get("captured_at") or ""),
            uuid=str(s["uuid"]),
        )
        for s in values["samples"]
    ]
    enrollment = Enrollment(
        person_uuid="",
        operator_uuid=values.get("operator_uuid"),
        device=str(values.get("device") or ""),
        place=str(values.get("place") or ""),
        status=str(values["status"]),
        samples=samples,
        started_at=str(values.get("started_at") or ""),
        completed_at=str(values.get("completed_at") or ""),
        uuid=str(values["uuid"]),
    )
    return str(values["id_number"]), enrollment


def _certification(values: dict[str, Any]) -> tuple[str, Certification]:
    certification = Certification(
        person_uuid="",
        cycle=int(values["cycle"]),
        method=str(values.get("method") or ""),
        result=str(values["result"]),
        operator_uuid=None,
        device=str(values.get("device") or ""),
        place=str(values.get("place") or ""),
        evidence={"source": SOURCE},
        certified_at=str(values["certified_at"]),
        uuid=str(values["uuid"]),
    )
    return str(values["id_number"]), certification


def seal_for_device(signed: bytes, device_public_key: bytes) -> bytes:
    """Encrypt a signed package to one device (its Ed25519 public key); headquarters' side."""
    header, _ = read_header(signed)
    outer = _json(
        {
            "format": FORMAT_VERSION,
            "device_key_id": key_id(device_public_key),
            "hq_key_id": header["hq_key_id"],
            **{k: header[k] for k in ("region", "cycle", "since", "change_seq", "counts") if k in header},
        }
    )
    prefix = SEALED_MAGIC + struct.pack(">I", len(outer)) + outer
    recipient = x25519_public_from_ed25519(device_public_key)
    return prefix + seal_to(recipient, signed, aad=prefix, info=_SEAL_INFO)


def sealed_header(data: bytes) -> tuple[dict[str, Any], bytes]:
    """The clear header of an encrypted package (device, region, counts) and its prefix bytes."""
    if data.startswith(MAGIC):
        raise _refuse(
            "it is not encrypted to a device (made by an older headquarters); ask headquarters for a "
            "package made for this laptop (`fieldkit hq package … --device KEY_ID`)",
            "package.unencrypted",
        )
    if not data.startswith(SEALED_MAGIC):
        raise _refuse("it is not a fieldkit work package", "package.foreign")
    start = len(SEALED_MAGIC) + 4
    if len(data) < start:
        raise _refuse("it is truncated", "package.damaged")
    (length,) = struct.unpack_from(">I", data, len(SEALED_MAGIC))
    if length > _MAX_HEADER or len(data) < start + length + 32 + 12 + 16:
        raise _refuse("it is truncated or its header is damaged", "package.damaged")
    try:
        header = json.loads(data[start : start + length])
        if not isinstance(header, dict):
            raise TypeError("header")
        int(header["format"]), str(header["device_key_id"])
    except (ValueError, KeyError, TypeError):
        raise _refuse("its header is damaged", "package.damaged") from None
    return header, data[: start + length]


def open_package(data: bytes, hq_signing_public_key: bytes, device_key: Ed25519PrivateKey) -> Package:
    """Decrypt a package made for this device, verify headquarters' signature, parse (or refuse)."""
    header, prefix = sealed_header(data)
    own = key_id(device_key.public_key().public_bytes_raw())
    if int(header["format"]) > FORMAT_VERSION:
        raise _refuse(f"it was written by a newer fieldkit (format {header['format']})", "package.too_new")
    if header["device_key_id"] != own:
        raise _refuse(
            f"it was made for another device ({str(header['device_key_id'])[:16]}); this laptop is {own}",
            "package.other_device",
        )
    try:
        signed = open_from(
            x25519_private_from_ed25519(device_key), data[len(prefix) :], aad=prefix, info=_SEAL_INFO
        )
    except (InvalidTag, ValueError):
        raise _refuse("it was altered, or encrypted for another device", "package.altered") from None
    package, inner = _read_signed(signed, hq_signing_public_key)
    if inner.get("device_key_id") != own:
        raise _refuse("headquarters signed it for another device", "package.other_device")
    return package


def _removals(values: Any) -> list[tuple[str, str]]:
    """The body entry ``removals`` (absent in older packages); an unknown reason is refused."""
    found: list[tuple[str, str]] = []
    for value in values or []:
        id_number, reason = str(value["id_number"]), str(value["reason"])
        if reason not in REMOVAL_REASONS:
            raise ValueError("removal reason")
        found.append((id_number, reason))
    return found


def _read_signed(data: bytes, hq_signing_public_key: bytes) -> tuple[Package, dict[str, Any]]:
    """Verify the signed layer against headquarters' Ed25519 public key and parse it."""
    header, body_start = read_header(data)
    if int(header["format"]) > FORMAT_VERSION:
        raise _refuse(f"it was written by a newer fieldkit (format {header['format']})", "package.too_new")
    if header["hq_key_id"] != key_id(hq_signing_public_key):
        raise _refuse(
            f"it was signed by another headquarters (key {str(header['hq_key_id'])[:16]}, expected "
            f"{key_id(hq_signing_public_key)})",
            "package.other_hq",
        )
    body = data[body_start:-SIGNATURE_SIZE]
    if len(body) != int(header["body_size"]):
        raise _refuse("it is truncated or has bytes added", "package.damaged")
    try:
        Ed25519PublicKey.from_public_bytes(hq_signing_public_key).verify(
            data[-SIGNATURE_SIZE:], data[:-SIGNATURE_SIZE]
        )
    except (InvalidSignature, ValueError):
        raise _refuse("it was altered after headquarters signed it", "package.altered") from None
    try:
        content = json.loads(zlib.decompress(body))
        package = Package(
            region=str(header["region"]),
            cycle=int(header["cycle"]),
            since=int(header["since"]),
            change_seq=int(header["change_seq"]),
            created_at=str(header.get("created_at", "")),
            hq_key_id=str(header["hq_key_id"]),
            sha256=hashlib.sha256(data).hexdigest(),
            people=[_person(p) for p in content["people"]],
            enrollments=[_enrollment(e) for e in content["enrollments"]],
            certifications=[_certification(c) for c in content["certifications"]],
            id_binding_keys=_id_keys(content.get("id_binding_keys")),
            removals=_removals(content.get("removals")),
        )
    except (zlib.error, ValueError, KeyError, TypeError) as exc:
        raise _refuse(
            f"its signed content cannot be read ({type(exc).__name__})", "package.damaged"
        ) from None
    return package, header
