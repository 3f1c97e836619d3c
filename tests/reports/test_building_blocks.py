"""The pieces under every document: the CJK font search (and its error when nothing is found), the
QR encoder (same modules as reportlab's own, and readable), Chinese line wrapping, QR reading from
pictures, and PDF rendering (PDFium, no external program)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from reportlab.graphics.barcode import qrencoder

from reports import fonts
from reports.errors import FontNotFound, RasterError
from reports.layout import width_of, wrap
from reports.qr import FastQRCode, _create_data, penalty, qr_matrix
from reports.qr_scan import decode_picture, find_qr_texts
from reports.raster import pdf_to_pngs

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture
def fresh_font_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget the process-wide font choice for the test, and find the real one again afterwards."""
    fonts.forget_registered_font()
    yield
    monkeypatch.undo()
    fonts.forget_registered_font()
    fonts.register_cjk_font()


def test_no_cjk_font_is_an_error_naming_every_place_looked(
    fresh_font_search: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "_LINUX_ROOTS", (str(tmp_path / "fonts"),))
    environ = {fonts.FONT_ENV: str(tmp_path / "missing.ttc"), "WINDIR": str(tmp_path / "Windows")}
    with pytest.raises(FontNotFound) as info:
        fonts.register_cjk_font(environ)
    message = info.value.message
    assert str(tmp_path / "missing.ttc") in message
    assert str(Path(tmp_path / "Windows" / "Fonts" / "msyh.ttc")) in message
    assert str(tmp_path / "fonts" / "truetype/wqy/wqy-microhei.ttc") in message
    assert "fonts-wqy-microhei" in message and fonts.FONT_ENV in message
    assert info.value.code == "reports.no_cjk_font"


def test_override_is_used_first_and_a_latin_only_font_is_refused(
    fresh_font_search: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "_LINUX_ROOTS", (str(tmp_path),))
    with pytest.raises(FontNotFound) as info:
        fonts.register_cjk_font({fonts.FONT_ENV: DEJAVU})
    assert f"{DEJAVU}: has no Chinese characters" in info.value.message
    fonts.forget_registered_font()
    chosen = fonts.register_cjk_font({fonts.FONT_ENV: f"{WQY}#0"})
    assert chosen.path == WQY and chosen.subfont == 0
    assert fonts.has_glyphs("张秀英") and not fonts.has_glyphs("\U0002a6a5")  # an Extension-B character


def test_windows_locations_come_before_linux_ones() -> None:
    paths = [p for p, _ in fonts.candidate_paths({"WINDIR": "C:\\Windows", "LOCALAPPDATA": "C:\\Users\\a"})]
    assert paths[0].endswith("msyh.ttc") and "Windows" in paths[0]
    assert any(p.endswith("simsun.ttc") for p in paths)
    assert paths.index(next(p for p in paths if "wqy" in p)) > paths.index(paths[0])


def _text(seed: int, size: int = 280) -> str:
    rng = np.random.default_rng(seed)
    return "FK1:" + base64.urlsafe_b64encode(rng.bytes(size)).decode().rstrip("=") + "." + "A" * 86


@pytest.mark.parametrize("seed", range(4))
def test_fast_encoder_places_exactly_reportlabs_modules(seed: int) -> None:
    text = _text(seed, 250 + 10 * seed)
    reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    reference.addData(text)
    reference.version = reference.calculate_version()
    fast = FastQRCode(text)
    fast.version = reference.version
    fast.dataCache = _create_data(fast.version, fast.errorCorrectLevel, fast.dataList)
    assert fast.dataCache == qrencoder.QRCode.createData(
        reference.version, reference.errorCorrectLevel, reference.dataList
    )
    for mask in range(8):
        reference.makeImpl(False, mask)
        fast.makeImpl(False, mask)
        assert np.array_equal(np.array(reference.modules), np.array(fast.modules)), mask


def test_mask_choice_is_the_lowest_penalty_of_the_eight() -> None:
    for seed in range(3):
        code = FastQRCode(_text(20 + seed))
        code.version = int(code.calculate_version())
        code.dataCache = _create_data(code.version, code.errorCorrectLevel, code.dataList)
        chosen = code.getBestMaskPattern()
        scores = []
        for mask in range(8):  # the slow way: every candidate laid out in full
            code.makeImpl(True, mask)
            scores.append(penalty(np.array(code.modules, dtype=bool)))
        assert chosen == int(np.argmin(scores))


def test_encoded_codes_read_back() -> None:
    for seed in range(6):
        text = _text(10 + seed)
        matrix = qr_matrix(text)
        image = np.pad(np.where(matrix, 0, 255).astype(np.uint8), 4, constant_values=255)
        image = cv2.resize(image, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST)
        assert find_qr_texts(image) == [text]


def test_penalty_counts_the_standard_rules() -> None:
    stripes = np.zeros((21, 21), dtype=bool)
    stripes[::2] = True  # rows alternate all dark / all light: runs of 21 along rows, none down columns
    n1_rows = 21 * (3 + 21 - 5)
    assert penalty(stripes) == n1_rows + 0 + 0 + 0  # no 2x2 blocks, no finder-like runs, 52 % dark
    solid = np.ones((21, 21), dtype=bool)
    assert penalty(solid) == 2 * 21 * (3 + 16) + 3 * 20 * 20 + 10 * (50 // 5)


def test_wrapping_breaks_chinese_anywhere_and_keeps_words() -> None:
    text = "河北省邯郸市丛台区人民路社区服务中心第三工作组 Team 3 of the Congtai community office"
    lines = wrap(text, 10, 120)
    assert all(width_of(line, 10) <= 120 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any(line.endswith("Team 3 of") or "Congtai" in line for line in lines)
    assert wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10, 60)[0].startswith("ABCD")  # cut only if needed
    assert wrap("", 10, 60) == [""]


def test_pictures_without_codes_and_things_that_are_not_pictures() -> None:
    blank = np.full((400, 300, 3), 255, dtype=np.uint8)
    assert find_qr_texts(blank) == []
    assert decode_picture(b"%PDF-1.4 not a picture") is None
    assert decode_picture(b"") is None


def test_pdf_rendering_needs_no_external_program_and_names_a_damaged_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")  # note: no pdftoppm or any other program to be found
    pages = pdf_to_pngs(_one_page_pdf(), dpi=72)
    image = cv2.imdecode(np.frombuffer(pages[0], np.uint8), cv2.IMREAD_COLOR)
    height, width = image.shape[:2]
    assert len(pages) == 1 and abs(height - 842) <= 1 and abs(width - 595) <= 1  # A4 at 72 dpi
    for broken in (b"%PDF-1.4 this is no PDF at all", b"", b"%PDF-1.4"):
        with pytest.raises(RasterError) as damaged:
            pdf_to_pngs(broken)
        assert damaged.value.code == "reports.bad_pdf"


def _one_page_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(100, 700, "fieldkit")
    page.save()
    return buffer.getvalue()
