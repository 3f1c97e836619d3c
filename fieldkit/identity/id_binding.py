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
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from typing import Any, Final

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldkit.identity.idnumber import parse_id_number

KDF: Final = "scrypt"
LOG2_N: Final = 16
R: Final = 8
P: Final = 1
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32
MAX_LOG2_N: Final = 20
"""A verifier refuses bigger parameters: a forged QR must not make it allocate gigabytes."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(id_value: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    kdf = Scrypt(salt=salt, length=HASH_BYTES, n=2**log2_n, r=r, p=p)
    return kdf.derive(id_value.encode("ascii"))


def bind_id(id_number: str, *, salt: bytes | None = None) -> dict[str, Any]:
    """The receipt's ID binding: ``{"kdf", "log2_n", "r", "p", "salt", "hash"}`` (JSON-ready).

    The number is normalised first (15-digit and full-width forms give the same binding).
    ``salt`` is for tests that need a fixed payload; receipts always get a fresh random one.
    """
    value = parse_id_number(id_number).value
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = _derive(value, salt, LOG2_N, R, P)
    return {"kdf": KDF, "log2_n": LOG2_N, "r": R, "p": P, "salt": _b64(salt), "hash": _b64(digest)}


def id_matches(binding: object, id_number: str) -> bool:
    """Whether ``id_number`` is the number bound by ``binding`` (False for any malformed binding).

    Raises ``IdNumberError`` only for an ``id_number`` that is not a valid number at all, so the user
    hears "that number is mistyped" rather than "it does not match".
    """
    value = parse_id_number(id_number).value
    if not isinstance(binding, dict) or binding.get("kdf") != KDF:
        return False
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
    return hmac.compare_digest(_derive(value, salt, log2_n, r, p), expected)
