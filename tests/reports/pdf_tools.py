"""Looking at PDFs the way a person would: poppler renders the pages and extracts the text layer,
``pdffonts`` says which fonts are embedded, and ``reports.qr_scan`` reads QR codes off the rendered pixels.

Shared by the library tests and the application tests (``tests/fieldkit``). Nothing is skipped when
poppler is missing: ``.ci/run`` installs ``poppler-utils``, and a receipt nobody has rendered is not
a tested receipt.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]


def _with_file(pdf: bytes, *command: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([*command, str(path), "-"], capture_output=True, check=True, timeout=60)
        return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes, *, raw: bool = False) -> str:
    """The text layer, as ``pdftotext`` extracts it (what search and copy-paste would see).

    ``raw`` keeps each text run whole in drawing order; tilted text (the COPY stamp) needs it, as the
    layout mode cuts it into pieces.
    """
    return _with_file(pdf, "pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []))


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type, emb (yes/no), sub, uni."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in lines.splitlines()[2:]:
        parts = line.split()
        # name type [type...] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def render(pdf: bytes, dpi: int = 150) -> list[Image]:
    """Every page as a BGR image, rendered by ``pdftoppm``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(Path(folder) / "p")], check=True)
        pages = sorted(Path(folder).glob("p*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [np.asarray(cv2.imread(str(p), cv2.IMREAD_COLOR), dtype=np.uint8) for p in pages]


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    """Width and height of the first page in millimetres (``pdfinfo``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return float(size[2]) * 25.4 / 72, float(size[4]) * 25.4 / 72


def photo_like(image: Image, *, angle: float, scale: float, seed: int = 0) -> Image:
    """A phone-photo-like copy: padded to a square, tilted, scaled, blurred, dimmed, noisy, JPEG'd."""
    side = max(image.shape[:2])
    canvas = np.full((side, side, 3), 255, dtype=np.uint8)
    top, left = (side - image.shape[0]) // 2, (side - image.shape[1]) // 2
    canvas[top : top + image.shape[0], left : left + image.shape[1]] = image
    matrix = cv2.getRotationMatrix2D((side / 2, side / 2), angle, scale)
    turned = cv2.warpAffine(canvas, matrix, (side, side), borderValue=(190, 185, 180))
    blurred = cv2.GaussianBlur(turned, (5, 5), 0)
    noise = np.random.default_rng(seed).normal(0, 6, blurred.shape)
    dimmed = np.clip(blurred.astype(np.float64) * 0.8 + 25 + noise, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", dimmed, [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    return np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_COLOR), dtype=np.uint8)


def png_bytes(image: Image) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return bytes(data.tobytes())


def signature_png(seed: int = 0, *, width: int = 900, height: int = 300) -> bytes:
    """A transparent signing-pad PNG with one wavy stroke (what the GUI's pad produces)."""
    rng = np.random.default_rng(seed)
    image = np.zeros((height, width, 4), dtype=np.uint8)
    xs = np.linspace(80, width - 80, 120)
    ys = height / 2 + 60 * np.sin(xs / (35 + 10 * rng.random()))
    points = np.stack([xs, ys], axis=1).astype(np.int32)
    cv2.polylines(image, [points], False, (30, 30, 30, 255), 7, cv2.LINE_AA)
    return png_bytes(image)
