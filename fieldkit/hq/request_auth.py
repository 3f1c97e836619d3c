"""Headquarters' side of signed requests: who is asking, and is this request new?

Why each refusal has its own status and words: a team lead on the phone with headquarters must be
told whether the laptop is unknown (register it), revoked (it was reported lost), its clock is off
(set the time) or the request was a replay (nothing to do: the original was handled).

Why two stages: :func:`check_headers` refuses everything the headers alone can show — including a
forged signature when the body's digest travels as a header — before a byte of the body is read
(see :mod:`fieldkit.hq.request_limits`); :func:`verify_request` then checks the body against it and
spends the nonce.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import HTTPException, Request

from fieldkit.hq.store import HqStore
from fieldkit.wire.request_auth import (
    BODY_HEADER,
    DEVICE_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIME_HEADER,
    WINDOW_SECONDS,
    canonical_request,
    canonical_request_for_digest,
)

_KEY_ID = re.compile(r"^[0-9a-f]{8,64}$")
_NONCE = re.compile(r"^[0-9a-f]{32}$")
_TIME = re.compile(r"^[0-9]{1,12}$")  # note: bounded, so int() of a 10,000-digit "time" never runs
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _refuse(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message})


def request_target(request: Request) -> str:
    """The path and query as the laptop sent (and signed) them: the raw path, not a decoded one."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else request.url.path
    query = request.url.query
    return path + (f"?{query}" if query else "")


@dataclass(frozen=True)
class HeaderCheck:
    """What the signature headers alone established (before the body is read)."""

    key_id: str
    timestamp: str
    nonce: str
    signature: bytes
    public: bytes
    body_sha256: str | None  # the digest the signature covers, when the laptop sent it as a header

    @property
    def preverified(self) -> bool:
        """True when the signature was verified before the body (over the declared digest)."""
        return self.body_sha256 is not None


def check_headers(
    hq: HqStore, method: str, target: str, headers: Mapping[str, str], *, now: float | None = None
) -> HeaderCheck:
    """Everything that can be refused from the headers alone: missing or malformed headers, an
    unknown or revoked device, a clock out of the window, a nonce already used and, when the body's
    digest is declared, a signature that does not verify. Reads no body; stores nothing."""
    key_id = headers.get(DEVICE_HEADER.lower(), "")
    timestamp = headers.get(TIME_HEADER.lower(), "")
    nonce = headers.get(NONCE_HEADER.lower(), "")
    signature_text = headers.get(SIGNATURE_HEADER.lower(), "")
    digest = headers.get(BODY_HEADER.lower(), "") or None
    if not (key_id and timestamp and nonce and signature_text):
        raise _refuse(401, "auth.missing", "the request is not signed by a device")
    if (
        not _KEY_ID.match(key_id)
        or not _NONCE.match(nonce)
        or not _TIME.match(timestamp)
        or (digest is not None and not _DIGEST.match(digest))
    ):
        raise _refuse(401, "auth.malformed", "the request's signature headers are malformed")
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except ValueError:
        raise _refuse(401, "auth.malformed", "the request's signature headers are malformed") from None
    known = hq.device_status(key_id)
    if known is None:
        raise _refuse(403, "auth.unknown_device", f"device {key_id} is not registered at headquarters")
    status, public = known
    if status != "approved":
        raise _refuse(403, "auth.revoked_device", f"device {key_id} was revoked")
    clock = time.time() if now is None else now
    if abs(clock - int(timestamp)) > WINDOW_SECONDS:
        raise _refuse(
            401,
            "auth.clock",
            f"the laptop's clock differs from headquarters' by more than {WINDOW_SECONDS} s",
        )
    if digest is not None:
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(
                signature, canonical_request_for_digest(method, target, timestamp, nonce, digest)
            )
        except (ValueError, InvalidSignature):
            raise _refuse(401, "auth.bad_signature", "the request's signature does not verify") from None
    if hq.db.scalar("SELECT 1 FROM nonces WHERE device_key_id = ? AND nonce = ?", (key_id, nonce)):
        raise _refuse(409, "auth.replay", "this exact request was already received (replay refused)")
    return HeaderCheck(key_id, timestamp, nonce, signature, public, digest)


def verify_request(hq: HqStore, request: Request, body: bytes, *, now: float | None = None) -> str:
    """The approved device key id that signed this request, or an HTTPException naming the refusal."""
    claim = check_headers(hq, request.method, request_target(request), request.headers, now=now)
    if claim.body_sha256 is not None and hashlib.sha256(body).hexdigest() != claim.body_sha256:
        raise _refuse(401, "auth.bad_signature", "the request's signature does not verify")
    try:
        Ed25519PublicKey.from_public_bytes(claim.public).verify(
            claim.signature,
            canonical_request(request.method, request_target(request), claim.timestamp, claim.nonce, body),
        )
    except (ValueError, InvalidSignature):
        raise _refuse(401, "auth.bad_signature", "the request's signature does not verify") from None
    clock = time.time() if now is None else now
    key_id, nonce = claim.key_id, claim.nonce
    with hq.db.transaction():
        if hq.db.scalar("SELECT 1 FROM nonces WHERE device_key_id = ? AND nonce = ?", (key_id, nonce)):
            raise _refuse(409, "auth.replay", "this exact request was already received (replay refused)")
        hq.db.execute("DELETE FROM nonces WHERE seen_at < ?", (int(clock) - 2 * WINDOW_SECONDS,))
        # note: the key decides, not the SELECT above: the same request racing through another
        # connection or API process meanwhile inserts nothing here and is refused as a replay
        if not hq.db.execute(
            "INSERT INTO nonces (device_key_id, nonce, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (device_key_id, nonce) DO NOTHING",
            (key_id, nonce, int(clock)),
        ).rowcount:
            raise _refuse(409, "auth.replay", "this exact request was already received (replay refused)")
    return key_id
