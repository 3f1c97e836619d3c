"""Region codes (GB/T 2260 administrative division codes): the one check every entry point uses.

Why: a region code names a roster, a work package and a file on disk (``packages/<region>/...``),
and it travels to headquarters. A code like ``../../x`` once passed through unchecked. A GB/T 2260
code is six ASCII digits: province (2, one of the province-level codes), prefecture (2) and county
(2). ``110000`` is Beijing as a whole, ``110100`` its city districts, ``110105`` Chaoyang. The
province must exist; prefecture and county are digits (the full list changes every year and lives
at headquarters, which can check a code against it — see the HQ roster).
"""

from __future__ import annotations

import re
from typing import Final

from fieldkit.errors import UserError
from fieldkit.identity.idnumber import PROVINCES

_SIX_DIGITS: Final = re.compile(r"[0-9]{6}")
_FULL_WIDTH: Final = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


class RegionError(UserError):
    """A region code that is not a GB/T 2260 code; the message says what is wrong."""

    code = "region.invalid"


def region_problem(text: object) -> str | None:
    """Why ``text`` is not a region code, or None if it is one (after trimming, full-width digits)."""
    if not isinstance(text, str):
        return "a region code must be text"
    value = text.strip().translate(_FULL_WIDTH)
    if not _SIX_DIGITS.fullmatch(value):
        return "a region code is 6 digits (GB/T 2260, e.g. 130400 for Handan)"
    if value[:2] not in PROVINCES:
        return (
            f"{value[:2]} is not a province code "
            "(GB/T 2260: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82)"
        )
    if value[2:4] == "00" and value[4:] != "00":
        return "a county code needs its prefecture (digits 3-4 are 00 but 5-6 are not)"
    return None


def is_region_code(text: object) -> bool:
    """Whether ``text`` is a well-formed GB/T 2260 code with a real province."""
    return region_problem(text) is None


def parse_region(text: str, *, what: str = "region") -> str:
    """The normalised 6-digit code; raises :class:`RegionError` (exit 1) naming ``what`` was wrong.

    The rejected text is not echoed beyond 20 printable characters, so a control character or a
    path in it cannot mislead the message's reader.
    """
    problem = region_problem(text)
    if problem is not None:
        shown = "".join(c if c.isprintable() else "?" for c in str(text)[:20])
        raise RegionError(f"The {what} {shown!r} is not valid: {problem}.", region=shown)
    return text.strip().translate(_FULL_WIDTH)
