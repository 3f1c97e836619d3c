"""Batch format v2: the images travel as separate binary parts of the sealed batch.

Why: in format 1 the sealed body is JSON whose records are base64 of canonical JSON that itself
holds images as base64, so an image crossed the wire about 1.8 times its size and was decoded twice.
In format 2 each bytes value of a record (a JPEG, a template) is one binary part; the record itself
travels as the text of its canonical JSON cut where the bytes go (``text``) plus the indexes of
its parts (``parts``), so no base64 appears anywhere on the wire.

Security is the same as format 1 and per part: the signed body (manifest, records' text, and each
part's size and SHA-256) is signed with the laptop's Ed25519 key over the header as before; the
body and every part are encrypted with AES-256-GCM under one key agreed for this batch (X25519,
HKDF-SHA256), each with its own counter nonce and the header plus its index as associated data,
so a part cannot be altered, swapped, dropped, repeated or added without opening failing. The
record content that headquarters stores and hashes is byte for byte the format-1 canonical JSON:
:func:`join_record` rebuilds it, and the manifest's SHA-256 of it is checked by the intake as
before, so a record re-sent in either format is "already had", and acknowledgements match.

Layout after the common prefix (``FKBATCH1`` | header length | header JSON with ``"version": 2``):
ephemeral X25519 public key (32) | segment count (4) | then per segment: ciphertext length (8) |
AES-GCM ciphertext. Segment 0 is signature (64) + body JSON; segment i ≥ 1 is part i - 1.
"""

from __future__ import annotations

import base64
import json
import secrets
import struct
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PARTS_VERSION = 2
_INFO = b"fieldkit batch v2"
MAX_PARTS = 1_000_000


class PartsRefused(ValueError):
    """A v2 batch that does not open; ``code`` names why (the envelope turns it into a refusal)."""

    def __init__(self, why: str, code: str) -> None:
        super().__init__(why)
        self.why, self.code = why, code


def _key(shared: bytes, ephemeral_public: bytes) -> AESGCM:
    return AESGCM(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=_INFO).derive(shared)
    )


def _nonce(index: int) -> bytes:
    # note: a fresh key per batch (fresh ephemeral key), so a counter never repeats under one key
    return struct.pack(">IQ", 0, index)


def _aad(prefix: bytes, index: int, count: int) -> bytes:
    return prefix + struct.pack(">QQ", index, count)


def split_record(plain: Any) -> tuple[list[str], list[bytes]]:
    """A record made JSON-ready except for its bytes values → (text pieces, bytes values in order).

    The text pieces joined with the base64 of each bytes value in between give exactly the format-1
    canonical JSON (sorted keys, no spaces, UTF-8); a random marker stands for each bytes value while
    the JSON is written, then the text is cut there."""
    token = f"fkpart{secrets.token_hex(12)}n"
    found: list[bytes] = []

    def mark(value: Any) -> Any:
        if isinstance(value, bytes):
            found.append(value)
            return {"base64": f"{token}{len(found) - 1}e"}
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(plain), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if not found:
        return [text], []
    # note: str.split on the marker, not a regular expression: a fresh pattern per record compiles
    # every time (the token is random), which cost more than the rest of a small record
    pieces = text.split(token)
    texts, order = [pieces[0]], []
    for piece in pieces[1:]:
        number, _, rest = piece.partition("e")
        order.append(int(number))
        texts.append(rest)
    return texts, [found[i] for i in order]


def join_record(texts: list[str], parts: list[bytes]) -> bytes:
    """The format-1 canonical JSON of a record from its text pieces and parts (see :func:`split_record`)."""
    if len(texts) != len(parts) + 1:
        raise ValueError("text pieces and parts do not interleave")
    out = [texts[0].encode("utf-8")]
    for part, text in zip(parts, texts[1:], strict=True):
        out.append(base64.b64encode(part))
        out.append(text.encode("utf-8"))
    return b"".join(out)


