"""Signed, encrypted batch files: what travels from a laptop to headquarters (by network or USB).

Why this construction: a USB stick can be lost, so a batch is encrypted to the headquarters public
key (X25519 key agreement with a fresh ephemeral key, HKDF-SHA256, AES-256-GCM): a finder learns
nothing. Headquarters must know which laptop sent it and that nobody changed it, so the plaintext
(manifest and records) is signed with the laptop's Ed25519 device key before encryption, and the
header (magic, version, device key id, batch id) is bound into the AES-GCM associated data, so any
edited byte anywhere makes opening fail with a named reason.

File layout: ``FKBATCH1`` | header length (4 bytes, big-endian) | header JSON | ephemeral public key
(32) | nonce (12) | ciphertext (AES-GCM over: signature (64) + body). Format 2 (header ``"version":
2``, the laptop's default) carries images as separate encrypted binary parts after the same prefix
(:mod:`fieldkit.wire.batch_parts`); :func:`open_batch` opens both and always returns the format-1
body, so what headquarters takes in does not depend on the format that travelled.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldkit.errors import UserError
from fieldkit.wire.batch_parts import PARTS_VERSION, PartsRefused, open_parts, seal_parts, v1_body
from fieldkit.wire.keys import key_id as public_key_id

MAGIC = b"FKBATCH1"
FORMAT_VERSION = PARTS_VERSION  # the newest format this fieldkit reads (it still reads format 1)
_INFO = b"fieldkit batch v1"


@dataclass(frozen=True)
class OpenedBatch:
    """A verified, decrypted batch: who sent it and the signed body."""

    batch_id: str
    device_key_id: str
    body: bytes
    # note: format 2 parses its (small) signed body while opening, so the manifest comes for free and
    # headquarters need not parse the whole rebuilt body a second time to compare it
    manifest: dict[str, Any] | None = None


def _refuse(why: str, code: str) -> UserError:
    return UserError(f"The batch file is refused: {why}.", code=code)


def seal_to(recipient_x25519: bytes, plaintext: bytes, *, aad: bytes, info: bytes) -> bytes:
    """Encrypt to an X25519 public key: ephemeral public key (32) | nonce (12) | AES-256-GCM
    ciphertext, the key from HKDF-SHA256(shared secret, salt = ephemeral key, ``info``) and ``aad``
    bound in. Shared by batches (to HQ) and work packages (to one device). ValueError: a bad key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_x25519))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=info).derive(shared)
    nonce = os.urandom(12)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_from(private: X25519PrivateKey, sealed: bytes, *, aad: bytes, info: bytes) -> bytes:
    """Decrypt what :func:`seal_to` made; InvalidTag or ValueError if altered or for another key."""
    ephemeral_public, nonce = sealed[:32], sealed[32:44]
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=info).derive(shared)
    return AESGCM(key).decrypt(nonce, sealed[44:], aad)


