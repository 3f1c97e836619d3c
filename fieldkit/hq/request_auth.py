"""Headquarters' side of signed requests: who is asking, and is this request new?

Why each refusal has its own status and words: a team lead on the phone with headquarters must be
told whether the laptop is unknown (register it), revoked (it was reported lost), its clock is off
(set the time) or the request was a replay (nothing to do: the original was handled).
"""

from __future__ import annotations

import base64
import re
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import HTTPException, Request

from fieldkit.hq.store import HqStore
from fieldkit.wire.request_auth import (
    DEVICE_HEADER,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIME_HEADER,
    WINDOW_SECONDS,
    canonical_request,
)

_KEY_ID = re.compile(r"^[0-9a-f]{8,64}$")
_NONCE = re.compile(r"^[0-9a-f]{32}$")


def _refuse(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message})


def _target(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def verify_request(hq: HqStore, request: Request, body: bytes, *, now: float | None = None) -> str:
    """The approved device key id that signed this request, or an HTTPException naming the refusal."""
    key_id = request.headers.get(DEVICE_HEADER, "")
    timestamp = request.headers.get(TIME_HEADER, "")
    nonce = request.headers.get(NONCE_HEADER, "")
    signature_text = request.headers.get(SIGNATURE_HEADER, "")
    if not (key_id and timestamp and nonce and signature_text):
        raise _refuse(401, "auth.missing", "the request is not signed by a device")
    if not _KEY_ID.match(key_id) or not _NONCE.match(nonce) or not timestamp.isdigit():
        raise _refuse(401, "auth.malformed", "the request's signature headers are malformed")
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
    try:
        signature = base64.b64decode(signature_text, validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(
            signature, canonical_request(request.method, _target(request), timestamp, nonce, body)
        )
    except (ValueError, InvalidSignature):
        raise _refuse(401, "auth.bad_signature", "the request's signature does not verify") from None
    with hq.db.transaction():
        if hq.db.scalar("SELECT 1 FROM nonces WHERE device_key_id = ? AND nonce = ?", (key_id, nonce)):
            raise _refuse(409, "auth.replay", "this exact request was already received (replay refused)")
        hq.db.execute("DELETE FROM nonces WHERE seen_at < ?", (int(clock) - 2 * WINDOW_SECONDS,))
        hq.db.execute(
            "INSERT INTO nonces (device_key_id, nonce, seen_at) VALUES (?, ?, ?)", (key_id, nonce, int(clock))
        )
    return key_id
