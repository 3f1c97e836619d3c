"""A small, explainable strength estimate for the store passphrase.

Why not length only: ``1234567890``, ``aaaaaaaaaaaa`` and ``password2026`` are long enough and
guessed first. Why not zxcvbn: a 1 MB dependency with dictionaries for English passwords; a stolen
laptop's store is attacked offline with exactly the patterns below, so counting them is most of the
benefit. The estimate, in bits, is the sum over the passphrase's pieces:

* a run of 3+ characters that repeats (``aaaa``, ``abab``) or steps by ±1 (``1234``, ``cba``, ``qwer``
  along a keyboard row): 2 bits per run plus 1 per character;
* a common password or word (``password``, ``admin``, ``qwerty``, ``fieldkit``, ``mima``, ``密码`` …),
  also in "leet" spelling (``P@ssw0rd``): 10 bits for the whole word;
* a year 1900-2099 or a date ``YYYYMMDD``: 7 (year) or 15 (date) bits;
* any other character: log2 of the size of its class (26 lower, 26 upper, 10 digits, 33 symbols,
  ~3000 for a Chinese or other non-ASCII character).

A passphrase is accepted from :data:`MIN_BITS` bits (about what ten random lower-case letters and
signs give; the store's key derivation adds PBKDF2's cost on top): e.g. ``correct horse battery
staple`` ≈ 133, ``Kx9#mPq2-lantern`` ≈ 73, ``ten chars!`` ≈ 48; refused: ``Passw0rd!2024`` ≈ 22,
``zhangsan1950`` ≈ 17, ``1234567890`` ≈ 12, ``aaaaaaaaaaaa`` ≈ 14.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Final

MIN_BITS: Final = 45
COMMON_WORDS: Final = (
    "password", "passwort", "qwerty", "azerty", "letmein", "welcome", "admin", "administrator",
    "iloveyou", "monkey", "dragon", "master", "login", "secret", "changeme", "default", "fieldkit",
    "pension", "laptop", "china", "beijing", "shanghai", "mima", "woaini", "zhangsan", "lisi", "wangwu",
    "abc123", "123456", "888888", "666666", "520520", "1314", "密码", "口令", "我爱你",
)  # fmt: skip
_LEET: Final = str.maketrans("0134578@$!", "oleastbasi")
_KEYBOARD_ROWS: Final = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_DATE: Final = re.compile(r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_YEAR: Final = re.compile(r"(19|20)\d\d")


@dataclass
class Strength:
    """The estimate in bits and the patterns found (for the message and the meter)."""

    bits: float
    patterns: list[str] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return self.bits >= MIN_BITS


def _char_bits(c: str) -> float:
    if c.islower() and c.isascii():
        return math.log2(26)
    if c.isupper() and c.isascii():
        return math.log2(26)
    if c.isdigit() and c.isascii():
        return math.log2(10)
    if c.isascii():
        return math.log2(33)
    return math.log2(3000)


def _step(a: str, b: str) -> int | None:
    """+1/-1 if b follows a alphabetically or along a keyboard row, else None."""
    a, b = a.lower(), b.lower()
    if ord(b) - ord(a) in (1, -1):
        return ord(b) - ord(a)
    for row in _KEYBOARD_ROWS:
        if a in row and b in row and abs(row.index(a) - row.index(b)) == 1:
            return row.index(b) - row.index(a)
    return None


def _run_length(text: str, start: int) -> int:
    """Length of the repeating or sequential run starting at ``start`` (1 if none)."""
    end = start + 1
    while end < len(text) and text[end] == text[start]:
        end += 1
    if end - start >= 3:
        return end - start
    for period in (2, 3):  # abab, abcabc
        end = start + period
        while end < len(text) and text[end] == text[end - period]:
            end += 1
        if end - start >= 2 * period:
            return end - start
    if start + 1 < len(text) and (direction := _step(text[start], text[start + 1])) is not None:
        end = start + 2
        while end < len(text) and _step(text[end - 1], text[end]) == direction:
            end += 1
        if end - start >= 3:
            return end - start
    return 1


def estimate(text: str) -> Strength:
    """The passphrase's strength in bits, with the guessable patterns it contains."""
    strength = Strength(0.0)
    lower = text.lower().translate(_LEET)
    i = 0
    while i < len(text):
        word = next((w for w in COMMON_WORDS if lower.startswith(w, i)), None)
        if word is not None:
            strength.bits += 10
            strength.patterns.append("a common word or password")
            i += len(word)
            continue
        if match := _DATE.match(text, i):
            strength.bits += 15
            strength.patterns.append("a date")
            i = match.end()
            continue
        if match := _YEAR.match(text, i):
            strength.bits += 7
            strength.patterns.append("a year")
            i = match.end()
            continue
        run = _run_length(text, i)
        if run >= 3:
            strength.bits += 2 + run
            strength.patterns.append("a repeated or sequential run")
            i += run
            continue
        strength.bits += _char_bits(text[i])
        i += 1
    strength.patterns = list(dict.fromkeys(strength.patterns))
    return strength
