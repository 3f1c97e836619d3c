"""Headquarters' two key pairs: X25519 (teams encrypt batches to it) and Ed25519 (HQ signs work packages).

The private keys stay in the headquarters database; the public keys are handed to field teams as a
small text file (``hq_public.key``): the first line is the X25519 key in hex (what
``fieldkit export-batch --hq-key`` has always read), the second ``ed25519 <hex>`` lets a laptop
verify a work package offline. A headquarters made before signing keys existed gets one on the
first ``load_hq_signing_key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore

_META_KEY = "hq_private_key"
_SIGNING_META_KEY = "hq_signing_key"
PUBLIC_FILE = "hq_public.key"


@dataclass(frozen=True)
class HqPublicKeys:
    """What a laptop knows about its headquarters."""

    encryption: bytes  # X25519, 32 bytes
    signing: bytes | None  # Ed25519, 32 bytes (None in a file from before work packages)


def create_hq_key(hq: HqStore) -> bytes:
    """Make the key pairs once; returns the X25519 public key (refuses to replace an existing one)."""
    if hq.meta(_META_KEY) is not None:
        raise UserError(
            "This headquarters already has a key; replacing it would strand every team's batches.",
            code="hq.key_exists",
        )
    key = X25519PrivateKey.generate()
    hq.set_meta(_META_KEY, key.private_bytes_raw().hex())
    load_hq_signing_key(hq)
    return key.public_key().public_bytes_raw()


def load_hq_key(hq: HqStore) -> X25519PrivateKey:
    """The private key, or a clear error if ``fieldkit hq init`` was never run."""
    value = hq.meta(_META_KEY)
    if value is None:
        raise UserError("This headquarters has no key yet: run `fieldkit hq init`.", code="hq.no_key")
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(value))


def load_hq_signing_key(hq: HqStore) -> Ed25519PrivateKey:
    """The Ed25519 key that signs work packages (made on first use)."""
    value = hq.meta(_SIGNING_META_KEY)
    if value is None:
        key = Ed25519PrivateKey.generate()
        hq.set_meta(_SIGNING_META_KEY, key.private_bytes_raw().hex())
        return key
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value))


def public_key_text(hq: HqStore) -> str:
    """The content of ``hq_public.key``."""
    encryption = load_hq_key(hq).public_key().public_bytes_raw().hex()
    signing = load_hq_signing_key(hq).public_key().public_bytes_raw().hex()
    return f"{encryption}\ned25519 {signing}\n"


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
