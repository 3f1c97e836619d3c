"""The collection receipt: proof, on paper, that a retiree was enrolled or certified.

Why it looks like this: it may be shown years later to someone who has never seen fieldkit (a clerk
in another province, a judge) when a pension was suspended by mistake. So the facts are printed
plainly in Chinese (with an optional English line), the person is identified by name, gender and
photo; the ID number is printed fully masked and no birth date is printed, because together they
gave the whole number away (the QR binds the number through a salted slow hash instead), and a QR
code holds the signed payload so the paper itself can be checked offline. ``reports`` never
signs: it receives the finished QR text (``fieldkit.workflows.receipts.qr_text``) and prints it.

Two layouts: ``a4`` for office printers, ``roll80`` for the 80 mm thermal printers teams carry on home
visits (black only, the page exactly as long as its content). A reprint carries a "复印件 COPY" mark.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from reports import labels
from reports.images import photo_reader, signature_reader
from reports.layout import Column, DrawOp, draw_lines, fit_size, font_name, new_canvas, width_of, wrap
from reports.qr import draw_qr

LAYOUTS = ("a4", "roll80")
_A4_RESULT, _A4_BODY, _A4_LABEL, _A4_SMALL = 26.0, 14.0, 12.0, 9.0
"""A4 type sizes (pt): the result, the facts, their labels, the device/key line (for verifiers)."""
_ROLL_RESULT, _ROLL_BODY, _ROLL_LABEL = 16.0, 10.5, 8.5
"""80 mm roll sizes (pt): 10.5 pt is the largest that keeps a name and a place on one 72 mm line."""
_NEXT_DUE_RULE = "每年认证一次，请在该月内办理 Once a year: please come (or call) in this month"
_ID_HINT = "in the QR code as a salted hash; check a card with receipt verify --id-number"
ROLL_WIDTH = 80 * mm


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on one receipt, already in display form (dates, masked ID, names).

    ``extra`` holds additional rows (Chinese label, English label, value): the witness of a home
    visit, the office of a delegated certification, a no-card approval. ``copy_number`` > 0 marks the
    n-th reprint; ``is_copy`` marks a copy whose number is unknown.
    """

    number: str
    kind: str
    result: str
    person_name: str
    masked_id: str
    gender: str | None
    birth_date: str  # printed only if not empty; fieldkit passes "" (see the module docstring)
    issued_at: str
    place: str
    team: str
    operator: str
    device: str
    key_id: str
    qr_text: str
    agency: str = labels.DEFAULT_AGENCY[0]
    agency_en: str = labels.DEFAULT_AGENCY[1]
    extra: tuple[tuple[str, str, str], ...] = ()
    face_jpeg: bytes | None = None
    retiree_signature_png: bytes | None = None
    operator_signature_png: bytes | None = None
    is_copy: bool = False
    copy_number: int = 0
    english: bool = True

    @property
    def marked_copy(self) -> bool:
        return self.is_copy or self.copy_number > 0


@dataclass(frozen=True)
class _Row:
    label: str
    label_en: str
    value: str
    value_en: str = ""


def _rows(d: ReceiptData) -> list[_Row]:
    def en(table: dict[str, labels.Bilingual], code: str | None) -> str:
        return labels.label(table, code, english=True) if code in table else ""

    rows = [  # note: type and result are in the title and the result banner, in large type
        _Row("姓名", "Name", d.person_name or "—"),
        _Row("身份证号", "ID number", d.masked_id or "—", _ID_HINT if "*" in d.masked_id else ""),
        _Row("性别", "Gender", labels.label(labels.GENDERS, d.gender), en(labels.GENDERS, d.gender)),
    ]
    if d.birth_date:  # note: fieldkit leaves it out; printed with the ID digits it reveals the number
        rows.append(_Row("出生日期", "Date of birth", d.birth_date))
    rows += [
        _Row("日期时间", "Date and time", d.issued_at or "—"),
        _Row("地点", "Place", d.place or "—"),
        _Row("工作组", "Team", d.team or "—"),
        _Row("经办人", "Operator", d.operator or "—"),
        _Row("设备", "Device", f"{d.device or '—'}  密钥 {d.key_id}", f"signing key {d.key_id}"),
    ]
    rows += [
        _Row(zh, en_label, value or "—", _NEXT_DUE_RULE if zh == labels.NEXT_DUE_ROW else "")
        for zh, en_label, value in d.extra
        if zh != labels.SIGNATURE_ROW
    ]
    if not d.english:
        rows = [_Row(r.label, "", r.value) for r in rows]
    return rows


