"""The agency ID-binding keys this laptop holds: what makes a receipt's ID binding keyed.

Why a module of its own (like :mod:`fieldkit.device_key`): the laptop's sync writes the keys when it
applies a work package (:mod:`fieldkit.sync.package`), receipts read them to bind and check ID
numbers (:mod:`fieldkit.workflows.receipts`, ``receipt verify``); neither should reach into the other.
Why the keys exist at all: :mod:`fieldkit.identity.id_binding`.

The keys live in the encrypted store's ``meta`` table (``agency_id_binding_keys``: JSON of key id →
hex, oldest first; the last is current), never in a file and never in a log: ``set_meta`` records
only the meta key's name in the audit trail. A store backup carries them along.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from fieldkit.errors import FieldkitError
from fieldkit.identity.id_binding import AGENCY_KEY_BYTES, AgencyKey, agency_key_id
from storage.store import Store

ID_KEYS_META = "agency_id_binding_keys"


def _damaged() -> FieldkitError:
    return FieldkitError(
        "The agency ID-binding keys in the store are damaged; apply a work package from headquarters "
        "again, or restore the store from a backup.",
        code="receipt.id_keys_damaged",
    )


def stored_id_keys(store: Store) -> dict[str, bytes]:
    """Every agency ID-binding key this laptop received, key id → bytes, oldest first (may be empty)."""
    text = store.meta(ID_KEYS_META)
    if text is None:
        return {}
    try:
        raw = json.loads(text)
        keys = {str(k): bytes.fromhex(v) for k, v in raw.items()}
    except (ValueError, TypeError, AttributeError):
        raise _damaged() from None
    if any(len(v) != AGENCY_KEY_BYTES or agency_key_id(v) != k for k, v in keys.items()):
        raise _damaged()
    return keys


def current_id_key(store: Store) -> AgencyKey | None:
    """The key new receipts are bound with (the newest received); None before the first package."""
    keys = stored_id_keys(store)
    if not keys:
        return None
    key_id = list(keys)[-1]
    return key_id, keys[key_id]


def remember_id_keys(store: Store, received: Mapping[str, bytes]) -> int:
    """Add keys from a verified package (oldest first) inside the caller's transaction.

    Returns how many were new; writes nothing (no audit event) when none is, so applying the same
    package twice changes nothing. A key already held keeps its place; new ones go after it, and the
    package's newest becomes current (headquarters lists them oldest first).
    """
    store.require_transaction()
    held = stored_id_keys(store)
    new = {k: v for k, v in received.items() if k not in held}
    if not new:
        return 0
    if any(len(v) != AGENCY_KEY_BYTES or agency_key_id(v) != k for k, v in new.items()):
        raise ValueError("agency ID-binding keys must be 32 bytes named by agency_key_id()")
    merged = {k: v.hex() for k, v in (held | new).items()}
    store.set_meta(ID_KEYS_META, json.dumps(merged), action="agency_id_key.received")
    return len(new)
