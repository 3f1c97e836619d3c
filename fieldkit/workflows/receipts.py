"""Signed receipts: the proof a retiree takes home that they were enrolled or certified.

Why signatures: a receipt may be checked years later, by someone with no access to this laptop or to
headquarters, and a printed paper is easy to forge. So every receipt carries a QR code holding a
canonical payload and an Ed25519 signature made with this laptop's device key; anyone holding the
device's public key (identified by the key id printed on the receipt) can verify it offline.

Payload version 2 (current) signs *every fact the page prints*: number, kind, result, time, device,
key, and under ``"page"`` the name, gender, place, team, operator, agency and the extra rows
(witness, office, documents, no-card approval, hands collected, open cases) — gathered once by
``receipt_facts.gather_facts`` and the page is drawn from this signed payload, so a page with any
printed fact changed no longer matches its QR. The ID number is bound through a salted scrypt hash
(``fieldkit.identity.id_binding``, ``"id"``): ``receipt verify --id-number`` checks a card offline,
while the QR and the page together give no ID number without a CPU-year-scale search.

Version 1 receipts (already printed, still in retirees' hands) are still verified — their signature
is genuine — but ``verify`` says plainly that they sign only number, kind, result, time and device,
not the printed name and other facts, and that their unsalted ID hash is weak.

The device key (``fieldkit.device_key``) signs them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldkit.agency_id_key import current_id_key
from fieldkit.device_key import device_key
from fieldkit.errors import UserError
from fieldkit.identity.id_binding import AgencyKey, bind_id, id_matches
from fieldkit.identity.idnumber import parse_id_number
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows.receipt_facts import ReceiptFacts, gather_facts, shortened
from storage.records import RECEIPT_KINDS, Receipt, utc_now
from storage.store import Store

PAYLOAD_VERSION = 2
LEGACY_VERSION = 1
QR_PREFIX = "FK1:"
SIGNATURE_SIZE = 64
_B64URL = re.compile(r"[A-Za-z0-9_-]+")

ReceiptStatus = Literal["genuine", "altered", "unknown_device"]


# -- payload, signature, QR text ---------------------------------------------------------------------
def id_hash(id_number: str) -> str:
    """Version 1 only: SHA-256 hex of the normalised ID number (kept to check old receipts)."""
    value = parse_id_number(id_number).value
    return hashlib.sha256(value.encode("ascii")).hexdigest()


def _canonical(fields: Mapping[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same receipt always gives the same bytes."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def canonical_payload(
    *,
    number: str,
    kind: str,
    record_uuid: str,
    id_number: str,
    result: str,
    issued_at: str,
    device: str,
    key_id: str,
    facts: ReceiptFacts,
    id_salt: bytes | None = None,
    id_key: AgencyKey | None = None,
) -> bytes:
    """The exact bytes that are signed and put in the QR code (version 2).

    Why canonical: the same receipt must always give the same bytes, whatever produced them, or a
    genuine receipt would fail verification. ``facts`` is what the page prints; the ID number is
    replaced by its salted scrypt binding (``id_salt`` fixes the salt, for tests only).
    """
    fields: dict[str, Any] = {"v": PAYLOAD_VERSION, "number": number, "kind": kind, "result": result}
    fields |= {"record_uuid": record_uuid, "issued_at": issued_at, "device": device, "key_id": key_id}
    fields |= {"id": bind_id(id_number, salt=id_salt, key=id_key), "page": facts.to_json()}
    return _canonical(fields)


def payload_matches_id(
    payload: Mapping[str, Any], id_number: str, id_keys: Mapping[str, bytes] | None = None
) -> bool:
    """Whether a (verified) payload belongs to ``id_number``: the v2 scrypt binding or the v1 hash."""
    if payload.get("v") == LEGACY_VERSION:
        return hmac.compare_digest(str(payload.get("id_hash", "")), id_hash(id_number))
    return id_matches(payload.get("id"), id_number, id_keys)  # note: agency key ids → keys, for format 3


def payload_facts(payload: Mapping[str, Any]) -> ReceiptFacts | None:
    """The signed page facts of a version-2 payload; None for version 1 (which signed none)."""
    if payload.get("v") != PAYLOAD_VERSION:
        return None
    try:
        return ReceiptFacts.from_json(payload.get("page"))
    except ValueError:
        return None


MAX_PAGE_BYTES = 620
"""Budget of the signed page facts in UTF-8 JSON: with the rest of the payload (~385 bytes with a
keyed ID binding) and the signature, the QR text stays under ~1,460 characters (QR version ≤ 31-M;
the longest possible receipt is read back from both layouts in the tests). Raised from 520 when the
liveness, next-due, hotline and "无法签名" notices joined the signed facts: a result notice with an
open case must print its case reference whole. Only a page whose facts are all long is cut (with
"…"), and the page prints the cut text, which is what was signed."""


def sign(payload: bytes, key: Ed25519PrivateKey) -> bytes:
    """The 64-byte Ed25519 signature of ``payload``."""
    return key.sign(payload)


def verify(payload: bytes, signature: bytes, public_key: bytes) -> bool:
    """True only if ``signature`` is this key's signature of exactly ``payload``.

    Never raises for bad input: a verifier is shown forged and damaged receipts, and "no" is the answer.
    """
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, payload)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes | None:
    """Strict unpadded base64url: None for foreign characters or a non-canonical encoding."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return data if _b64encode(data) == text else None


def qr_text(payload: bytes, signature: bytes) -> str:
    """The text in the receipt's QR code: ``FK1:<base64url payload>.<base64url signature>``."""
    return f"{QR_PREFIX}{_b64encode(payload)}.{_b64encode(signature)}"


