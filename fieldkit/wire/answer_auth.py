"""Signed answers: how a laptop knows an answer really comes from its headquarters, for this request.

Why: the laptop acts on answers — it empties its outbox when HQ says "accepted", applies decisions
(approve a case, correct an ID number), takes in work packages and later deletes palm images HQ
holds. A middlebox (a hostile hotel proxy, a fake server on a captured network, plain ``http://``)
could otherwise say "complete, every record accepted" without forwarding a byte. So headquarters
signs every answer to a signed request with its Ed25519 key (the one in ``hq_public.key``), over:

- the request it answers: method, path and query, the requesting device's key id and the request's
  random **nonce** (fresh for every attempt, see :mod:`fieldkit.wire.request_auth`): an old signed
  answer replayed to a new request does not verify;
- the answer's HTTP status and the SHA-256 of its body: a forged or edited body does not verify.

A missing signature (stripped by a proxy) is refused like a wrong one. Both sides import this one
module, so the signed bytes cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldkit.errors import UserError
from fieldkit.wire.keys import key_id

SCHEME = "FKANS1"
SIGNATURE_HEADER = "X-Fieldkit-Answer-Signature"
KEY_HEADER = "X-Fieldkit-Answer-Key"


def canonical_answer(
    method: str, target: str, device_key_id: str, nonce: str, status: int, body: bytes
) -> bytes:
    """The bytes headquarters signs and the laptop verifies; ``target`` is the path with its query."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join((SCHEME, method.upper(), target, device_key_id, nonce, str(status), digest)).encode()


def answer_headers(
    key: Ed25519PrivateKey,
    *,
    method: str,
    target: str,
    device_key_id: str,
    nonce: str,
    status: int,
    body: bytes,
) -> dict[str, str]:
    """Headquarters' side: the headers that sign one answer."""
    signature = key.sign(canonical_answer(method, target, device_key_id, nonce, status, body))
    return {
        SIGNATURE_HEADER: base64.b64encode(signature).decode("ascii"),
        KEY_HEADER: key_id(key.public_key().public_bytes_raw()),
    }


class UnverifiedAnswer(UserError):
    """An answer the laptop must not act on (nothing was changed because of it)."""


def verify_answer(
    hq_signing_key: bytes,
    headers: Mapping[str, str],
    *,
    method: str,
    target: str,
    device_key_id: str,
    nonce: str,
    status: int,
    body: bytes,
) -> None:
    """Laptop's side: raise :class:`UnverifiedAnswer` (naming why) unless HQ signed this answer."""

    def refuse(why: str, code: str) -> UnverifiedAnswer:
        return UnverifiedAnswer(
            f"The answer to {method.upper()} {target.split('?')[0]} was not accepted: {why}. Nothing was "
            "changed because of it (no record marked sent, no decision or package applied, nothing "
            "deleted); check the network path to headquarters and the hq_public.key file.",
            code=code,
        )

    signature_text = headers.get(SIGNATURE_HEADER, "")
    if not signature_text:
        raise refuse(
            "it carries no headquarters signature (removed on the way, or not from HQ)", "answer.unsigned"
        )
    signer = headers.get(KEY_HEADER, "")
    if signer and signer != key_id(hq_signing_key):
        raise refuse(
            f"it was signed by another key ({signer[:16]}, expected {key_id(hq_signing_key)})",
            "answer.other_hq",
        )
    try:
        signature = base64.b64decode(signature_text, validate=True)
        Ed25519PublicKey.from_public_bytes(hq_signing_key).verify(
            signature, canonical_answer(method, target, device_key_id, nonce, status, body)
        )
    except (ValueError, InvalidSignature):
        raise refuse(
            "its headquarters signature does not match this request and body (forged, altered or an old "
            "answer replayed)",
            "answer.bad_signature",
        ) from None
