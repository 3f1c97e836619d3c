"""Preparing pictures for paper: the face thumbnail and the handwritten signatures.

Why prepare them at all: a face sample is a whole webcam frame (the face roughly centred), which as a
thumbnail would be mostly background; and a signature pad gives a large, mostly empty (often
transparent) canvas, which printed as it is would show a tiny scribble or a black box on printers
that ignore transparency. So the face is cut to a 3:4 portrait around the centre and scaled down
(a small PDF prints fast on a thermal printer), and a signature is put on white and cropped to its
ink. Images are decoded with OpenCV with a pixel-count limit, since they come from outside.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import numpy.typing as npt
from reportlab.lib.utils import ImageReader

from reports.errors import ImageUnreadable

MAX_PIXELS = 40_000_000  # a 40-megapixel scan is the largest picture anyone should hand us
PHOTO_SIZE = (240, 320)  # width, height of the printed thumbnail's pixels (3:4)
SIGNATURE_MAX_WIDTH = 600

Image = npt.NDArray[np.uint8]


def decode_image(data: bytes, *, what: str = "image", keep_alpha: bool = False) -> Image:
    """Decode PNG/JPEG/BMP bytes into a BGR (or BGRA) array; raises ImageUnreadable."""
    if not data:
        raise ImageUnreadable(f"The {what} is empty.", what=what)
    flags = cv2.IMREAD_UNCHANGED if keep_alpha else cv2.IMREAD_COLOR
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        image = cv2.imdecode(buffer, flags)  # note: refuses > OPENCV_IO_MAX_IMAGE_PIXELS before decoding
    except cv2.error:
        image = None
    if image is None or image.size == 0:
        raise ImageUnreadable(f"The {what} is not a readable image.", what=what)
    if image.shape[0] * image.shape[1] > MAX_PIXELS:
        raise ImageUnreadable(f"The {what} is too large ({image.shape[1]}x{image.shape[0]}).", what=what)
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 4 and not keep_alpha:
        image = image[:, :, :3]
    return np.asarray(image, dtype=np.uint8)


def _reader(image: Image) -> ImageReader:
    """As JPEG, which reportlab puts into the PDF as it is (no decoding and recompressing)."""
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 88])
    if not ok:
        raise ImageUnreadable("A picture could not be prepared for printing.")
    return ImageReader(io.BytesIO(encoded.tobytes()))


def portrait(image: Image) -> Image:
    """The centred 3:4 (portrait) part of a frame, scaled to :data:`PHOTO_SIZE`."""
    height, width = image.shape[:2]
    target = 3 / 4
    if width / height > target:
        new_width = max(1, round(height * target))
        left = (width - new_width) // 2
        image = image[:, left : left + new_width]
    else:
        new_height = max(1, round(width / target))
        top = (height - new_height) // 2
        image = image[top : top + new_height]
    return np.asarray(cv2.resize(image, PHOTO_SIZE, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def photo_reader(jpeg_or_png: bytes) -> ImageReader:
    """The face thumbnail, ready for ``canvas.drawImage``."""
    return _reader(portrait(decode_image(jpeg_or_png, what="face photo")))


def signature_image(png: bytes) -> Image:
    """A signature on white, cropped to its ink (with a small margin), at most 600 pixels wide."""
    image = decode_image(png, what="signature", keep_alpha=True)
    if image.shape[2] == 4:
        ink = image[:, :, 3] > 40
    else:
        ink = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) < 160
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size:  # crop first: the pad is mostly empty, and everything after is per pixel
        margin = max(4, int(rows[-1] - rows[0]) // 10)
        top, bottom = max(0, rows[0] - margin), min(ink.shape[0], rows[-1] + margin + 1)
        left, right = max(0, cols[0] - margin), min(ink.shape[1], cols[-1] + margin + 1)
        image = image[top:bottom, left:right]
    if image.shape[2] == 4:  # on white: printers (and some viewers) show transparent pixels as black
        alpha = image[:, :, 3:4].astype(np.uint16)
        image = ((image[:, :, :3] * alpha + 255 * (255 - alpha)) // 255).astype(np.uint8)
    if image.shape[1] > SIGNATURE_MAX_WIDTH:
        scale = SIGNATURE_MAX_WIDTH / image.shape[1]
        image = np.asarray(
            cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
        )
    return np.asarray(image, dtype=np.uint8)


def signature_reader(png: bytes) -> tuple[ImageReader, float]:
    """The signature ready for drawing, and its width/height ratio (to fit it into its box)."""
    image = signature_image(png)
    return _reader(image), image.shape[1] / max(1, image.shape[0])
