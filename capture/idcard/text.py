"""The 256-byte text block of a second-generation resident ID card.

The block is UCS-2 little-endian in fixed-width fields (widths in bytes), padded with spaces:

    name 30 | gender 2 | ethnicity 4 | birth date 16 | address 70 | ID number 36 |
    issuing authority 30 | valid from 16 | valid until 16 | reserved 36

Why decode it ourselves instead of using a vendor SDK: the SDKs are Windows DLLs with a GBK
string API; the text block is the same on every reader. Why error messages carry only the field
name: these errors end up in logs and support tickets, and the block is personal data.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from capture.errors import CardError, ProtocolError

BLOCK_SIZE = 256

# (field, width in bytes), in card order.
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 30),
    ("gender", 2),
    ("ethnicity", 4),
    ("birth_date", 16),
    ("address", 70),
    ("id_number", 36),
    ("issuing_authority", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 36),
)

FOR_LIFE = "长期"  # "valid until" of a card that never expires

# GB/T 3304 codes of the nationalities, as printed on the card (without the suffix 族).
# fmt: off
ETHNICITIES: dict[str, str] = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝",
    "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白",
    "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤",
    "22": "畲", "23": "高山", "24": "拉祜", "25": "水", "26": "东乡", "27": "纳西", "28": "景颇",
    "29": "柯尔克孜", "30": "土", "31": "达斡尔", "32": "仫佬", "33": "羌", "34": "布朗",
    "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌", "40": "普米",
    "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂",
    "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春",
    "53": "赫哲", "54": "门巴", "55": "珞巴", "56": "基诺", "97": "其他", "98": "外国血统",
}
# fmt: on
ETHNICITY_CODES: dict[str, str] = {name: code for code, name in ETHNICITIES.items()}

_GENDERS = {"1": "male", "2": "female", "0": None, "9": None}  # GB/T 2261.1: 0 unknown, 9 unstated
_GENDER_CODES = {"male": "1", "female": "2", None: "0"}

# Card-type marker in the reserved area (newer GA 467 revisions): "I" = foreigner's permanent
# residence card (a different layout), "J" = Hong Kong/Macao/Taiwan residence permit (same layout).
_TYPE_OFFSET = 248
_FOREIGNER_MARK = "I"


class CardText(TypedDict):
    """The decoded text block (``ethnicity`` is the name, or None for a code not in GB/T 3304)."""

    name: str
    gender: str | None
    ethnicity: str | None
    ethnicity_code: str
    birth_date: dt.date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: dt.date
    valid_until: dt.date | None


def _split(block: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    offset = 0
    for name, width in FIELDS:
        raw = block[offset : offset + width]
        offset += width
        try:
            text = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            raise ProtocolError(
                f"text field {name} is not UCS-2", reason="text_encoding", field=name
            ) from None
        fields[name] = text.replace("\x00", " ").strip()
    return fields


def _date(value: str, field: str) -> dt.date:
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError
        return dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ProtocolError(
            f"text field {field} is not a YYYYMMDD date", reason="text_date", field=field
        ) from None


def decode_text(block: bytes) -> CardText:
    """Decode the text block; raise ``ProtocolError`` (code ``device.protocol``) if it is malformed."""
    if len(block) != BLOCK_SIZE:
        raise ProtocolError(
            f"text block must be {BLOCK_SIZE} bytes, got {len(block)}", reason="text_size", size=len(block)
        )
    if block[_TYPE_OFFSET : _TYPE_OFFSET + 2].decode("utf-16-le", "replace") == _FOREIGNER_MARK:
        raise CardError("foreigner's permanent residence cards are not supported", code="card.unsupported")
    f = _split(block)
    if f["gender"] not in _GENDERS:
        raise ProtocolError("text field gender has an unknown code", reason="text_gender", field="gender")
    code = f["ethnicity"]
    if len(code) != 2 or not code.isdigit():
        raise ProtocolError("text field ethnicity is not a 2-digit code", reason="text_ethnicity")
    number = f["id_number"].upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ProtocolError("text field id_number is not 18 characters", reason="text_id_number")
    if not f["name"]:
        raise ProtocolError("text field name is empty", reason="text_name")
    until = f["valid_until"]
    return CardText(
        name=f["name"],
        gender=_GENDERS[f["gender"]],
        ethnicity=ETHNICITIES.get(code),
        ethnicity_code=code,
        birth_date=_date(f["birth_date"], "birth_date"),
        address=f["address"],
        id_number=number,
        issuing_authority=f["issuing_authority"],
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_until=None if until == FOR_LIFE else _date(until, "valid_until"),
    )


def _field(value: str, width: int, field: str) -> bytes:
    raw = value.encode("utf-16-le")
    if len(raw) > width:
        raise ValueError(f"{field} is longer than its {width // 2} characters")
    return raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)


def encode_text(
    *,
    name: str,
    id_number: str,
    gender: str | None = None,
    ethnicity: str | None = "汉",
    birth_date: dt.date | None = None,
    address: str = "",
    issuing_authority: str = "",
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> bytes:
    """Build a text block as a card holds it (for the simulator and tests).

    ``ethnicity`` is a name ("汉") or a 2-digit code; ``valid_until=None`` writes "长期". A missing
    birth date is taken from the ID number and a missing ``valid_from`` is 2010-01-01, so that
    manual-entry-like records can still be served by the simulated reader.
    """
    if gender not in _GENDER_CODES:
        raise ValueError("gender must be 'male', 'female' or None")
    eth = ethnicity or "97"
    code = eth if eth in ETHNICITIES else ETHNICITY_CODES.get(eth)
    if code is None:
        raise ValueError("unknown ethnicity")
    if birth_date is None:
        birth_date = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    values = {
        "name": name,
        "gender": _GENDER_CODES[gender],
        "ethnicity": code,
        "birth_date": birth_date.strftime("%Y%m%d"),
        "address": address,
        "id_number": id_number,
        "issuing_authority": issuing_authority,
        "valid_from": (valid_from or dt.date(2010, 1, 1)).strftime("%Y%m%d"),
        "valid_until": FOR_LIFE if valid_until is None else valid_until.strftime("%Y%m%d"),
        "reserved": "",
    }
    block = b"".join(_field(values[field], width, field) for field, width in FIELDS)
    assert len(block) == BLOCK_SIZE
    return block