def _cannot_sign(d: ReceiptData) -> str | None:
    """The signed "无法签名" of a retiree who could not sign (None when they could, or signed)."""
    if d.retiree_signature_png is not None:
        return None
    return next((value for zh, _, value in d.extra if zh == labels.SIGNATURE_ROW), None)


def _result_words(d: ReceiptData) -> tuple[str, str]:
    """The result banner, e.g. "认证通过" / "Certified"; an enrolment with open cases says so."""
    zh = labels.label(labels.RESULTS, d.result)
    en = labels.label(labels.RESULTS, d.result, english=True) if d.result in labels.RESULTS else ""
    if d.kind not in labels.CERTIFICATION_RECEIPTS and any(r[0] == labels.OPEN_CASES_ROW for r in d.extra):
        zh, en = f"{zh}（有待处理事项，见下）", f"{en} (open matters, see below)" if en else ""
    return zh, en


def _copy_words(d: ReceiptData) -> tuple[str, str]:
    count = f" 第{d.copy_number}次补打" if d.copy_number else ""
    count_en = f" (reprint {d.copy_number})" if d.copy_number else ""
    return f"复印件{count}", f"COPY{count_en}"


def _verification_text(d: ReceiptData) -> tuple[str, str]:
    zh = (
        f"本凭证内容已由设备密钥 {d.key_id} 进行数字签名，二维码中含签名数据。任何人均可用 "
        "fieldkit receipt verify 扫描本页或其照片离线核验真伪；任何涂改都会使核验失败。请妥善保管本凭证。"
    )
    en = (
        f"The contents of this receipt are signed with device key {d.key_id}; the QR code holds the signed "
        "data. Anyone can check it offline with 'fieldkit receipt verify' on a scan or photo of this page; "
        "any alteration makes the check fail. Please keep this receipt."
    )
    return zh, en


def _draw_signature(
    canvas: Canvas,
    png: bytes | None,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    border: bool,
    words: str | None = None,
) -> None:
    """The signature image fitted into its box, ``words`` ("无法签名") or an empty line to sign on."""
    canvas.saveState()
    canvas.setLineWidth(0.5)
    if border:
        canvas.setStrokeGray(0.6)
        canvas.rect(x, y, width, height, stroke=1, fill=0)
    if png is None and words:
        size = fit_size(words, min(16.0, height * 0.4), width - 12, 8)
        canvas.setFont(font_name(), size)
        canvas.drawCentredString(x + width / 2, y + height / 2 - size / 3, words)
    elif png is None:
        canvas.setStrokeGray(0)
        canvas.line(x + 8, y + 10, x + width - 8, y + 10)
    else:
        reader, ratio = signature_reader(png)
        box_w, box_h = width - 8, height - 8
        w = min(box_w, box_h * ratio)
        h = w / ratio
        canvas.drawImage(reader, x + (width - w) / 2, y + (height - h) / 2, w, h)
    canvas.restoreState()


def _draw_photo(canvas: Canvas, jpeg: bytes | None, x: float, y: float, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0.5)
    if jpeg is not None:
        canvas.drawImage(photo_reader(jpeg), x, y, width, height)
    else:
        canvas.setFont(font_name(), 8)
        canvas.setFillGray(0.45)
        canvas.drawCentredString(x + width / 2, y + height / 2 + 2, "无照片")
        canvas.drawCentredString(x + width / 2, y + height / 2 - 9, "No photo")
    canvas.rect(x, y, width, height, stroke=1, fill=0)
    canvas.restoreState()


