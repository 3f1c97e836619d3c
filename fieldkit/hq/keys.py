"""Headquarters' two key pairs: X25519 (teams encrypt batches to it) and Ed25519 (HQ signs work packages).

The private keys stay in the headquarters database; the public keys are handed to field teams as a
small text file (``hq_public.key``, :data:`fieldkit.wire.keys.PUBLIC_FILE`, read by laptops with
:func:`fieldkit.wire.keys.read_hq_keys`). A headquarters made before signing keys existed gets one on the
first ``load_hq_signing_key``.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore

_META_KEY = "hq_private_key"
_SIGNING_META_KEY = "hq_signing_key"


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
