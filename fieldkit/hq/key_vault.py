"""Headquarters' private keys at rest: files only the HQ account reads, encrypted under a passphrase.

Why files and not the database: ``hq.db`` (or the PostgreSQL server) holds every retiree's record and
the staff password hashes; it is backed up, copied and read by more people and tools than the keys
should ever be. The keys live in ``<hq home>/keys/`` (0700), one file per key (0600), each sealed with
AES-256-GCM under a key derived from the HQ passphrase by scrypt (``FIELDKIT_HQ_PASSPHRASE`` or a
prompt). A copied folder, a database dump or a backup tape gives no key without the passphrase.

Layout of ``keys/``:
- ``keyring.json`` — the scrypt salt and cost, a check value (so a wrong passphrase is named as such
  before any key is tried), and per kind (``x25519``, ``ed25519``, ``idbind`` — the symmetric agency
  ID-binding key of :mod:`fieldkit.identity.id_binding`) the key ids oldest first; the last
  is the current one. Rotation appends, so old batches (naming the key they were sealed to) still open.
- ``<kind>-<key id>.key`` — ``FKHQKEY1`` | nonce (12) | AES-GCM(raw private key), the kind and key id
  bound as associated data so files cannot be swapped.

The derived key is kept in memory for the life of the process (one scrypt per start, not per batch).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldkit.errors import UserError
from fieldkit.files import PRIVATE, atomic_write

PASSPHRASE_ENV = "FIELDKIT_HQ_PASSPHRASE"
KEYS_DIR = "keys"
KEYRING_FILE = "keyring.json"
KINDS = ("x25519", "ed25519", "idbind")  # note: idbind = the agency ID-binding key (32 bytes)
MIN_HQ_PASSPHRASE = 10
_MAGIC = b"FKHQKEY1"
_CHECK = b"fieldkit hq keyring"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # note: ~32 MB and well under a second, once per process
FOLDER_MODE = 0o700
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")  # note: ids name files; nothing path-like ever does

PassphrasePrompt = Callable[[bool], str]  # argument: True when a new passphrase is being set


def _refuse_wrong() -> UserError:
    return UserError(
        f"Wrong headquarters passphrase: the key files in {KEYS_DIR}/ cannot be opened with it "
        f"(set {PASSPHRASE_ENV} to the passphrase chosen at `fieldkit hq init`).",
        code="hq.wrong_passphrase",
    )


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def keys_folder(home: Path) -> Path:
    return home / KEYS_DIR


def ensure_private_folder(folder: Path) -> None:
    """Make ``folder`` (0700) or tighten an existing one to 0700."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)


@dataclass
class Vault:
    """The unlocked key folder of one headquarters (the derived key lives only in this object)."""

    folder: Path
    kek: bytes
    ring: dict[str, Any]
    _cache: dict[str, bytes] = field(default_factory=dict)

    # -- reading ----------------------------------------------------------------------------------
    def ids(self, kind: str) -> list[str]:
        """Key ids of a kind, oldest first (the last is current)."""
        return [str(k) for k in self.ring.get("keys", {}).get(kind, [])]

    def current(self, kind: str) -> str | None:
        found = self.ids(kind)
        return found[-1] if found else None

    def private_bytes(self, kind: str, key_id: str) -> bytes:
        """The raw private key ``key_id`` of ``kind`` (a clear error if its file is missing or altered)."""
        cached = self._cache.get(f"{kind}:{key_id}")
        if cached is not None:
            return cached
        path = self.folder / f"{kind}-{key_id}.key"
        try:
            data = path.read_bytes()
        except OSError:
            raise UserError(
                f"The headquarters key file {path.name} is missing from {self.folder}; restore the key "
                "folder from its backup.",
                code="hq.key_missing",
            ) from None
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 12 + 16:
            raise UserError(f"{path.name} is not a headquarters key file.", code="hq.key_damaged")
        nonce = data[len(_MAGIC) : len(_MAGIC) + 12]
        try:
            raw = AESGCM(self.kek).decrypt(nonce, data[len(_MAGIC) + 12 :], _aad(kind, key_id))
        except InvalidTag:
            raise UserError(
                f"The headquarters key file {path.name} was altered or belongs to another keyring.",
                code="hq.key_damaged",
            ) from None
        self._cache[f"{kind}:{key_id}"] = raw
        return raw

    # -- writing ----------------------------------------------------------------------------------
    def add(self, kind: str, key_id: str, raw: bytes) -> None:
        """Seal a new key into its file and make it the current one of its kind."""
        nonce = os.urandom(12)
        sealed = _MAGIC + nonce + AESGCM(self.kek).encrypt(nonce, raw, _aad(kind, key_id))
        atomic_write(self.folder / f"{kind}-{key_id}.key", sealed, mode=PRIVATE)
        known = self.ring.setdefault("keys", {}).setdefault(kind, [])
        if key_id not in known:
            known.append(key_id)
        self.save()
        self._cache[f"{kind}:{key_id}"] = raw

    def save(self) -> None:
        atomic_write(
            self.folder / KEYRING_FILE, json.dumps(self.ring, indent=1, sort_keys=True), mode=PRIVATE
        )