# -- A4 ------------------------------------------------------------------------------------------
def _a4(canvas: Canvas, d: ReceiptData) -> None:
    page_w, page_h = A4
    margin = 15 * mm
    content = page_w - 2 * margin
    title, title_en = labels.receipt_title(d.kind, d.result)
    if d.marked_copy:  # behind everything, so that it cannot be cut away with the stamp
        canvas.saveState()
        canvas.setFillGray(0.9)
        canvas.setFont(font_name(), 64)
        canvas.translate(page_w / 2, page_h / 2 + 40)
        canvas.rotate(32)
        canvas.drawCentredString(0, 0, "复印件 COPY")
        canvas.restoreState()

    header = Column(content)
    header.text(d.agency, fit_size(d.agency, 17, content, 11), align="centre")
    if d.english and d.agency_en:
        header.text(d.agency_en, 8.5, align="centre", grey=0.35)
    header.space(6)
    header.text(title, fit_size(title, 15, content, 10), align="centre")
    if d.english:
        header.text(title_en, 9, align="centre", grey=0.35)
    header.rule(gap=5)
    top = page_h - margin
    header.draw(canvas, margin, top)
    y = top - header.height - 4

    canvas.setFont(font_name(), 11)
    number_label = "凭证编号 Receipt No." if d.english else "凭证编号"
    canvas.drawString(margin, y - 12, f"{number_label}  {d.number}")
    if d.marked_copy:  # on the number's line, right, with room kept below so it covers nothing
        _a4_copy_stamp(canvas, d, page_w - margin, y)
        y -= 30
    y -= 22
    y = _a4_result_banner(canvas, d, margin, y, content) - 8
    rows_top = y

    photo_w, photo_h = 30 * mm, 40 * mm
    label_w = 84.0
    value_x = margin + label_w
    beside_photo_w, full_w = content - label_w - photo_w - 12, content - label_w
    laid = []
    offset = 0.0
    for row in _rows(d):
        size = _A4_SMALL if row.label == "设备" else _A4_BODY  # note: the key id is for verifiers
        # note: rows below the photo use the whole width (fewer wrapped lines at 14 pt); the offset
        # is counted with the smallest padding, so a row is widened only if it is surely below it
        value_w = beside_photo_w if offset < photo_h + 6 else full_w
        value_lines = wrap(row.value, size, value_w)
        row_h = max(
            22.0 if row.label_en else 17.0,
            size * 1.25 * len(value_lines) + (10 if row.value_en else 0),
        )
        laid.append((row, value_lines, row_h, size, value_w))
        offset += row_h + 2.0
    # note: fit the page: many extra rows (witness, office, approval) and a COPY stamp first tighten
    # the rows, then shrink the QR code (never below 46 mm, where it still scans from a phone photo)
    box_h = 52.0

    def qr_room(pad: float) -> float:
        below_rows = 12 + 16 + box_h + 18 + margin
        return float(y - max(sum(row[2] + pad for row in laid), photo_h + 8) - below_rows)

    pad = 5.0 if qr_room(5.0) >= 64 * mm else 2.0
    if qr_room(pad) < 40 * mm:  # note: a crowded slip: lower signature boxes before anything overlaps
        box_h = max(36.0, 52.0 - (40 * mm - qr_room(pad)))
    qr_size = max(40 * mm, min(64 * mm, qr_room(pad)))
    _draw_photo(canvas, d.face_jpeg, page_w - margin - photo_w, y - photo_h - 4, photo_w, photo_h)
    for row, value_lines, row_h, size, value_w in laid:
        draw_lines(canvas, [row.label], margin, y - 1, _A4_LABEL, leading=_A4_LABEL * 1.2)
        if row.label_en:
            draw_lines(canvas, [row.label_en], margin, y - 15, 7.5, leading=9, grey=0.4)
        below = draw_lines(canvas, value_lines, value_x, y, size, leading=size * 1.25)
        if row.value_en:
            draw_lines(canvas, [row.value_en], value_x, below, 7.5, leading=10, grey=0.4)
        y -= row_h + pad
        canvas.setStrokeGray(0.85)
        canvas.setLineWidth(0.4)
        canvas.line(margin, y + pad / 2, margin + label_w + value_w, y + pad / 2)
        canvas.setStrokeGray(0)
    y = min(y, rows_top - photo_h - 8) - 12

    box_w = (content - 16) / 2
    for index, (zh, en, png, words) in enumerate(
        (
            ("本人签名", "Signature of the retiree", d.retiree_signature_png, _cannot_sign(d)),
            ("经办人签名", "Signature of the operator", d.operator_signature_png, None),
        )
    ):
        x = margin + index * (box_w + 16)
        draw_lines(canvas, [zh + (f"  {en}" if d.english else "")], x, y, 9.5, leading=13)
        _draw_signature(canvas, png, x, y - 16 - box_h, box_w, box_h, border=True, words=words)
    y -= 16 + box_h + 18

    qr_y = max(margin, y - qr_size)
    draw_qr(canvas, d.qr_text, margin, qr_y, qr_size)
    text_x = margin + qr_size + 12
    text_w = content - qr_size - 12
    zh, en = _verification_text(d)
    below = draw_lines(
        canvas,
        ["防伪核验" + (" Verification" if d.english else "")],
        text_x,
        qr_y + qr_size - 6,
        11,
        leading=15,
    )
    below = draw_lines(canvas, wrap(zh, 9, text_w), text_x, below - 3, 9, leading=13)
    if d.english:
        below = draw_lines(canvas, wrap(en, 7.5, text_w), text_x, below - 4, 7.5, leading=10, grey=0.35)
    draw_lines(canvas, [f"{d.number}"], text_x, below - 6, 8, leading=10, grey=0.35)


