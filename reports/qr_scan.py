"""Finding and decoding QR codes in pictures of paper: rendered pages, scans and phone photos.

Why several attempts: OpenCV's detectors are fast but particular. On clean, perfectly sharp codes the
classic ``QRCodeDetector`` still misses roughly one in six of our receipt codes (it misreads the
finder patterns for some masks), while the ArUco-based ``QRCodeDetectorAruco`` reads them; a phone
photo is large, tilted, unevenly lit and JPEG-compressed. So each picture is tried with both
detectors on a few cheap variants (the picture itself, scaled to a sensible size, binarised), and the
search stops at the first variant that yields a code.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
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


def _decode(detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco, grey: Image) -> list[str]:
    found: list[str] = []
    try:
        ok, texts, _points, _straight = detector.detectAndDecodeMulti(grey)
        if ok:
            found = [str(t) for t in texts if t]
    except cv2.error:
        pass  # note: OpenCV raises on some degenerate candidate quadrangles; that is "not found"
    if not found:
        try:
            single = detector.detectAndDecode(grey)[0]
        except cv2.error:
            single = ""
        found = [str(single)] if single else []
    return found


def _crops(detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco, grey: Image) -> Iterator[Image]:
    """Where a code was seen but not read: its region, enlarged to ~8 pixels per module and binarised."""
    try:
        ok, points = detector.detectMulti(grey)
    except cv2.error:
        ok, points = False, None
    if not ok or points is None:
        return
    for quad in np.asarray(points, dtype=np.float32).reshape(-1, 4, 2):
        (left, top), (right, bottom) = quad.min(axis=0), quad.max(axis=0)
        margin = 0.15 * max(right - left, bottom - top)
        top_i, left_i = max(0, int(top - margin)), max(0, int(left - margin))
        bottom_i, right_i = min(grey.shape[0], int(bottom + margin)), min(grey.shape[1], int(right + margin))
        crop = grey[top_i:bottom_i, left_i:right_i]
        if crop.size == 0:
            continue
        enlarged = _scaled(crop, 900)
        yield enlarged
        _, otsu = cv2.threshold(enlarged, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        yield np.asarray(otsu, dtype=np.uint8)


def find_qr_texts(image: Image) -> list[str]:
    """The distinct texts of the QR codes found in ``image`` (BGR or grey); empty when none is found."""
    detectors = (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector())
    for variant in _variants(image):
        for detector in detectors:
            texts = _decode(detector, variant)
            if texts:
                return list(dict.fromkeys(texts))
        for detector in detectors:
            for crop in _crops(detector, variant):
                texts = [t for d in detectors for t in _decode(d, crop)]
                if texts:
                    return list(dict.fromkeys(texts))
    return []


def decode_picture(data: bytes) -> Image | None:
    """A picture file's pixels (PNG, JPEG, BMP, TIFF), or None if it is not a picture."""
    if not data:
        return None
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    return None if image is None or image.size == 0 else np.asarray(image, dtype=np.uint8)