def _aad(kind: str, key_id: str) -> bytes:
    return _MAGIC + f"|{kind}|{key_id}".encode("ascii")


def vault_exists(home: Path) -> bool:
    return (keys_folder(home) / KEYRING_FILE).is_file()


def create_vault(home: Path, passphrase: str) -> Vault:
    """A new, empty key folder locked with ``passphrase`` (refuses a weak one)."""
    if len(passphrase) < MIN_HQ_PASSPHRASE:
        raise UserError(
            f"The headquarters passphrase needs at least {MIN_HQ_PASSPHRASE} characters.",
            code="hq.weak_passphrase",
        )
    folder = keys_folder(home)
    ensure_private_folder(folder)
    salt = os.urandom(16)
    kek = _derive(passphrase, salt, **_SCRYPT)
    nonce = os.urandom(12)
    ring: dict[str, Any] = {
        "version": 1,
        "kdf": {"name": "scrypt", "salt": salt.hex(), **_SCRYPT},
        "check": (nonce + AESGCM(kek).encrypt(nonce, _CHECK, _MAGIC)).hex(),
        "keys": {kind: [] for kind in KINDS},
    }
    vault = Vault(folder, kek, ring)
    vault.save()
    return vault


def open_vault(home: Path, passphrase: str) -> Vault:
    """Unlock the key folder (``hq.wrong_passphrase`` if the passphrase does not open it)."""
    folder = keys_folder(home)
    try:
        ring = json.loads((folder / KEYRING_FILE).read_text(encoding="utf-8"))
        kdf = ring["kdf"]
        salt, n, r, p = bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        check = bytes.fromhex(ring["check"])
    except (OSError, ValueError, KeyError, TypeError):
        raise UserError(
            f"The headquarters key folder {folder} is damaged (keyring.json); restore it from its backup.",
            code="hq.key_damaged",
        ) from None
    known = ring.get("keys", {}) if isinstance(ring.get("keys"), dict) else {}
    if not all(
        kind in KINDS and isinstance(ids, list) and all(isinstance(i, str) and _KEY_ID.match(i) for i in ids)
        for kind, ids in known.items()
    ):
        raise UserError(f"{folder / KEYRING_FILE} lists malformed key ids.", code="hq.key_damaged")
    if not (2**10 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise UserError(f"{folder / KEYRING_FILE} names an unsafe key derivation.", code="hq.key_damaged")
    ensure_private_folder(folder)
    kek = _derive(passphrase, salt, n, r, p)
    try:
        if AESGCM(kek).decrypt(check[:12], check[12:], _MAGIC) != _CHECK:
            raise _refuse_wrong()
    except InvalidTag:
        raise _refuse_wrong() from None
    return Vault(folder, kek, ring)