def parse_qr_text(text: str) -> tuple[bytes, bytes]:
    """(payload, signature) from a scanned QR text; raises UserError ``receipt.qr_malformed``.

    Only the shape is checked here; whether the receipt is genuine is :func:`verify_receipt_text`'s job.
    """
    malformed = UserError("This is not a fieldkit receipt code.", code="receipt.qr_malformed")
    text = text.strip() if isinstance(text, str) else ""  # note: scanners often append a newline
    if not text.startswith(QR_PREFIX):
        raise malformed
    parts = text[len(QR_PREFIX) :].split(".")
    if len(parts) != 2:
        raise malformed
    payload, signature = _b64decode(parts[0]), _b64decode(parts[1])
    if not payload or signature is None or len(signature) != SIGNATURE_SIZE:
        raise malformed
    return payload, signature


# -- issuing -----------------------------------------------------------------------------------------
def next_receipt_number(store: Store, year: int | str) -> str:
    """The next free number of this store and year, e.g. ``3FA2C1-2026-R000017``.

    The store prefix keeps numbers from different laptops apart; the count restarts each year.
    Receipts are never deleted, so count + 1 is free. Call it in the writing transaction (as
    :func:`issue_receipt` does) so no other writer takes the same number.
    """
    prefix = store.store_id.replace("-", "")[:6].upper() or "LOCAL"
    stem = f"{prefix}-{year}-R"
    return f"{stem}{store.receipts.count_numbered(stem) + 1:06d}"


def issue_receipt(
    store: Store,
    *,
    kind: str,
    record_uuid: str,
    person_uuid: str,
    id_number: str,
    result: str,
    device: str,
    actor: str,
    issued_at: str | None = None,
    notes: tuple[tuple[str, str, str], ...] = (),
    cannot_sign: bool = False,
) -> Receipt:
    """Number, sign and store the receipt for a record (an enrollment, certification, ...).

    Must be called inside ``with store.transaction(actor)``, the one that writes the record the
    receipt proves: both land together or neither does, and no receipt exists for a record that was
    rolled back. Raises ProgrammingError outside a transaction, ValueError for an unknown ``kind`` or an
    ID number that is not the person's. The number's year is the UTC year of ``issued_at``.
    ``notes`` are extra signed rows (a not-passed slip's attempts and next step); ``cannot_sign``
    prints "无法签名" for a retiree who could not sign.
    """
    store.require_transaction()
    if kind not in RECEIPT_KINDS:
        raise ValueError(f"receipt kind must be one of {RECEIPT_KINDS}, not {kind!r}")
    if store.people.get(person_uuid).id_number != parse_id_number(id_number).value:
        raise ValueError("the ID number given for the receipt is not the person's")
    issued_at = issued_at or utc_now()
    key = device_key(store, actor)
    key_id = wire_keys.key_id(key.public_key().public_bytes_raw())
    number = next_receipt_number(store, issued_at[:4])
    facts = gather_facts(
        store, kind=kind, record_uuid=record_uuid, person_uuid=person_uuid, issued_at=issued_at,
        notes=notes, cannot_sign=cannot_sign,
    )  # fmt: skip
    facts = shortened(facts, lambda f: len(_canonical(f.to_json())) <= MAX_PAGE_BYTES)
    payload = canonical_payload(
        number=number, kind=kind, record_uuid=record_uuid, id_number=id_number, result=result,
        issued_at=issued_at, device=device, key_id=key_id, facts=facts, id_key=current_id_key(store),
    )  # fmt: skip
    signature = sign(payload, key)
    return store.receipts.add(
        Receipt(number, kind, record_uuid, person_uuid, payload, signature, issued_at=issued_at)
    )


# -- verifying ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceiptCheck:
    """The verdict on a scanned receipt.

    ``payload`` is given only for a genuine receipt, so nothing unverified is ever shown as fact.
    ``key_id`` is whatever the payload claims (None if unreadable); for "unknown_device" it says which
    key to ask headquarters for. ``version`` 1 marks an old receipt whose signature does not cover
    the printed name and other facts (see the module docstring).
    """

    status: ReceiptStatus
    payload: dict[str, Any] | None
    key_id: str | None

    @property
    def version(self) -> int | None:
        v = self.payload.get("v") if self.payload else None
        return v if isinstance(v, int) else None

    @property
    def facts(self) -> ReceiptFacts | None:
        """The signed page facts (version 2 and genuine only)."""
        return payload_facts(self.payload) if self.payload else None


def verify_receipt_text(text: str, known_keys: Mapping[str, bytes]) -> ReceiptCheck:
    """Check a scanned QR text against the public keys known to the verifier (key id → 32 bytes).

    Raises UserError ``receipt.qr_malformed`` if the text is not a receipt code at all.
    note: a payload altered inside its ``key_id`` reads as "unknown_device"; nothing can tell that
    apart from a genuine receipt of a device the verifier has never heard of.
    """
    payload, signature = parse_qr_text(text)
    try:
        fields = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ReceiptCheck("altered", None, None)
    key_id = fields.get("key_id") if isinstance(fields, dict) else None
    if not isinstance(key_id, str):
        return ReceiptCheck("altered", None, None)
    public = known_keys.get(key_id)
    if public is None:
        return ReceiptCheck("unknown_device", None, key_id)
    if not verify(payload, signature, public):
        return ReceiptCheck("altered", None, key_id)
    if fields.get("v") not in (PAYLOAD_VERSION, LEGACY_VERSION):
        return ReceiptCheck("altered", None, key_id)  # note: signed, but by no version we can read
    if fields.get("v") == PAYLOAD_VERSION and payload_facts(fields) is None:
        return ReceiptCheck("altered", None, key_id)
    return ReceiptCheck("genuine", fields, key_id)
