"""Reading a roster CSV as headquarters or Excel writes it: encoding, delimiter and column names.

Why a module of its own: Chinese agencies export rosters from Excel as GBK, from newer tools as
UTF-8 with or without a BOM, with headers in Chinese or English and decorations such as ``*``
(required) or full-width brackets. Finding columns by header, not position, is what lets a clerk use
the file they were given.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from fieldkit.errors import UserError

# canonical column -> accepted header spellings (compared after ``normalise_header``)
HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "id_number": (
        "id_number",
        "idnumber",
        "id_no",
        "身份证号码",
        "身份证号",
        "公民身份号码",
        "身份证",
        "证件号码",
        "证件号",
    ),
    "name": ("name", "姓名", "名字"),
    "gender": ("gender", "sex", "性别"),
    "birth_date": ("birth_date", "birthdate", "date_of_birth", "出生日期", "出生年月日", "出生年月"),
    "ethnicity": ("ethnicity", "nation", "民族"),
    "address": ("address", "地址", "住址", "家庭住址", "居住地址", "现住址"),
    "phone": ("phone", "telephone", "mobile", "电话", "联系电话", "手机", "手机号码", "手机号"),
    "unit": ("unit", "employer", "单位", "工作单位", "原单位", "单位名称", "原工作单位"),
    "district": ("district", "district_code", "区县", "地区", "所属区县", "行政区划", "区划代码", "所属地区"),
    "pension_account": (
        "pension_account",
        "account",
        "养老金账号",
        "养老金账户",
        "社保账号",
        "个人账号",
        "个人编号",
        "社保编号",
    ),
    "status": ("status", "状态", "人员状态", "发放状态"),
    "kind": ("kind", "type", "类别", "人员类别", "人员类型", "领取类别"),
}
REQUIRED = ("id_number", "name")
_LOOKUP = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


def normalise_header(text: str) -> str:
    """Lower-case, drop BOM/``*``/spaces/brackets' content markers so decorated headers still match."""
    text = text.replace("\ufeff", "").strip().lower()
    text = re.sub(r"[（(].*?[)）]", "", text)  # "身份证号码（18位）" -> "身份证号码"
    text = text.replace("*", "").replace("＊", "").strip()
    return re.sub(r"[\s\-]+", "_", text)


def decode_roster(data: bytes) -> tuple[str, str]:
    """Decode the file, returning (text, encoding name): UTF-8 (BOM or not), UTF-16 with BOM, or GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "utf-8-sig")]  # a BOM is a promise: no guessing after it
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "utf-16")]
    else:
        # note: GB18030 is a superset of GBK/GB2312, so it reads every Excel export in China
        candidates = [("utf-8", "utf-8"), ("gb18030", "gbk")]
    for codec, name in candidates:
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise UserError(
        "The roster file is neither UTF-8 nor GBK text. Save it from Excel as "
        "'CSV UTF-8' or 'CSV (comma delimited)'.",
        code="roster.encoding",
    )


def read_rows(text: str) -> tuple[dict[str, int], list[str], list[tuple[int, list[str]]]]:
    """Parse CSV text; return (canonical column -> index, ignored headers, (line number, row) pairs)."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";", "，"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UserError("The roster file is empty.", code="roster.empty") from None
    except csv.Error as exc:
        raise UserError(f"The roster file is not valid CSV ({exc}).", code="roster.csv") from None
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, raw in enumerate(header):
        column = _LOOKUP.get(normalise_header(raw))
        if column is None or column in columns:
            if raw.strip():
                ignored.append(raw.strip())
            continue
        columns[column] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        wanted = " and ".join(f"{c} ({HEADER_ALIASES[c][3 if c == 'id_number' else 1]})" for c in missing)
        found = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise UserError(
            f"The roster file has no column for {wanted}. Columns found: {found}.",
            code="roster.missing_columns",
            missing=missing,
        )
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise UserError(f"The roster file is not valid CSV ({exc}).", code="roster.csv") from None
    return columns, ignored, rows
