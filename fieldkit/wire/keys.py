"""Key files and key ids: the names both sides give to public keys.

Why one module: a key id is printed on receipts, sent in request headers, written into batch and
package headers and stored by headquarters when it registers a device. If the laptop and
headquarters computed it separately, one silent change would make every device "unknown". The
public-key file (``hq_public.key``) is written by headquarters and read by laptops; its reader lives
here so that a laptop (CLI or GUI) never imports headquarters' code to read it.

``hq_public.key``: the first line is the X25519 key in hex (what ``fieldkit export-batch --hq-key``
has always read), the second ``ed25519 <hex>`` lets a laptop verify a work package offline.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.errors import UserError

PUBLIC_FILE = "hq_public.key"


def key_id(public: bytes) -> str:
    """A short, printable name of a public key: first 16 hex characters of its SHA-256.

    Printed on receipts and placed in payloads and headers so a verifier can pick the right key out
    of many without trying each.
    """
    return hashlib.sha256(public).hexdigest()[:16]


@dataclass(frozen=True)
class HqPublicKeys:
    """What a laptop knows about its headquarters."""

    encryption: bytes  # X25519, 32 bytes
    signing: bytes | None  # Ed25519, 32 bytes (None in a file from before work packages)


def read_hq_keys(path: Path) -> HqPublicKeys:
    """Both public keys from ``hq_public.key`` (a clear error for anything else)."""
    bad = UserError(f"{path} is not a headquarters public key file.", code="hq.bad_key_file")
    try:
        lines = [line.strip() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
        encryption = bytes.fromhex(lines[0])
        signing = None
        for line in lines[1:]:
            label, _, value = line.partition(" ")
            if label == "ed25519":
                signing = bytes.fromhex(value.strip())
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        raise bad from None
    if len(encryption) != 32 or (signing is not None and len(signing) != 32):
        raise bad
    return HqPublicKeys(encryption=encryption, signing=signing)


def read_public_key_file(path: Path) -> bytes:
    """The X25519 public key batches are encrypted to."""
    return read_hq_keys(path).encryption


_P = 2**255 - 19  # the field of Curve25519 / edwards25519


def x25519_public_from_ed25519(public: bytes) -> bytes:
    """The X25519 public key of a device's Ed25519 public key (the birational map u = (1+y)/(1-y)).

    Why convert rather than register a second key: every laptop already has one registered Ed25519
    key; headquarters encrypts work packages to the same identity (libsodium's
    ``crypto_sign_ed25519_pk_to_curve25519`` does the same), so no registration changes and a
    restored laptop (its key travels in the store backup) still opens its packages.
    """
    if len(public) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    y = int.from_bytes(public, "little") & ((1 << 255) - 1)
    if y >= _P or y == 1:
        raise ValueError("not an Ed25519 public key")
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return u.to_bytes(32, "little")


def x25519_private_from_ed25519(key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 private key matching :func:`x25519_public_from_ed25519` (SHA-512 of the seed,
    first half; X25519 clamps it as Ed25519 does)."""
    digest = hashlib.sha512(key.private_bytes_raw()).digest()
    return X25519PrivateKey.from_private_bytes(digest[:32])
