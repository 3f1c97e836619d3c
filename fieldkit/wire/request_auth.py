"""Signed requests: how a laptop proves, on every HTTP request, which approved device it is.

Why signatures rather than passwords or bearer tokens: the device already holds an Ed25519 key
(it signs receipts and batches) and headquarters already knows its public key from registration, so
nothing secret ever crosses the network and a captured request cannot be turned into a new one.
A request is signed over its method, path and query, a timestamp, a random nonce and the SHA-256
of its body; headquarters accepts a timestamp within :data:`WINDOW_SECONDS` of its clock and each
nonce once, so a recorded request replayed later (or twice) is refused.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SCHEME = "FKREQ1"
WINDOW_SECONDS = 300
DEVICE_HEADER = "X-Fieldkit-Device"
TIME_HEADER = "X-Fieldkit-Time"
NONCE_HEADER = "X-Fieldkit-Nonce"
SIGNATURE_HEADER = "X-Fieldkit-Signature"
# note: the body's SHA-256 (already covered by the signature) also travels as a header, so
# headquarters verifies the signature *before* reading a byte of the body and refuses a forged
# request without buffering it; the body is then checked against this digest as it arrives
BODY_HEADER = "X-Fieldkit-Body-SHA256"


def canonical_request_for_digest(method: str, target: str, timestamp: str, nonce: str, digest: str) -> bytes:
    """The signed bytes, given the hex SHA-256 of the body instead of the body."""
    return "\n".join((SCHEME, method.upper(), target, timestamp, nonce, digest)).encode("utf-8")


def canonical_request(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The bytes both sides sign/verify; ``target`` is the path with its query string."""
    return canonical_request_for_digest(method, target, timestamp, nonce, hashlib.sha256(body).hexdigest())


def signed_headers(
    key: Ed25519PrivateKey, key_id: str, method: str, target: str, body: bytes, *, now: float | None = None
) -> dict[str, str]:
    """Headers that authenticate one request (a fresh nonce each call)."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = os.urandom(16).hex()
    digest = hashlib.sha256(body).hexdigest()
    signature = key.sign(canonical_request_for_digest(method, target, timestamp, nonce, digest))
    return {
        DEVICE_HEADER: key_id,
        BODY_HEADER: digest,
        TIME_HEADER: timestamp,
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: base64.b64encode(signature).decode("ascii"),
    }
