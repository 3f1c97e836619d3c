"""China resident identity numbers (GB 11643-1999): parsing, checking, 15→18 conversion, masking.

Why this module exists: the ID number is the key a retiree is enrolled under, so a mistyped number
must be caught at the desk, with a reason the clerk can act on, before it becomes a duplicate or an
orphan record. The layout is fixed by the standard: 6-digit area code (the first two digits are the
province, GB/T 2260), birth date YYYYMMDD, 3-digit sequence (odd for men, even for women) and an
ISO 7064 MOD 11-2 check character. Old first-generation cards carry 15 digits (YYMMDD, no check
character); pensioners still present them, so they are accepted and converted to 18 characters.

Privacy: the number identifies a person, so no error message or parameter ever carries it in clear.
Where a number is mentioned it goes through :func:`mask_id_number` (first 4 + last 4 characters), and
an error reveals at most 8 characters of it in total (a birth-date error shows the date, so it does
not add the masked number as well).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from fieldkit.errors import UserError

REASONS: Final[tuple[str, ...]] = (
    "id.bad_characters",
    "id.wrong_length",
    "id.unknown_province",
    "id.impossible_date",
    "id.bad_check_digit",
)
"""Every ``code`` an :class:`IdNumberError` can carry, in the order the checks run."""

PROVINCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
        "21": "辽宁", "22": "吉林", "23": "黑龙江",
        "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
        "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
        "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
        "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
        "71": "台湾", "81": "香港", "82": "澳门",
    }
)  # fmt: skip
"""GB/T 2260 province-level codes (first two digits of the number) → short Chinese name."""

EARLIEST_BIRTH_DATE: Final = datetime.date(1890, 1, 1)
"""Nobody alive was born earlier; an older date means a typo in the year."""

_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS: Final = "10X98765432"
_ASCII_DIGITS: Final = frozenset("0123456789")
# Chinese input methods often produce full-width digits and X; they are what the clerk meant.
_FULL_WIDTH: Final = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"Ｘ": "X", "ｘ": "x"})


class IdNumberError(UserError):
    """An ID number that cannot be right; ``code`` is one of :data:`REASONS`, params are masked."""

    code = "id.invalid"

    def __init__(self, message: str, *, code: str, **params: Any) -> None:
        # The code is required so callers (translation tables, tests) can rely on it being in REASONS.
        super().__init__(message, code=code, **params)


@dataclass(frozen=True, repr=False)
class IdNumber:
    """A checked ID number and what it says about its holder."""

    value: str  # normalised 18-character form, check character upper-case
    birth_date: datetime.date
    gender: str  # "male" | "female"
    province_code: str  # e.g. "13"
    province_name: str  # e.g. "河北"
    converted_from_15: bool

    def __repr__(self) -> str:
        # Reprs end up in logs and tracebacks: show the masked number and nothing that unmasks it.
        return (
            f"IdNumber(value={mask_id_number(self.value)!r}, gender={self.gender!r}, "
            f"province_code={self.province_code!r}, converted_from_15={self.converted_from_15!r})"
        )


def check_character(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character ("0"-"9" or "X") for the first 17 digits.

    Raises ValueError (a programming error, not the clerk's) unless given exactly 17 ASCII digits.
    """
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError(f"check_character needs exactly 17 digits 0-9, got {len(first17)} characters")
    # note: map/mul keeps a 110,000-row roster import fast; it is the same weighted sum
    total = sum(map(operator.mul, map(int, first17), _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def mask_id_number(text: str) -> str:
    """Hide the middle of an ID number so it can appear in messages, logs and screens.

    Full-size input (15 or more characters) keeps the first 4 and last 4: enough for a clerk to find
    the card again, not enough to identify the person. Shorter input keeps at most 2 characters at each
    end and never more than half of it. Never raises, because it is called while reporting errors.
    """
    try:
        s = text.strip() if isinstance(text, str) else str(text).strip()
    except Exception:
        return "***"
    keep = 4 if len(s) >= 15 else min(2, len(s) // 4)
    if keep == 0:
        return "*" * len(s)
    return s[:keep] + "*" * (len(s) - 2 * keep) + s[-keep:]


def _normalise(text: str) -> str:
    """Strip surrounding whitespace, turn full-width digits into ASCII and a final x into X."""
    s = text.translate(_FULL_WIDTH).strip()
    return s[:-1] + "X" if s.endswith("x") else s


def _check_characters(s: str) -> None:
    """Digits only, except a final X; an old 15-digit card had no check character, so no X there."""
    if s.isascii() and (s.isdigit() or (s[:-1].isdigit() and s[-1] == "X" and len(s) != 15)):
        return  # the common case, decided without a per-character loop
    for position, char in enumerate(s, start=1):
        if char not in _ASCII_DIGITS and not (char == "X" and position == len(s)):
            raise IdNumberError(
                f"ID number contains {char!r} at position {position}; "
                "only digits 0-9 are allowed, and X only as the last character",
                code="id.bad_characters",
                character=char,
                position=position,
                number=mask_id_number(s),
            )
    if len(s) == 15 and s.endswith("X"):
        raise IdNumberError(
            "ID number has 15 characters and ends in X; an old 15-digit card has only digits",
            code="id.bad_characters",
            character="X",
            position=15,
            number=mask_id_number(s),
        )


def _wrong_length(s: str, allowed: str) -> IdNumberError:
    return IdNumberError(
        f"ID number has {len(s)} character{'' if len(s) == 1 else 's'}; it must have {allowed}",
        code="id.wrong_length",
        length=len(s),
        number=mask_id_number(s),
    )


def _province(s: str) -> str:
    code = s[:2]
    if code not in PROVINCES:
        raise IdNumberError(
            f"ID number starts with {code}, which is not a province code",
            code="id.unknown_province",
            province_code=code,
            number=mask_id_number(s),
        )
    return code


def _birth_date(s: str, today: datetime.date) -> datetime.date:
    """Read the birth date (YYMMDD in 19YY on 15-digit cards) and check it is plausible."""
    digits = "19" + s[6:12] if len(s) == 15 else s[6:14]
    shown = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    try:
        born = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        why = "which does not exist"
    else:
        if born > today:
            why = f"which is after today ({today.isoformat()})"
        elif born < EARLIEST_BIRTH_DATE:
            why = f"which is before {EARLIEST_BIRTH_DATE.isoformat()}: the year was probably mistyped"
        else:
            return born
    # No masked number here: the date plus first 4 and last 4 would reveal 16 of 18 characters.
    raise IdNumberError(
        f"ID number gives birth date {shown}, {why}", code="id.impossible_date", birth_date=shown
    )


def parse_id_number(text: str, *, today: datetime.date | None = None) -> IdNumber:
    """Check an ID number as typed or read from a card and say what it encodes.

    Checks run in the order of :data:`REASONS` so the clerk hears about the most basic mistake first.
    ``today`` bounds the birth date (default: the system date); tests pass a fixed one.
    Raises :class:`IdNumberError`.
    """
    s = _normalise(text)
    _check_characters(s)
    if len(s) not in (15, 18):
        raise _wrong_length(s, "18 (or 15 for an old card)")
    code = _province(s)
    born = _birth_date(s, today if today is not None else datetime.date.today())
    if len(s) == 15:
        first17 = s[:6] + "19" + s[6:]
        value = first17 + check_character(first17)
    else:
        value = s
        expected = check_character(s[:17])
        if s[17] != expected:
            raise IdNumberError(
                f"ID number check character is {s[17]} but should be {expected}: "
                "the number was probably mistyped",
                code="id.bad_check_digit",
                found=s[17],
                expected=expected,
                number=mask_id_number(s),
            )
    return IdNumber(
        value=value,
        birth_date=born,
        gender="male" if int(value[16]) % 2 == 1 else "female",
        province_code=code,
        province_name=PROVINCES[code],
        converted_from_15=len(s) == 15,
    )


def is_valid_id_number(text: str, *, today: datetime.date | None = None) -> bool:
    """True if :func:`parse_id_number` accepts the text; for filters and form hints."""
    try:
        parse_id_number(text, today=today)
    except IdNumberError:
        return False
    return True


def convert_15_to_18(number15: str) -> str:
    """Turn an old 15-digit number into its 18-character form (insert "19", append check character).

    The old number is fully checked first (characters, province, date): converting garbage would
    produce a well-formed-looking number that hides the mistake. Raises :class:`IdNumberError`.
    """
    s = _normalise(number15)
    _check_characters(s)
    if len(s) != 15:
        raise _wrong_length(s, "15 to be converted (an 18-character number needs no conversion)")
    return parse_id_number(s).value
