"""Turning bytes or arrays into greyscale images safely.

Why: capture files come from USB sticks and vendor SDKs, face images from laptops reach
headquarters. A file whose header claims 20000×20000 pixels must be refused before a decoder
allocates gigabytes, and an empty or truncated file must be a clear error, not a ``None`` that
crashes three calls later. :func:`decode_bounded` is the one place image bytes are decoded in
``matching`` and ``fieldkit``: it reads the size from the header (PNG, JPEG, BMP, TIFF, WebP, GIF)
and refuses any other format or too many pixels before OpenCV allocates anything.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import BadImage

MAX_PIXELS = 40_000_000  # a 40-megapixel capture is already far beyond any palm or face sensor
MAX_FILE_BYTES = 64 * 1024 * 1024
GreyImage = npt.NDArray[np.uint8]
Image = npt.NDArray[Any]  # note: uint8 except IMREAD_UNCHANGED of 16-bit files


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            pos += 1
            continue
        marker = data[pos + 1]
        if marker in (0xD8, 0x01, 0xFF) or 0xD0 <= marker <= 0xD7:
            pos += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return int(width), int(height)
        pos += 2 + length
    return None


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of the first image of a TIFF (or BigTIFF), from its first directory."""
    order = "<" if data[:2] == b"II" else ">"
    (version,) = struct.unpack(order + "H", data[2:4])
    big = version == 43
    try:
        if big:
            (offset,) = struct.unpack(order + "Q", data[8:16])
            (count,) = struct.unpack(order + "Q", data[offset : offset + 8])
            entry_size, start, head = 20, offset + 8, order + "HHQ"
        else:
            (offset,) = struct.unpack(order + "I", data[4:8])
            (count,) = struct.unpack(order + "H", data[offset : offset + 2])
            entry_size, start, head = 12, offset + 2, order + "HHI"
        found: dict[int, int] = {}
        for index in range(min(int(count), 4096)):
            at = start + index * entry_size
            tag, kind, _ = struct.unpack(head, data[at : at + struct.calcsize(head)])
            value_at = at + struct.calcsize(head)
            if tag in (256, 257):
                if kind == 3:
                    found[tag] = struct.unpack(order + "H", data[value_at : value_at + 2])[0]
                elif kind == 4:
                    found[tag] = struct.unpack(order + "I", data[value_at : value_at + 4])[0]
                elif kind == 16 and big:
                    found[tag] = struct.unpack(order + "Q", data[value_at : value_at + 8])[0]
    except struct.error:
        return None
    if 256 in found and 257 in found:
        return int(found[256]), int(found[257])
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width & 0x3FFF), int(height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return int(bits & 0x3FFF) + 1, int((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None


def image_dimensions(data: bytes) -> tuple[int, int] | None:
    """(width, height) declared by a PNG, JPEG, BMP, TIFF, WebP or GIF header, read without decoding;
    None if the format is not one of these or its header is unreadable."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"BM" and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+") and len(data) >= 16:
        return _tiff_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    return None


def check_image_size(data: bytes, *, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """Refuse image bytes before any decoder sees them: empty, over :data:`MAX_FILE_BYTES`, a format
    whose size cannot be read from its header (every decoder we allow is bounded this way), or more
    than ``max_pixels`` pixels. Returns (width, height).

    note: OpenCV's own limit (2^30 pixels) comes after the header too, but a 20000×20000 TIFF is
    under it and was decoded to 852 MB before being refused; this check costs microseconds.
    """
    if not data:
        raise BadImage("The image is empty (0 bytes).", code="image.empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadImage(f"The image file is too large ({len(data):,} bytes).", code="image.too_large")
    size = image_dimensions(data)
    if size is None:
        raise BadImage(
            "The data is not an image this program can read (PNG, JPEG, BMP, TIFF, WebP or GIF).",
            code="image.undecodable",
        )
    if size[0] * size[1] > max_pixels:
        raise BadImage(
            f"The image claims {size[0]}×{size[1]} pixels, far more than any capture device makes.",
            code="image.too_large",
        )
    return size


def decode_bounded(data: bytes, flags: int = cv2.IMREAD_COLOR, *, max_pixels: int = MAX_PIXELS) -> Image:
    """``cv2.imdecode`` behind :func:`check_image_size`: the one way image bytes become pixels here."""
    check_image_size(data, max_pixels=max_pixels)
    try:
        image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), flags)
    except cv2.error:
        image = None
    if image is None or image.size == 0:
        raise BadImage(
            "The data is not an image this program can read (or it is truncated).", code="image.undecodable"
        )
    if image.shape[0] * image.shape[1] > max_pixels:  # note: a header that lied about its size
        raise BadImage("The image has far more pixels than any capture device makes.", code="image.too_large")
    return np.asarray(image)


def decode_grey(data: bytes) -> GreyImage:
    """Decode image bytes (PNG, JPEG, BMP, TIFF, WebP, GIF) to 8-bit greyscale, refusing unsafe input."""
    return as_grey(decode_bounded(data, cv2.IMREAD_GRAYSCALE))


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
