"""Headquarters' key pairs: X25519 (teams encrypt batches to it) and Ed25519 (HQ signs packages and
answers), kept in the passphrase-locked key folder of :mod:`fieldkit.hq.key_vault`, never in a table.

The public keys are handed to field teams as a small text file (``hq_public.key``,
:data:`fieldkit.wire.keys.PUBLIC_FILE`, read by laptops with :func:`fieldkit.wire.keys.read_hq_keys`).
``fieldkit hq rotate-keys`` adds new pairs and keeps the old ones, so a batch sealed to an older key
(its header names the key id) still opens. A headquarters whose keys are still in its ``hq_meta``
table (fieldkit before this change) has them moved into the folder, and deleted from the table, the
first time they are unlocked; :func:`migration_notice` then says so once.

The same folder keeps the agency ID-binding keys (kind ``idbind``, 32 random bytes each): the secret
that makes receipts' ID bindings keyed (:mod:`fieldkit.identity.id_binding`). HQ makes the first on
first use and puts every one into each work package (encrypted to one device), so any laptop of the
agency checks old receipts too; :func:`rotate_id_binding_key` adds a new one and keeps the old.

The passphrase comes from ``hq.passphrase_prompt`` (the CLI: ``$FIELDKIT_HQ_PASSPHRASE`` or a hidden
prompt), else ``$FIELDKIT_HQ_PASSPHRASE``; the unlocked folder is kept for the life of the HqStore.
"""

from __future__ import annotations

import logging
import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.errors import UserError
from fieldkit.hq.key_vault import PASSPHRASE_ENV, Vault, create_vault, open_vault, vault_exists
from fieldkit.hq.store import HqStore
from fieldkit.identity.id_binding import AGENCY_KEY_BYTES, AgencyKey, agency_key_id
from fieldkit.wire.envelope import batch_recipient
from fieldkit.wire.keys import key_id

log = logging.getLogger(__name__)
_META_KEY = "hq_private_key"  # note: where fieldkit before the key folder kept the keys (migrated out)
_SIGNING_META_KEY = "hq_signing_key"
_VAULT = "hq_key_vault"
_NOTICE = "hq_key_notice"


def _passphrase(hq: HqStore, *, new: bool) -> str:
    if hq.passphrase_prompt is not None:
        return hq.passphrase_prompt(new)
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    raise UserError(
        f"The headquarters keys are locked: set {PASSPHRASE_ENV} (or run the command in a terminal).",
        code="hq.no_passphrase",
    )


def _legacy_rows(hq: HqStore) -> dict[str, str]:
    found = {}
    for name in (_META_KEY, _SIGNING_META_KEY):
        value = hq.meta(name)
        if value is not None:
            found[name] = value
    return found


def _migrate(hq: HqStore, vault: Vault, rows: dict[str, str]) -> None:
    """Move keys from the table into the folder, then delete them from the table (in that order, so a
    crash in between leaves them in both places, never in neither)."""
    for name, kind in ((_META_KEY, "x25519"), (_SIGNING_META_KEY, "ed25519")):
        if name not in rows:
            continue
        raw = bytes.fromhex(rows[name])
        if kind == "x25519":
            public = X25519PrivateKey.from_private_bytes(raw).public_key().public_bytes_raw()
        else:
            public = Ed25519PrivateKey.from_private_bytes(raw).public_key().public_bytes_raw()
        identifier = key_id(public)
        if identifier not in vault.ids(kind):
            vault.ring.setdefault("keys", {}).setdefault(kind, []).insert(0, identifier)  # the oldest
            vault.add(kind, identifier, raw)
    with hq.db.transaction():
        for name in rows:
            hq.db.execute("DELETE FROM hq_meta WHERE key = ?", (name,))
    notice = (
        f"The headquarters private keys were moved out of the database into {vault.folder} "
        "(encrypted with the headquarters passphrase) and deleted from the database."
    )
    hq.cache[_NOTICE] = notice
    log.warning(notice)


def unlock(hq: HqStore, *, create: bool = False) -> Vault | None:
    """The unlocked key folder (asks for the passphrase once per HqStore); migrates keys still in the
    table. None if this headquarters has no keys at all and ``create`` is false."""
    cached = hq.cache.get(_VAULT)
    if isinstance(cached, Vault):
        return cached
    rows = _legacy_rows(hq)
    if vault_exists(hq.home):
        vault = open_vault(hq.home, _passphrase(hq, new=False))
    elif rows or create:
        vault = create_vault(hq.home, _passphrase(hq, new=True))
    else:
        return None
    if rows:
        _migrate(hq, vault, rows)
    hq.cache[_VAULT] = vault
    return vault


def needs_migration(hq: HqStore) -> bool:
    """True while private keys are still in the database (fieldkit before the key folder)."""
    return bool(_legacy_rows(hq))


def migration_notice(hq: HqStore) -> str | None:
    """What the key migration did in this process (once), for the command line to print."""
    notice = hq.cache.pop(_NOTICE, None)
    return notice if isinstance(notice, str) else None


