"""Typed records kept in the store.

Why plain dataclasses: the four libraries exchange plain data (ARCHITECTURE.md). ``storage`` does
not know how a template is made or what an ID number means; it keeps bytes with a format id and the
strings it is given. Every record that travels to headquarters carries a client-made ``uuid`` that
never changes. Timestamps are ISO-8601 UTC strings (``2026-11-28T13:50:05.123456Z``) so that they
sort as text and round-trip exactly.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Any

GENDERS = ("male", "female")
PERSON_STATUSES = ("active", "suspended", "deceased")
PERSON_KINDS = ("retiree", "dependant")
OPERATOR_ROLES = ("operator", "supervisor")
HANDS = ("left", "right")
MODALITIES = ("face", "palm")
ENROLLMENT_STATUSES = ("complete", "held", "incomplete")
CASE_KINDS = (
    "no_id_card",
    "id_mismatch",
    "capture_failure",
    "home_visit",
    "delegated_certification",
    "suspected_duplicate",
    "certification_review",  # a certification that did not pass, sent to a supervisor with its attempts
    "presentation_attack",  # a liveness check failed: a photo, screen or print suspected
    "liveness_not_possible",  # the policy requires a liveness check this person or device could not do
)
CASE_STATUSES = ("open", "approved", "rejected")
RECEIPT_KINDS = ("enrollment", "certification", "home_visit", "delegated")


def new_uuid() -> str:
    """A random (version 4) UUID made on this laptop; headquarters keys every travelling record by it.

    note: built from ``os.urandom`` directly; ``uuid.uuid4()`` costs ~7 µs, which is a second of a
    110,000-row roster import.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def utc_now() -> str:
    """Now, as the ISO-8601 UTC text every timestamp in the store uses."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Person:
    """A retiree or a dependant drawing a survivor pension."""

    id_number: str
    name: str
    gender: str | None = None
    birth_date: _dt.date | None = None
    ethnicity: str | None = None
    address: str | None = None
    phone: str | None = None
    unit: str | None = None
    district: str | None = None
    pension_account: str | None = None
    status: str = "active"
    kind: str = "retiree"
    uuid: str = field(default_factory=new_uuid)
    created_at: str = ""
    updated_at: str = ""


@dataclass
class RosterEntry:
    """Headquarters expects this person to be certified in this region and cycle (year)."""

    person_uuid: str
    cycle: int
    region: str
    import_uuid: str | None = None
    uuid: str = field(default_factory=new_uuid)
    imported_at: str = ""


@dataclass
class RosterImport:
    """One roster file taken into the store: what came in, and what was turned away."""

    file_sha256: str
    cycle: int
    region: str
    accepted: int
    rejected: int
    unchanged: int
    uuid: str = field(default_factory=new_uuid)
    imported_at: str = ""
    actor: str = ""


@dataclass
class Operator:
    """A member of a field team, able to log in; supervisors decide cases and change policy."""

    login: str
    name: str
    role: str
    password_hash: str
    failed_attempts: int = 0
    locked_until: str | None = None
    active: bool = True
    uuid: str = field(default_factory=new_uuid)
    created_at: str = ""


@dataclass
class BiometricSample:
    """One face or palm capture: the image and (optionally) its template, both opaque bytes."""

    modality: str
    image: bytes
    image_format: str
    sample_index: int = 0
    hand: str | None = None
    template: bytes | None = None
    template_format: str | None = None
    quality: float | None = None
    captured_at: str = ""
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Enrollment:
    """The collection of one person's face and palms, once."""

    person_uuid: str
    operator_uuid: str | None
    device: str
    place: str
    status: str = "complete"
    samples: list[BiometricSample] = field(default_factory=list)
    started_at: str = ""
    completed_at: str = ""
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Certification:
    """One proof-of-life check of a person in a cycle, with the scores and evidence behind it."""

    person_uuid: str
    cycle: int
    method: str
    result: str
    operator_uuid: str | None
    device: str
    place: str
    scores: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    certified_at: str = ""
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Case:
    """An exception that needs a person's decision (no card, ID mismatch, duplicate, ...)."""

    kind: str
    person_uuid: str | None
    opened_by: str
    details: dict[str, Any] = field(default_factory=dict)
    status: str = "open"
    reference: str = ""
    opened_at: str = ""
    decided_by: str | None = None
    decided_at: str | None = None
    decision_note: str | None = None
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Receipt:
    """A signed receipt given to the retiree; the signature is made outside ``storage``."""

    number: str
    kind: str
    record_uuid: str
    person_uuid: str
    payload: bytes
    signature: bytes
    copies: int = 0
    issued_at: str = ""
    uuid: str = field(default_factory=new_uuid)


@dataclass
class AuditEvent:
    """One appended line of the tamper-evident trail: who did what, when, to which record."""

    seq: int
    uuid: str
    at: str
    actor: str
    action: str
    record_type: str
    record_uuid: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass
class OutboxEntry:
    """A record that still has to reach headquarters."""

    seq: int
    record_type: str
    record_uuid: str
    created_at: str
    sent_at: str | None = None
    uuid: str = field(default_factory=new_uuid)