def _a4_result_banner(canvas: Canvas, d: ReceiptData, left: float, top: float, width: float) -> float:
    """The result in large type in a framed bar (a thick frame when it did not pass); returns its bottom.

    Why: the result is what an elderly reader looks for first; at 24 pt it reads at arm's length.
    """
    zh, en = _result_words(d)
    size = fit_size(zh, _A4_RESULT, width - 140, 16)  # note: clear of the 结果 label
    height = size + (14 if d.english and en else 0) + 14
    passed = d.result in ("accept", "complete")
    canvas.saveState()
    canvas.setLineWidth(1.0 if passed else 2.6)
    canvas.setFillGray(0.93 if passed else 1.0)
    canvas.rect(left, top - height, width, height, stroke=1, fill=1)
    canvas.setFillGray(0)
    prefix = f"{labels.label(labels.KINDS, d.kind)}结果" + (" Result" if d.english else "")
    canvas.setFont(font_name(), 10)
    canvas.drawString(left + 8, top - 14, prefix)
    canvas.setFont(font_name(), size)
    canvas.drawCentredString(left + width / 2, top - 7 - size * 0.9, zh)
    if d.english and en:
        canvas.setFont(font_name(), 10)
        canvas.setFillGray(0.3)
        canvas.drawCentredString(left + width / 2, top - height + 7, en)
    canvas.restoreState()
    return top - height


def _a4_copy_stamp(canvas: Canvas, d: ReceiptData, right: float, top: float) -> None:
    zh, en = _copy_words(d)
    canvas.saveState()
    canvas.setStrokeColorRGB(0.75, 0.1, 0.1)
    canvas.setFillColorRGB(0.75, 0.1, 0.1)
    canvas.setLineWidth(1.6)
    width = max(width_of(zh, 13), width_of(en, 9)) + 16
    canvas.translate(right - width / 2 - 6, top - 28)
    canvas.rotate(6)
    canvas.rect(-width / 2, -20, width, 40, stroke=1, fill=0)
    canvas.setFont(font_name(), 13)
    canvas.drawCentredString(0, 2, zh)
    canvas.setFont(font_name(), 9)
    canvas.drawCentredString(0, -13, en)
    canvas.restoreState()


# -- 80 mm roll ------------------------------------------------------------------------------------
def _signature_op(png: bytes | None, width: float, words: str | None) -> DrawOp:
    def op(canvas: Canvas, left: float, top: float) -> None:
        _draw_signature(canvas, png, left, top - 40, width, 40, border=False, words=words)

    return op