def _no_key() -> UserError:
    return UserError("This headquarters has no key yet: run `fieldkit hq init`.", code="hq.no_key")


def _vault(hq: HqStore) -> Vault:
    vault = unlock(hq)
    if vault is None:
        raise _no_key()
    return vault


def _new_pair(vault: Vault, kind: str) -> str:
    if kind == "x25519":
        x_key = X25519PrivateKey.generate()
        raw, public = x_key.private_bytes_raw(), x_key.public_key().public_bytes_raw()
    else:
        e_key = Ed25519PrivateKey.generate()
        raw, public = e_key.private_bytes_raw(), e_key.public_key().public_bytes_raw()
    identifier = key_id(public)
    vault.add(kind, identifier, raw)
    return identifier


def create_hq_key(hq: HqStore) -> bytes:
    """Make the key pairs once; returns the X25519 public key (refuses to replace an existing one)."""
    vault = unlock(hq, create=True)
    assert vault is not None
    if vault.current("x25519") is not None:
        raise UserError(
            "This headquarters already has a key; replacing it would strand every team's batches "
            "(`fieldkit hq rotate-keys` adds new keys and keeps the old ones).",
            code="hq.key_exists",
        )
    _new_pair(vault, "x25519")
    load_hq_signing_key(hq)
    return load_hq_key(hq).public_key().public_bytes_raw()


def rotate_keys(hq: HqStore) -> tuple[str, str]:
    """New current X25519 and Ed25519 keys (old ones kept for old batches); returns their key ids."""
    vault = _vault(hq)
    if vault.current("x25519") is None:
        raise _no_key()
    return _new_pair(vault, "x25519"), _new_pair(vault, "ed25519")


def load_hq_key(hq: HqStore) -> X25519PrivateKey:
    """The current X25519 private key, or a clear error if ``fieldkit hq init`` was never run."""
    vault = _vault(hq)
    current = vault.current("x25519")
    if current is None:
        raise _no_key()
    return X25519PrivateKey.from_private_bytes(vault.private_bytes("x25519", current))


def hq_private_keys(hq: HqStore) -> dict[str, X25519PrivateKey]:
    """Every X25519 key this headquarters holds, by key id, oldest first."""
    vault = _vault(hq)
    return {
        k: X25519PrivateKey.from_private_bytes(vault.private_bytes("x25519", k)) for k in vault.ids("x25519")
    }


def key_for_batch(hq: HqStore, data: bytes) -> X25519PrivateKey:
    """The key a batch was sealed to (its header names it; batches from before rotation: the first)."""
    vault = _vault(hq)
    ids = vault.ids("x25519")
    if not ids:
        raise _no_key()
    wanted = batch_recipient(data) or ids[0]
    if wanted not in ids:
        raise UserError(
            "The batch file is refused: it was encrypted for another headquarters key "
            f"({wanted[:16]}); check the team's hq_public.key.",
            code="batch.other_hq",
        )
    return X25519PrivateKey.from_private_bytes(vault.private_bytes("x25519", wanted))


def load_hq_signing_key(hq: HqStore) -> Ed25519PrivateKey:
    """The current Ed25519 key that signs work packages and answers (made on first use)."""
    vault = unlock(hq, create=True)
    assert vault is not None
    current = vault.current("ed25519") or _new_pair(vault, "ed25519")
    return Ed25519PrivateKey.from_private_bytes(vault.private_bytes("ed25519", current))


def public_key_text(hq: HqStore) -> str:
    """The content of ``hq_public.key`` (the current keys)."""
    encryption = load_hq_key(hq).public_key().public_bytes_raw().hex()
    signing = load_hq_signing_key(hq).public_key().public_bytes_raw().hex()
    return f"{encryption}\ned25519 {signing}\n"


ID_KIND = "idbind"


def _new_id_binding_key(vault: Vault) -> str:
    raw = os.urandom(AGENCY_KEY_BYTES)
    identifier = agency_key_id(raw)
    vault.add(ID_KIND, identifier, raw)
    log.info("New agency ID-binding key %s", identifier)  # note: the id only, never the key
    return identifier


def id_binding_keys(hq: HqStore, *, create: bool = True) -> dict[str, bytes]:
    """Every agency ID-binding key, key id → 32 bytes, oldest first (the first made on first use
    unless ``create`` is false: verifying a receipt must not make keys)."""
    vault = unlock(hq, create=create)
    if vault is None:
        return {}
    if create and not vault.ids(ID_KIND):
        _new_id_binding_key(vault)
    return {k: vault.private_bytes(ID_KIND, k) for k in vault.ids(ID_KIND)}


def current_id_binding_key(hq: HqStore) -> AgencyKey:
    """The agency ID-binding key laptops bind new receipts with (the newest)."""
    keys = id_binding_keys(hq)
    key_id = list(keys)[-1]
    return key_id, keys[key_id]


def rotate_id_binding_key(hq: HqStore) -> str:
    """A new current agency ID-binding key (old ones kept, so old receipts still check); its id."""
    id_binding_keys(hq)  # note: makes the first one if there is none, so rotation always adds
    return _new_id_binding_key(_vault(hq))
