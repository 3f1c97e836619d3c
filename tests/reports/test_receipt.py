"""The receipt as a person sees it: rendered by poppler, its Chinese in the text layer, its font
embedded, its QR code read back from the pixels (also from a tilted, blurred phone-like photo), the
COPY mark on reprints, and the 80 mm roll exactly as long as its content."""

from __future__ import annotations

import base64
import dataclasses
import os

import cv2
import numpy as np
import pytest

from reports.errors import ImageUnreadable
from reports.images import signature_image
from reports.qr_scan import find_qr_texts
from reports.receipt import ReceiptData, receipt_pdf
from tests.reports.pdf_tools import page_size_mm, pdf_fonts, pdf_text, photo_like, render, signature_png


def _qr_text(seed: int = 1) -> str:
    rng = np.random.default_rng(seed)
    payload = base64.urlsafe_b64encode(rng.bytes(280)).decode().rstrip("=")
    return f"FK1:{payload}.{base64.urlsafe_b64encode(rng.bytes(64)).decode().rstrip('=')}"


def _face() -> bytes:
    """A synthetic 640x480 'frame' with a face-coloured ellipse in the middle (no real person)."""
    frame = np.full((480, 640, 3), (120, 160, 90), dtype=np.uint8)
    cv2.ellipse(frame, (320, 230), (90, 120), 0, 0, 360, (150, 180, 225), -1)
    ok, jpeg = cv2.imencode(".jpg", frame)
    assert ok
    return bytes(jpeg.tobytes())


DATA = ReceiptData(
    number="3FA2C1-2026-R000017",
    kind="certification",
    result="accept",
    person_name="张秀英",
    masked_id="130402********1220",
    gender="female",
    birth_date="1953-06-15",
    issued_at="2026-11-28 21:50 (UTC+08:00)",
    place="河北省邯郸市丛台区人民路社区服务中心",
    team="第三采集组",
    operator="李明",
    device="laptop-07",
    key_id="0123456789abcdef",
    qr_text=_qr_text(),
    extra=(("见证人", "Witness", "王芳（女儿）"),),
    face_jpeg=_face(),
    retiree_signature_png=signature_png(1),
)


@pytest.mark.parametrize("layout", ["a4", "roll80"])
def test_receipt_text_font_and_qr_survive_rendering(layout: str) -> None:
    pdf = receipt_pdf(DATA, layout)
    text = pdf_text(pdf)
    for expected in ("社会保险事业管理中心", "资格认证凭证", "张秀英", "130402********1220", "认证通过", "女",
                     "丛台区", "第三采集组", "李明", "王芳", "3FA2C1-2026-R000017", "0123456789abcdef",
                     "Pension eligibility certification receipt"):  # fmt: skip
        assert expected in text.replace("\n", ""), expected
    assert "复印件" not in text and "COPY" not in text
    fonts = pdf_fonts(pdf)
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts  # nothing left to the viewer's fonts
    assert any("WenQuanYi" in f["name"] or "YaHei" in f["name"] or "SimSun" in f["name"] for f in fonts)
    assert find_qr_texts(render(pdf, dpi=150)[0]) == [DATA.qr_text]
    # note: 200 dpi scaled by 0.7-0.8 is a photo of ~140-160 dpi, below what a phone photo of the
    # whole page gives (~300 dpi); at ~100 dpi decoders start to miss blurred codes.
    page = render(pdf, dpi=200)[0]
    for angle, scale in ((8, 0.8), (-14, 0.7), (90, 0.75)):
        photo = photo_like(page, angle=angle, scale=scale, seed=abs(angle))
        assert find_qr_texts(photo) == [DATA.qr_text], (angle, scale)


def test_sizes_and_pages() -> None:
    width, height = page_size_mm(receipt_pdf(DATA, "a4"))
    assert (round(width), round(height)) == (210, 297)
    roll = receipt_pdf(DATA, "roll80")
    width, height = page_size_mm(roll)
    assert round(width) == 80 and 150 < height < 400
    longer = receipt_pdf(dataclasses.replace(DATA, extra=DATA.extra * 4), "roll80")
    assert page_size_mm(longer)[1] > height  # the roll grows with its content instead of clipping it
    assert len(render(roll, dpi=50)) == 1
    with pytest.raises(ValueError):
        receipt_pdf(DATA, "letter")