def seal_batch(
    body: bytes,
    *,
    batch_id: str,
    device_key: Ed25519PrivateKey,
    device_key_id: str,
    hq_public_key: bytes,
    parts: list[bytes] | None = None,
) -> bytes:
    """Sign ``body`` with the device key and encrypt it to headquarters: format 1 when ``parts`` is
    None, else format 2 with each part encrypted separately (``body`` then lists their SHA-256)."""
    # note: the recipient's key id is in the signed, authenticated header: headquarters picks the right
    # key after a rotation, and a batch cannot be re-addressed to another headquarters key unnoticed
    header = json.dumps(
        {
            "batch_id": batch_id,
            "device_key_id": device_key_id,
            "hq_key_id": public_key_id(hq_public_key),
            "version": 1 if parts is None else PARTS_VERSION,
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    try:
        if parts is not None:
            return seal_parts(prefix, body, parts, device_key=device_key, hq_public_key=hq_public_key)
        signature = device_key.sign(prefix + body)
        return prefix + seal_to(hq_public_key, signature + body, aad=prefix, info=_INFO)
    except ValueError:
        raise UserError(
            "The headquarters public key is not a valid X25519 key.", code="batch.bad_hq_key"
        ) from None


def batch_recipient(data: bytes) -> str | None:
    """The key id of the headquarters key a batch was sealed to (None in batches from before key
    rotation, or when the header cannot be read: opening then names the problem)."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        return None
    (header_length,) = struct.unpack_from(">I", data, len(MAGIC))
    if header_length > 4096:
        return None
    try:
        header = json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + header_length])
    except (ValueError, RecursionError):
        return None
    found = header.get("hq_key_id") if isinstance(header, dict) else None
    return found if isinstance(found, str) and len(found) <= 64 else None


def open_batch(
    data: bytes, *, hq_private_key: X25519PrivateKey, device_keys: Mapping[str, bytes]
) -> OpenedBatch:
    """Decrypt and verify a batch; every refusal names its reason (and nothing is returned)."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise _refuse("it is not a fieldkit batch", "batch.foreign")
    (header_length,) = struct.unpack_from(">I", data, len(MAGIC))
    start = len(MAGIC) + 4
    if header_length > 4096 or len(data) < start + header_length + 32 + 12 + 16 + 64:
        raise _refuse("it is truncated or its header is damaged", "batch.damaged")
    prefix = data[: start + header_length]
    try:
        header = json.loads(data[start : start + header_length])
        if not isinstance(header, dict):
            raise TypeError("header")
        batch_id, key_id, version = header["batch_id"], header["device_key_id"], header["version"]
        if not (isinstance(batch_id, str) and isinstance(key_id, str) and type(version) is int):
            raise TypeError("header field")
        if len(batch_id) > 64 or len(key_id) > 64:
            raise ValueError("header field")
    except (ValueError, KeyError, TypeError, RecursionError):
        raise _refuse("its header is damaged", "batch.damaged") from None
    if version > FORMAT_VERSION:
        raise _refuse(f"it was written by a newer fieldkit (batch format {version})", "batch.too_new")
    public = device_keys.get(key_id)
    if version == PARTS_VERSION:
        return _open_parts(data, prefix, batch_id, key_id, hq_private_key, public)
    try:
        plain = open_from(hq_private_key, data[len(prefix) :], aad=prefix, info=_INFO)
    except (InvalidTag, ValueError):
        raise _refuse(
            "it was altered, or it was encrypted for another headquarters", "batch.altered"
        ) from None
    if public is None:
        raise _refuse(f"it comes from an unknown device (key {key_id})", "batch.unknown_device")
    signature, body = plain[:64], plain[64:]
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, prefix + body)
    except (InvalidSignature, ValueError):
        raise _refuse("its device signature does not verify", "batch.bad_signature") from None
    return OpenedBatch(batch_id=batch_id, device_key_id=key_id, body=body)


def _open_parts(
    data: bytes,
    prefix: bytes,
    batch_id: str,
    key_id: str,
    hq_private_key: X25519PrivateKey,
    public: bytes | None,
) -> OpenedBatch:
    """Open a format-2 batch: every part authenticated, the signature checked, part hashes checked."""

    def verify(signature: bytes, signed: bytes) -> None:
        if public is None:
            raise _refuse(f"it comes from an unknown device (key {key_id})", "batch.unknown_device")
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
        except (InvalidSignature, ValueError):
            raise _refuse("its device signature does not verify", "batch.bad_signature") from None

    try:
        body, parts = open_parts(data, prefix, hq_private_key=hq_private_key, verify=verify)
        rebuilt, manifest = v1_body(body, parts)
        return OpenedBatch(batch_id=batch_id, device_key_id=key_id, body=rebuilt, manifest=manifest)
    except PartsRefused as exc:
        raise _refuse(exc.why, exc.code) from None
