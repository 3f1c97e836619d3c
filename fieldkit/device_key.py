"""This laptop's device key: the Ed25519 key that signs receipts, batches and every request to
headquarters.

Why a module of its own: receipts (``workflows.receipts``) and the laptop's sync (``fieldkit.sync``)
both sign with it; neither should reach into the other for it. Its name (key id) is computed by
``fieldkit.wire.keys.key_id``, the one definition headquarters uses too.

The key lives in the encrypted store's ``meta`` table: it never touches disk in clear, and a backup
of the store carries it along (a restored laptop keeps signing with the same key).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.errors import FieldkitError
from storage.store import Store

DEVICE_KEY_META = "device_signing_key"


def stored_device_key(store: Store) -> Ed25519PrivateKey | None:
    """The key if one was made (never creates one: verifying must not write to the store)."""
    text = store.meta(DEVICE_KEY_META)
    if text is None:
        return None
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text))
    except ValueError:
        raise FieldkitError(
            "The device signing key in the store is damaged; receipts cannot be signed. "
            "Restore the store from a backup.",
            code="receipt.device_key_damaged",
        ) from None


def _create_key(store: Store) -> Ed25519PrivateKey:
    # Re-read inside the (immediate) transaction: another process may have made the key meanwhile.
    existing = stored_device_key(store)
    if existing is not None:
        return existing
    key = Ed25519PrivateKey.generate()
    store.set_meta(DEVICE_KEY_META, key.private_bytes_raw().hex(), action="device.key_created")
    return key


def device_key(store: Store, actor: str) -> Ed25519PrivateKey:
    """This laptop's signing key, made on first use and kept (encrypted) in the store.

    Called outside a transaction, the key is created in its own transaction by ``actor``. Called
    inside one (as :func:`issue_receipt` does), it is created in that transaction, so a rolled-back
    receipt also rolls back a key that never signed anything kept; the audit event then names the
    transaction's actor.
    """
    key = stored_device_key(store)
    if key is not None:
        return key
    if store.in_transaction:
        return _create_key(store)
    with store.transaction(actor):
        return _create_key(store)


def device_public_key(store: Store, actor: str) -> bytes:
    """The 32 raw bytes of the device's public key (what headquarters keeps to verify receipts)."""
    return device_key(store, actor).public_key().public_bytes_raw()
