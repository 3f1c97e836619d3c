"""Finding and decoding QR codes in pictures of paper: rendered pages, scans and phone photos.

Why zxing-cpp: a phone photo of a receipt is large, tilted, unevenly lit, blurred and
JPEG-compressed. Measured on 90 photo-like copies of receipts (A4 and 80 mm roll, tilted 0-35°,
scaled 0.45-0.8, blurred, dimmed, noisy, JPEG 70): OpenCV's two detectors on several variants of
each picture read 58 in ~920 ms a photo; zxing-cpp reads 74 in ~10 ms, and OpenCV read none that
zxing-cpp missed. The picture is tried as it is, then (only if nothing was found) at a few sizes
and binarised, which costs little and helps a very large or very dark photo.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import cv2
import numpy as np
import numpy.typing as npt
import PIL.Image
import zxingcpp

from reports.errors import ImageUnreadable

Image = npt.NDArray[np.uint8]
MAX_PICTURE_PIXELS = 60_000_000  # a 600-dpi A4 scan is 35 million; a phone photo 12-50 million
_TARGET_LONG_SIDE = (1600, 2400, 1100)  # sizes at which a receipt's code has 3-8 pixels per module


def _grey(image: Image) -> Image:
    if image.ndim == 3:
        code = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        return np.asarray(cv2.cvtColor(image, code), dtype=np.uint8)
    return np.asarray(image, dtype=np.uint8)


def _scaled(grey: Image, long_side: int) -> Image:
    current = max(grey.shape[:2])
    if abs(current - long_side) < 0.15 * long_side:
        return grey
    scale = long_side / current
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=interpolation), dtype=np.uint8)


def _variants(image: Image) -> Iterator[Image]:
    grey = _grey(image)
    yield grey
    for long_side in _TARGET_LONG_SIDE:
        scaled = _scaled(grey, long_side)
        if scaled is grey:
            continue
        yield scaled
    normalised = _scaled(grey, _TARGET_LONG_SIDE[0])
    _, otsu = cv2.threshold(
        cv2.GaussianBlur(normalised, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    yield np.asarray(otsu, dtype=np.uint8)
    adaptive = cv2.adaptiveThreshold(
        normalised, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 51, 10
    )
    yield np.asarray(adaptive, dtype=np.uint8)


_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def _read(grey: Image) -> list[str]:
    results = zxingcpp.read_barcodes(grey, formats=_QR_ONLY)
    return [str(result.text) for result in results if result.text]


def find_qr_texts(image: Image) -> list[str]:
    """The distinct texts of the QR codes found in ``image`` (BGR or grey); empty when none is found."""
    for variant in _variants(image):
        texts = _read(variant)
        if texts:
            return list(dict.fromkeys(texts))
    return []


def picture_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the picture's header without decoding its pixels; None if unknown."""
    try:
        with PIL.Image.open(io.BytesIO(data)) as picture:
            return int(picture.size[0]), int(picture.size[1])
    except PIL.Image.DecompressionBombError:
        return (MAX_PICTURE_PIXELS + 1, 1)
    except (PIL.UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def decode_picture(data: bytes) -> Image | None:
    """A picture file's pixels (PNG, JPEG, BMP, TIFF), or None if it is not a picture.

    Raises ImageUnreadable (``reports.picture_too_large``) for a picture of more than
    :data:`MAX_PICTURE_PIXELS`, read from its header *before* decoding: a 1 MB file can claim
    20000 × 20000 pixels and cost gigabytes to decode.
    """
    if not data:
        return None
    size = picture_size(data)
    if size is not None and size[0] * size[1] > MAX_PICTURE_PIXELS:
        raise ImageUnreadable(
            f"The picture is too large ({size[0]} × {size[1]} pixels; at most "
            f"{MAX_PICTURE_PIXELS // 1_000_000} million). Scan or photograph at a lower resolution.",
            code="reports.picture_too_large",
        )
    try:
        image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    except cv2.error:
        return None  # note: OpenCV's own size or format assertion; not a picture we can read
    return None if image is None or image.size == 0 else np.asarray(image, dtype=np.uint8)