def _roll_column(d: ReceiptData, width: float) -> Column:
    title, title_en = labels.receipt_title(d.kind, d.result)
    col = Column(width)
    col.text(d.agency, fit_size(d.agency, 11.5, width, 7), align="centre")
    if d.english and d.agency_en:
        col.text(d.agency_en, 6.5, align="centre")
    col.space(3)
    col.text(title, fit_size(title, 10.5, width, 7), align="centre")
    if d.english:
        col.text(title_en, 6.5, align="centre")
    col.rule(gap=3, dash=True)
    col.text(f"凭证编号{' No.' if d.english else ''} {d.number}", fit_size(d.number, 8.5, width * 0.7, 6))
    if d.marked_copy:
        zh, en = _copy_words(d)
        words = f"{zh}  {en}" if d.english else zh

        def inverted(canvas: Canvas, left: float, top: float) -> None:  # black bar: thermal-safe
            canvas.rect(left, top - 16, width, 15, stroke=0, fill=1)
            canvas.setFillGray(1)
            canvas.setFont(font_name(), fit_size(words, 9, width - 8, 6))
            canvas.drawCentredString(left + width / 2, top - 12, words)
            canvas.setFillGray(0)

        col.space(2)
        col.block(19, inverted)
    col.rule(gap=2, dash=True)
    zh, en = _result_words(d)
    col.text(f"{labels.label(labels.KINDS, d.kind)}结果" + (" Result" if d.english else ""), 7.5)
    col.text(zh, fit_size(zh, _ROLL_RESULT, width, 9), align="centre")
    if d.english and en:
        col.text(en, 7, align="centre")
    col.rule(gap=2, dash=True)
    label_w, value_w = 52.0, width - 54.0
    for row in _rows(d):
        size = 7.5 if row.label == "设备" else _ROLL_BODY
        value_lines = wrap(row.value, size, value_w)
        en_lines = wrap(row.value_en, 6, value_w) if row.value_en else []
        lead = size * 1.25
        height = max(12.0 + (7.5 if row.label_en else 0), lead * len(value_lines) + 7.5 * len(en_lines)) + 2

        def op(
            canvas: Canvas,
            left: float,
            top: float,
            row: _Row = row,
            v: list[str] = value_lines,
            e: list[str] = en_lines,
            size: float = size,
        ) -> None:
            draw_lines(canvas, [row.label], left, top, _ROLL_LABEL, leading=11)
            if row.label_en:
                draw_lines(canvas, [row.label_en], left, top - 11, 5.5, leading=7.5)
            below = draw_lines(canvas, v, left + label_w + 2, top, size, leading=size * 1.25)
            draw_lines(canvas, e, left + label_w + 2, below, 6, leading=7.5)

        col.block(height, op)
    col.space(4)
    photo_w, photo_h = 24 * mm, 32 * mm
    col.block(
        photo_h + 6,
        lambda c, left, top: _draw_photo(
            c, d.face_jpeg, left + (width - photo_w) / 2, top - photo_h, photo_w, photo_h
        ),
    )
    for who, who_en, png, unsigned in (
        ("本人签名", "Retiree", d.retiree_signature_png, _cannot_sign(d)),
        ("经办人签名", "Operator", d.operator_signature_png, None),
    ):
        col.text(who + (f" {who_en}" if d.english else ""), 7.5)
        col.block(44, _signature_op(png, width, unsigned))
    col.space(4)
    qr_size = 60 * mm
    col.block(
        qr_size + 4,
        lambda c, left, top: draw_qr(c, d.qr_text, left + (width - qr_size) / 2, top - qr_size, qr_size),
    )
    zh, en = _verification_text(d)
    col.text(zh, 6.8, leading=8.8)
    if d.english:
        col.text(en, 5.8, leading=7.4)
    col.space(8 * mm)  # room to tear the paper off without cutting the text
    return col


def receipt_pdf(data: ReceiptData, layout: str = "a4") -> bytes:
    """The receipt as PDF bytes, in the ``a4`` or ``roll80`` layout.

    Raises ValueError for an unknown layout, FontNotFound without a CJK font, ImageUnreadable for a
    photo or signature that cannot be decoded.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    buffer = io.BytesIO()
    title = f"Receipt {data.number}" + (" (copy)" if data.marked_copy else "")
    if layout == "a4":
        canvas = new_canvas(buffer, A4, title=title)
        _a4(canvas, data)
    else:
        margin = 4 * mm
        column = _roll_column(data, ROLL_WIDTH - 2 * margin)
        height = column.height + 2 * margin
        canvas = new_canvas(buffer, (ROLL_WIDTH, height), title=title)
        column.draw(canvas, margin, height - margin)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