def test_nothing_is_clipped_on_the_roll() -> None:
    """The last printed line sits above the bottom margin and the content fills the width."""
    page = render(receipt_pdf(DATA, "roll80"), dpi=100)[0]
    ink_rows = np.flatnonzero((page.min(axis=2) < 128).any(axis=1))
    ink_cols = np.flatnonzero((page.min(axis=2) < 128).any(axis=0))
    margin = 4 / 25.4 * 100  # 4 mm at 100 dpi
    assert ink_rows[0] >= margin * 0.8 and page.shape[0] - ink_rows[-1] > margin
    assert ink_cols[0] >= margin * 0.8 and page.shape[1] - ink_cols[-1] >= margin * 0.8


def test_a_reprint_is_marked_as_a_copy_on_both_layouts() -> None:
    copy = dataclasses.replace(DATA, copy_number=2)
    for layout in ("a4", "roll80"):
        pdf = receipt_pdf(copy, layout)
        text = pdf_text(pdf, raw=True)
        assert "复印件 第2次补打" in text and "COPY (reprint 2)" in text
        assert find_qr_texts(render(pdf, dpi=150)[0]) == [DATA.qr_text]  # the watermark spares the code
    assert "复印件" in pdf_text(receipt_pdf(dataclasses.replace(DATA, is_copy=True), "a4"), raw=True)


def test_chinese_only_and_no_pictures() -> None:
    plain = dataclasses.replace(
        DATA, english=False, face_jpeg=None, retiree_signature_png=None, operator_signature_png=None
    )
    text = pdf_text(receipt_pdf(plain, "a4"))
    assert "张秀英" in text and "Receipt No." not in text and "Pension" not in text
    assert "无照片" in text  # an empty photo box says so rather than looking like a printing fault
    assert b"/Subtype /Image" not in receipt_pdf(plain, "a4")
    assert receipt_pdf(DATA, "a4").count(b"/Subtype /Image") == 2  # face and signature


def test_same_content_gives_the_same_bytes() -> None:
    assert receipt_pdf(DATA, "a4") == receipt_pdf(DATA, "a4")


def test_a_broken_picture_is_a_clear_error() -> None:
    with pytest.raises(ImageUnreadable):
        receipt_pdf(dataclasses.replace(DATA, face_jpeg=b"not a jpeg"), "a4")
    with pytest.raises(ImageUnreadable):
        receipt_pdf(dataclasses.replace(DATA, retiree_signature_png=os.urandom(64)), "roll80")


def test_signature_goes_on_white_and_is_cropped_to_its_ink() -> None:
    image = signature_image(signature_png(3))
    assert image.shape[2] == 3 and image.shape[1] < 900 and image.shape[0] < 300
    corners = [image[0, 0], image[0, -1], image[-1, 0], image[-1, -1]]
    assert all(int(c.min()) > 240 for c in corners)  # transparent became white, not black
    assert int(image.min()) < 60  # and the ink is still there


def test_a_crowded_a4_copy_still_fits_and_scans() -> None:
    """Four extra rows and the COPY stamp: rows tighten and the code shrinks, but nothing overlaps."""
    extra = (
        ("见证人", "Witness", "王芳（女儿）"),
        ("受托机构", "Office", "天津市和平区社会保险服务中心"),
        ("提交材料", "Documents", "退休证、身份证、协助认证表"),
        ("无证审批", "No-card approval", "CT-2026-0017（县社保局 赵主任）"),
    )
    crowded = dataclasses.replace(DATA, extra=extra, copy_number=3, operator_signature_png=signature_png(2))
    pdf = receipt_pdf(crowded, "a4")
    assert len(render(pdf, dpi=30)) == 1
    text = pdf_text(pdf).replace("\n", "")
    assert "天津市和平区社会保险服务中心" in text and "CT-2026-0017" in text
    page = render(pdf, dpi=150)[0]
    assert find_qr_texts(page) == [DATA.qr_text]
    # both horizontal edges of the retiree's signature box are drawn in full (18 mm margin, box
    # 84 mm wide at 150 dpi: columns 110-600), and the code begins below the lower one
    grey = page.min(axis=2)
    edges = np.flatnonzero((grey[:, 115:595] < 200).mean(axis=1) > 0.97)
    ok, corners = cv2.QRCodeDetectorAruco().detect(grey)
    assert ok and edges.size >= 2
    assert edges.max() < corners[..., 1].min() - 8
