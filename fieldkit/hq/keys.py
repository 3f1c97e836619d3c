"""The headquarters key pair that laptops encrypt their batches to.

The private key stays in the headquarters database; the public key is handed to field teams as a
small hex file (``hq_public.key``) that ``fieldkit export-batch --hq-key`` reads.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore

_META_KEY = "hq_private_key"
PUBLIC_FILE = "hq_public.key"


def create_hq_key(hq: HqStore) -> bytes:
    """Make the key pair once; returns the public key (refuses to replace an existing one)."""
    if hq.meta(_META_KEY) is not None:
        raise UserError(
            "This headquarters already has a key; replacing it would strand every team's batches.",
            code="hq.key_exists",
        )
    key = X25519PrivateKey.generate()
    hq.set_meta(_META_KEY, key.private_bytes_raw().hex())
    return key.public_key().public_bytes_raw()


def load_hq_key(hq: HqStore) -> X25519PrivateKey:
    """The private key, or a clear error if ``fieldkit hq init`` was never run."""
    value = hq.meta(_META_KEY)
    if value is None:
        raise UserError("This headquarters has no key yet: run `fieldkit hq init`.", code="hq.no_key")
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(value))


def read_public_key_file(path: Path) -> bytes:
    """A headquarters public key from its hex file."""
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(f"{path} is not a headquarters public key file.", code="hq.bad_key_file") from None
    if len(key) != 32:
        raise UserError(f"{path} is not a headquarters public key file.", code="hq.bad_key_file")
    return key