def seal_parts(
    prefix: bytes, body: bytes, parts: list[bytes], *, device_key: Ed25519PrivateKey, hq_public_key: bytes
) -> bytes:
    """Sign ``prefix + body`` and encrypt the body and each part to headquarters (ValueError: a bad key)."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    aead = _key(ephemeral.exchange(X25519PublicKey.from_public_bytes(hq_public_key)), ephemeral_public)
    count = len(parts) + 1
    out = [prefix, ephemeral_public, struct.pack(">I", count)]
    for index, plain in enumerate([device_key.sign(prefix + body) + body, *parts]):
        sealed = aead.encrypt(_nonce(index), plain, _aad(prefix, index, count))
        out.append(struct.pack(">Q", len(sealed)))
        out.append(sealed)
    return b"".join(out)


def open_parts(
    data: bytes, prefix: bytes, *, hq_private_key: X25519PrivateKey, verify: Callable[[bytes, bytes], None]
) -> tuple[bytes, list[bytes]]:
    """Decrypt a v2 batch → (signed body, parts); ``verify(signature, prefix + body)`` raises if the
    signature is wrong. Every part is decrypted and authenticated before anything is returned."""
    from cryptography.exceptions import InvalidTag

    at = len(prefix)
    if len(data) < at + 36:
        raise PartsRefused("it is truncated", "batch.damaged")
    ephemeral_public = data[at : at + 32]
    (count,) = struct.unpack_from(">I", data, at + 32)
    if not 1 <= count <= MAX_PARTS:
        raise PartsRefused("its part count is damaged", "batch.damaged")
    try:
        aead = _key(
            hq_private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public)), ephemeral_public
        )
    except ValueError:
        raise PartsRefused("it was altered", "batch.altered") from None
    at += 36
    plains: list[bytes] = []
    view = memoryview(data)
    for index in range(count):
        if len(data) < at + 8:
            raise PartsRefused("it is truncated (a part is missing)", "batch.damaged")
        (length,) = struct.unpack_from(">Q", data, at)
        if length < 16 or len(data) < at + 8 + length:
            raise PartsRefused("it is truncated (a part is cut off)", "batch.damaged")
        try:
            plains.append(
                aead.decrypt(_nonce(index), view[at + 8 : at + 8 + length], _aad(prefix, index, count))
            )
        except InvalidTag:
            raise PartsRefused(
                "it was altered, or it was encrypted for another headquarters", "batch.altered"
            ) from None
        at += 8 + length
    if at != len(data):
        raise PartsRefused("it has bytes after its last part", "batch.damaged")
    first = plains[0]
    if len(first) < 64:
        raise PartsRefused("it is truncated", "batch.damaged")
    signature, body = first[:64], first[64:]
    verify(signature, prefix + body)
    return body, plains[1:]


def v1_body(body: bytes, parts: list[bytes]) -> tuple[bytes, dict[str, Any]]:
    """(format-1 body with manifest and base64 records, manifest) from a verified v2 body and its
    parts, so the intake takes in the same records whichever format travelled; each part's declared
    size and SHA-256 (signed) is checked here, each record's SHA-256 by the intake."""
    import hashlib

    try:
        parsed = json.loads(body)
        manifest, records, declared = parsed["manifest"], parsed["records"], parsed["parts"]
        if not (
            isinstance(manifest, dict)
            and isinstance(records, dict)
            and isinstance(declared, list)
            and len(declared) == len(parts)
        ):
            raise TypeError("body")
        for part, expected in zip(parts, declared, strict=True):
            if len(part) != int(expected["size"]) or hashlib.sha256(part).hexdigest() != expected["sha256"]:
                raise PartsRefused("a part does not match its signed SHA-256", "batch.altered")
        joined: list[bytes] = []
        for outbox_uuid, record in records.items():
            texts, indexes = record["text"], record["parts"]
            if not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
                raise TypeError("text")
            if not (
                isinstance(indexes, list) and all(type(i) is int and 0 <= i < len(parts) for i in indexes)
            ):
                raise TypeError("parts")
            content = join_record(texts, [parts[i] for i in indexes])
            # note: written by hand, not json.dumps: a key is escaped by json.dumps, base64 needs no
            # escaping, and the encoder's character scan over every image was half the opening time
            joined += (b",", json.dumps(str(outbox_uuid)).encode(), b':"', base64.b64encode(content), b'"')
    except (ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
        if isinstance(exc, PartsRefused):
            raise
        raise PartsRefused("its body is malformed", "batch.malformed") from None
    head = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    return b"".join([b'{"manifest":', head, b',"records":{', *joined[1:], b"}}"]), manifest
