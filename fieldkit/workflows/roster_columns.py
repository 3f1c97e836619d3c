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
import unicodedata
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
    """Parse CSV text; return (canonical column -> index, ignored headers, (line number, row) pairs).

    The line number is the row's *first* line; a row whose quote is not closed runs over several
    lines, which :func:`row_problem` reports (the lines it swallowed are named there).
    """
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
    rows: list[tuple[int, list[str]]] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"The roster file is not valid CSV ({exc}).", code="roster.csv") from None
    return columns, ignored, rows


MAX_LINES_PER_ROW = 3
MAX_CELL_LENGTH = 500  # note: the longest real field, an address, stays far below
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ID_LIKE = re.compile(r"\d{15}")
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
_QUOTE_SPAN_HINT = (
    'a quote (") opened in this row is not closed, so the following line(s) {first}-{last} were read '
    "into it and were not imported either; fix the quote and import again"
)


def physical_lines(text: str) -> list[str]:
    """The file's lines as the CSV reader counts them (``\\r\\n``, ``\\r`` or ``\\n`` ends a line)."""
    return _LINE_BREAK.split(text)


def _swallowed(line: int, row: list[str], physical: list[str]) -> str | None:
    """The reason a row running over several lines was made by an unbalanced quote, or None.

    A quoted address may hold a line break (Excel writes one for Alt+Enter), so a multi-line row is
    not wrong in itself. It is refused when its raw lines hold an odd number of quotes (the quote
    was never closed and ran to the end of the file), when it runs over more than
    :data:`MAX_LINES_PER_ROW` lines, or when a continued line looks like a row of its own (a field
    separator or an ID number in it).
    """
    breaks = sum(len(_LINE_BREAK.findall(cell)) for cell in row)
    if not breaks:
        return None
    raw = physical[line - 1 : line + breaks]
    continued = "\n".join(part for cell in row for part in _LINE_BREAK.split(cell)[1:])
    if (
        "\n".join(raw).count('"') % 2
        or breaks + 1 > MAX_LINES_PER_ROW
        or any(sep in continued for sep in (",", "\t", ";"))
        or _ID_LIKE.search(continued)
    ):
        return _QUOTE_SPAN_HINT.format(first=line + 1, last=line + breaks)
    return None


def row_problem(line: int, row: list[str], physical: list[str]) -> str | None:
    """Why a parsed row must be refused whatever its values say, or None.

    * an unbalanced quote (:func:`_swallowed`): it swallows the lines after it, which must not be
      imported as part of this person;
    * a control character (NUL, escape, ...: it truncates names in C libraries and hides text on a
      terminal) or a bidirectional override (U+202A-202E, U+2066-2069, marks: it makes a name or
      number *display* differently from what it is), or an invisible formatting character
      (zero-width space or joiner: two names that look the same would differ);
    * a cell longer than :data:`MAX_CELL_LENGTH` characters.
    The reason names the character's code point, never the cell's text.
    """
    if (swallowed := _swallowed(line, row, physical)) is not None:
        return swallowed
    for cell in row:
        if len(cell) > MAX_CELL_LENGTH:
            return f"a cell is longer than {MAX_CELL_LENGTH} characters"
        for char in cell:
            if char in _BIDI:
                return f"a cell holds the bidirectional control character U+{ord(char):04X}, which hides text"
            if char in "\n\r\t":
                continue
            if unicodedata.category(char) == "Cc" or char in "\u2028\u2029":
                return f"a cell holds the control character U+{ord(char):04X}"
            if unicodedata.category(char) == "Cf":
                return f"a cell holds the invisible formatting character U+{ord(char):04X}"
    return None
