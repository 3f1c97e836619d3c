"""Binding a receipt to an ID number without putting the number on the receipt.

Why a salted, deliberately slow hash: a receipt's QR can be photographed, and an 18-character ID
number has little entropy — 6-digit area code, birth date, 3-digit sequence (its parity is the
gender, printed on the page), and a check character computed from the rest. The first receipts
held an unsalted SHA-256 of the number, which plain Python brute-forced from area + birth decade in
19 s. Here each receipt gets its own 16-byte random salt (no table serves two receipts) and the
number goes through scrypt (``cryptography``'s ``Scrypt``; memory-hard, so a GPU or ASIC gains far
less than with SHA-256), while a verifier holding the card recomputes one hash offline.

Cost figure (measured with ``python benchmarks/bench_id_binding.py``; see README "Security"):
one hash with n=2^16, r=8, p=1 (64 MiB) takes ~0.17 s of one core on the reference laptop.
The page prints no digit of the number and no birth date (only name, gender, photo), so a
brute-force search of the QR must try
    area codes (~3,200 county-level GB/T 2260 codes)
  × birth dates of living retirees (1925-1975: ~18,260 days)
  × sequences of the printed gender (500)
  (× the check character: computed, so no extra factor)
  ≈ 2.9e10 candidates × 0.17 s ≈ 5e9 CPU-s ≈ 160 CPU-years.
An attacker who also knows the county of birth (say, guessed from the place printed) still needs
18,260 × 500 × 0.17 s ≈ 1.6e6 s ≈ 18 CPU-days *per receipt*; knowing the county among ~20 of the
agency's city as well ≈ 1 CPU-year. That residual figure is the honest floor: the number's own
entropy (~23 bits once the area is known) cannot be stretched further at a cost a laptop can pay
per receipt.

Why a keyed binding (format 3, current): that floor misses the goal — page + QR must give no ID
number in under a CPU-year — because a known area leaves ~23 bits, and no per-receipt cost a laptop
can pay stretches 23 bits to a CPU-year. A secret can: the QR holds
``HMAC-SHA256(agency key, scrypt(ID, salt))``, where the agency ID-binding key (32 random bytes,
made and kept by headquarters in its encrypted key folder) reaches laptops only inside work
packages (encrypted to one device, signed by HQ) and stays in the laptop's encrypted store. Without
the key, page + QR give nothing to search against (2^256 keys); with it (a stolen, unlocked laptop),
the scrypt cost above still applies per receipt, which is why scrypt stays inside the HMAC. The QR
records the key id and salt, so any laptop of the agency, or HQ, checks a card offline; a machine
without that key id says so (:class:`MissingIdKey`) instead of "does not match". Rotation keeps old
keys, so old receipts keep verifying. A laptop holding no key yet (a fresh install, the demo before
any package) falls back to the unkeyed format 2, and ``receipt verify`` says that binding is unkeyed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from typing import Any, Final

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldkit.errors import UserError
from fieldkit.identity.idnumber import parse_id_number

KDF: Final = "scrypt"
LOG2_N: Final = 16
R: Final = 8
P: Final = 1
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32
MAX_LOG2_N: Final = 20
"""A verifier refuses bigger parameters: a forged QR must not make it allocate gigabytes."""
MAC: Final = "hmac-sha256"
KEYED_VERSION: Final = 3
AGENCY_KEY_BYTES: Final = 32
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")

AgencyKey = tuple[str, bytes]
"""(key id, 32 key bytes) of an agency ID-binding key."""


def agency_key_id(key: bytes) -> str:
    """The printable name of an agency ID-binding key: 16 hex of a domain-separated SHA-256.

    Why derived, not random: a laptop checks that the id a package names belongs to the key bytes
    it carries. A hash of 32 random bytes tells nothing about the key.
    """
    return hashlib.sha256(b"fieldkit agency id-binding key|" + key).hexdigest()[:16]


class MissingIdKey(UserError):
    """The receipt's binding is keyed with an agency key this machine does not hold."""

    def __init__(self, key_id: str) -> None:
        super().__init__(
            f"This machine lacks agency ID-binding key {key_id}, so it cannot check the ID number of "
            "this receipt (the signature above was checked). Check the card on a laptop of the agency "
            "that has applied a work package from headquarters, or at headquarters. "
            f"本机没有机构身份证绑定密钥 {key_id}，请在已接收工作包的本机构电脑或总部核对身份证号码。",
            code="receipt.no_id_key",
        )
        self.key_id = key_id


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(id_value: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    kdf = Scrypt(salt=salt, length=HASH_BYTES, n=2**log2_n, r=r, p=p)
    return kdf.derive(id_value.encode("ascii"))


def _keyed(key: bytes, slow: bytes) -> bytes:
    return hmac.new(key, b"fieldkit id binding v3|" + slow, hashlib.sha256).digest()


def bind_id(id_number: str, *, salt: bytes | None = None, key: AgencyKey | None = None) -> dict[str, Any]:
    """The receipt's ID binding (JSON-ready).

    With the agency ``key`` (format 3): ``{"v": 3, "kdf", "log2_n", "r", "p", "salt", "mac", "key",
    "hash"}``, ``hash`` = HMAC-SHA256(key, scrypt(ID, salt)) and ``key`` the key id. Without one
    (format 2, unkeyed): the same minus ``v``, ``mac`` and ``key``, ``hash`` = scrypt(ID, salt).
    The number is normalised first (15-digit and full-width forms give the same binding).
    ``salt`` is for tests that need a fixed payload; receipts always get a fresh random one.
    """
    value = parse_id_number(id_number).value
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = _derive(value, salt, LOG2_N, R, P)
    binding: dict[str, Any] = {"kdf": KDF, "log2_n": LOG2_N, "r": R, "p": P, "salt": _b64(salt)}
    if key is None:
        return binding | {"hash": _b64(digest)}
    key_id, secret = key
    if len(secret) != AGENCY_KEY_BYTES or agency_key_id(secret) != key_id:
        raise ValueError("an agency ID-binding key is 32 bytes named by agency_key_id()")
    return binding | {"v": KEYED_VERSION, "mac": MAC, "key": key_id, "hash": _b64(_keyed(secret, digest))}


def binding_key_id(binding: object) -> str | None:
    """The agency key id a keyed (format 3) binding needs; None for an unkeyed or unreadable one."""
    if not isinstance(binding, dict) or binding.get("mac") != MAC:
        return None
    found = binding.get("key")
    return found if isinstance(found, str) and _KEY_ID.match(found) else None


def is_keyed(binding: object) -> bool:
    """Whether the binding names an agency key (format 3) rather than the bare scrypt hash (format 2)."""
    return isinstance(binding, dict) and ("mac" in binding or "v" in binding or "key" in binding)


def id_matches(binding: object, id_number: str, keys: Mapping[str, bytes] | None = None) -> bool:
    """Whether ``id_number`` is the number bound by ``binding`` (False for any malformed binding).

    ``keys``: the agency ID-binding keys this machine holds (key id → bytes), needed for a keyed
    binding. Raises ``IdNumberError`` only for an ``id_number`` that is not a valid number at all, so
    the user hears "that number is mistyped" rather than "it does not match", and
    :class:`MissingIdKey` for a well-formed keyed binding whose key this machine lacks (a "does not
    match" there would be a lie).
    """
    value = parse_id_number(id_number).value
    if not isinstance(binding, dict) or binding.get("kdf") != KDF:
        return False
    secret: bytes | None = None
    if is_keyed(binding):
        key_id = binding_key_id(binding)
        if key_id is None or binding.get("v") != KEYED_VERSION:
            return False
        secret = (keys or {}).get(key_id)
        if secret is None:
            raise MissingIdKey(key_id)
    log2_n, r, p = binding.get("log2_n"), binding.get("r"), binding.get("p")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (log2_n, r, p)):
        return False
    assert isinstance(log2_n, int) and isinstance(r, int) and isinstance(p, int)
    if not (10 <= log2_n <= MAX_LOG2_N and 1 <= r <= 16 and 1 <= p <= 4):
        return False
    try:
        salt, expected = _unb64(str(binding.get("salt"))), _unb64(str(binding.get("hash")))
    except (binascii.Error, ValueError):
        return False
    if len(salt) < 8 or len(expected) != HASH_BYTES:
        return False
    digest = _derive(value, salt, log2_n, r, p)
    return hmac.compare_digest(digest if secret is None else _keyed(secret, digest), expected)
