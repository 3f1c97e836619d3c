"""Turning bytes or arrays into greyscale images safely.

Why: capture files come from USB sticks and vendor SDKs. A file whose header claims 20000×20000
pixels must be refused before a decoder allocates gigabytes, and an empty or truncated file must be
a clear error, not a ``None`` that crashes three calls later.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import BadImage

MAX_PIXELS = 40_000_000  # a 40-megapixel capture is already far beyond any palm or face sensor
MAX_FILE_BYTES = 64 * 1024 * 1024
GreyImage = npt.NDArray[np.uint8]


def _declared_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG or BMP header without decoding; None if not found."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"BM" and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    if data[:2] == b"\xff\xd8":
        pos = 2
        while pos + 9 < len(data):
            if data[pos] != 0xFF:
                pos += 1
                continue
            marker = data[pos + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                pos += 2
                continue
            length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
                return int(width), int(height)
            pos += 2 + length
    return None


def decode_grey(data: bytes) -> GreyImage:
    """Decode image bytes (PNG, JPEG, BMP, TIFF, ...) to 8-bit greyscale, refusing unsafe input."""
    if not data:
        raise BadImage("The image is empty (0 bytes).", code="image.empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadImage(f"The image file is too large ({len(data):,} bytes).", code="image.too_large")
    size = _declared_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise BadImage(
            f"The image claims {size[0]}×{size[1]} pixels, far more than any capture device makes.",
            code="image.too_large",
        )
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        image = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        image = None
    if image is None or image.size == 0:
        raise BadImage(
            "The data is not an image this program can read (or it is truncated).", code="image.undecodable"
        )
    return as_grey(image)


def read_grey(path: str | Path) -> GreyImage:
    """Read an image file as greyscale (works with non-ASCII paths on Windows)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BadImage(f"Cannot read {Path(path).name}: {exc.strerror}.", code="image.unreadable") from None
    return decode_grey(data)


def as_grey(image: npt.NDArray[np.generic]) -> GreyImage:
    """Accept grey, BGR or BGRA arrays of uint8/uint16/float and return 8-bit grey; refuse the rest."""
    if not isinstance(image, np.ndarray) or image.size == 0:
        raise BadImage("The image array is empty.", code="image.empty")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 3 and image.shape[2] in (3, 4):
        if image.dtype == np.float64:
            image = image.astype(np.float32)  # note: OpenCV's colour conversion has no float64
        conversion = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        image = cv2.cvtColor(np.ascontiguousarray(image), conversion)
    if image.ndim != 2:
        raise BadImage(
            f"An image must be 2-D (grey) or have 1, 3 or 4 channels, not shape {image.shape}.",
            code="image.shape",
        )
    if image.shape[0] < 32 or image.shape[1] < 32:
        raise BadImage(f"The image is too small ({image.shape[1]}×{image.shape[0]}).", code="image.too_small")
    if image.shape[0] * image.shape[1] > MAX_PIXELS:
        raise BadImage("The image has far more pixels than any capture device makes.", code="image.too_large")
    if image.dtype == np.uint8:
        return np.ascontiguousarray(image)
    if image.dtype == np.uint16:
        return np.asarray(np.right_shift(image.astype(np.uint16), 8), dtype=np.uint8)
    if np.issubdtype(image.dtype, np.floating):
        finite = np.nan_to_num(image.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
        top = float(finite.max()) if finite.size else 0.0
        scale = 255.0 if top <= 1.0 else 1.0
        return np.asarray(np.clip(finite * scale, 0, 255), dtype=np.uint8)
    raise BadImage(f"Pixel type {image.dtype} is not supported.", code="image.dtype")
