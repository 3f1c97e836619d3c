"""Bytes and arrays become 8-bit grey images, or a ``BadImage`` naming what is wrong: capture files come
from USB sticks and vendor SDKs, so empty, truncated, foreign and absurdly large inputs must all be
refused clearly (never a ``None`` or a raw OpenCV error, never a gigabyte allocation).
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest

from matching.errors import BadImage, MatchingError
from matching.image_io import MAX_PIXELS, as_grey, decode_grey, read_grey


@pytest.fixture(scope="module")
def grey() -> np.ndarray:
    """A 48×64 gradient with every grey level from 0 to 250 (distinct rows and columns)."""
    return (np.arange(48 * 64) % 251).astype(np.uint8).reshape(48, 64)


@pytest.fixture(scope="module")
def png(grey: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", grey)
    assert ok
    return encoded.tobytes()


@pytest.fixture(scope="module")
def jpeg(grey: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".jpg", grey)
    assert ok
    return encoded.tobytes()


def _bad(call, *args) -> BadImage:  # type: ignore[no-untyped-def]
    with pytest.raises(BadImage) as caught:
        call(*args)
    assert isinstance(caught.value, MatchingError)
    assert caught.value.message  # something to show the operator
    return caught.value


# --------------------------------------------------------------------------------------- decode_grey


def test_png_and_jpeg_decode_to_the_same_grey_image(grey: np.ndarray, png: bytes, jpeg: bytes) -> None:
    decoded = decode_grey(png)
    assert decoded.dtype == np.uint8 and decoded.shape == grey.shape
    assert np.array_equal(decoded, grey)  # PNG is lossless
    lossy = decode_grey(jpeg)
    assert lossy.dtype == np.uint8 and lossy.shape == grey.shape
    assert np.abs(lossy.astype(int) - grey.astype(int)).mean() < 10


def test_empty_bytes_are_refused() -> None:
    assert _bad(decode_grey, b"").code == "image.empty"


def test_random_bytes_are_undecodable() -> None:
    data = np.random.default_rng(0).bytes(2000)
    assert _bad(decode_grey, data).code == "image.undecodable"


def test_text_is_undecodable() -> None:
    assert _bad(decode_grey, b"not an image").code == "image.undecodable"


@pytest.mark.parametrize("keep", [8, 24, 40])
def test_truncated_png_is_a_clear_error(png: bytes, keep: int) -> None:
    error = _bad(decode_grey, png[:keep])
    assert error.code == "image.undecodable"


def test_truncated_jpeg_is_a_clear_error(jpeg: bytes) -> None:
    assert _bad(decode_grey, jpeg[: len(jpeg) // 2]).code == "image.undecodable"


def test_png_claiming_huge_size_is_refused_before_decoding(png: bytes) -> None:
    patched = bytearray(png)
    assert patched[12:16] == b"IHDR"
    patched[16:24] = struct.pack(">II", 20000, 20000)  # 400 Mpx; the CRC of IHDR is left wrong on purpose
    error = _bad(decode_grey, bytes(patched))
    assert error.code == "image.too_large"


def test_jpeg_claiming_huge_size_is_refused(jpeg: bytes) -> None:
    patched = bytearray(jpeg)
    sof = patched.find(b"\xff\xc0")  # baseline start-of-frame: length(2) precision(1) height(2) width(2)
    assert sof > 0
    assert struct.unpack(">HH", patched[sof + 5 : sof + 9]) == (48, 64)
    patched[sof + 5 : sof + 9] = struct.pack(">HH", 30000, 30000)
    assert _bad(decode_grey, bytes(patched)).code == "image.too_large"


def test_size_limit_is_about_pixels_not_one_side(png: bytes) -> None:
    """A long thin header (20000×100 = 2 Mpx) is plausible and must not be refused as too large."""
    patched = bytearray(png)
    patched[16:24] = struct.pack(">II", 20000, 100)
    assert 20000 * 100 < MAX_PIXELS
    with pytest.raises(BadImage) as caught:  # the rest of the file no longer fits the header
        decode_grey(bytes(patched))
    assert caught.value.code != "image.too_large"


# ------------------------------------------------------------------------------------------ as_grey


def test_grey_uint8_passes_through(grey: np.ndarray) -> None:
    out = as_grey(grey)
    assert out.dtype == np.uint8 and np.array_equal(out, grey)


def test_bgr_is_converted(grey: np.ndarray) -> None:
    out = as_grey(np.dstack([grey, grey, grey]))
    assert out.shape == grey.shape and out.dtype == np.uint8
    assert np.abs(out.astype(int) - grey.astype(int)).max() <= 1


def test_bgr_channels_are_weighted_as_bgr() -> None:
    """Pure blue, green and red of equal level: green is brightest and blue darkest in luma."""
    blue, green, red = (np.zeros((40, 40, 3), np.uint8) for _ in range(3))
    blue[..., 0] = green[..., 1] = red[..., 2] = 200
    levels = [int(as_grey(image).mean()) for image in (blue, green, red)]
    assert levels[0] < levels[2] < levels[1]


def test_bgra_is_converted(grey: np.ndarray) -> None:
    bgra = np.dstack([grey, grey, grey, np.full_like(grey, 255)])
    out = as_grey(bgra)
    assert out.shape == grey.shape and out.dtype == np.uint8
    assert np.abs(out.astype(int) - grey.astype(int)).max() <= 1


def test_single_channel_3d_is_squeezed(grey: np.ndarray) -> None:
    out = as_grey(grey[:, :, None])
    assert out.shape == grey.shape and np.array_equal(out, grey)


def test_uint16_is_scaled_to_8_bit(grey: np.ndarray) -> None:
    out = as_grey(grey.astype(np.uint16) * 257)  # full 16-bit range
    assert out.dtype == np.uint8 and np.array_equal(out, grey)


def test_uint16_bgr_is_converted(grey: np.ndarray) -> None:
    out = as_grey(np.dstack([grey, grey, grey]).astype(np.uint16) * 257)
    assert out.dtype == np.uint8 and np.abs(out.astype(int) - grey.astype(int)).max() <= 1


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_in_unit_range_is_scaled(grey: np.ndarray, dtype: type) -> None:
    out = as_grey(grey.astype(dtype) / 255.0)
    assert out.dtype == np.uint8 and out.shape == grey.shape
    assert np.abs(out.astype(int) - grey.astype(int)).max() <= 1
    extremes = as_grey(np.tile(np.array([0.0, 1.0], dtype=dtype), (40, 20)))
    assert extremes.min() == 0 and extremes.max() == 255


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_bgr_is_converted(grey: np.ndarray, dtype: type) -> None:
    """The docstring promises BGR arrays of float; float64 is numpy's default float type."""
    out = as_grey(np.dstack([grey, grey, grey]).astype(dtype) / 255.0)
    assert out.dtype == np.uint8 and out.shape == grey.shape
    assert np.abs(out.astype(int) - grey.astype(int)).max() <= 1


def test_float_with_nan_does_not_crash() -> None:
    image = np.full((40, 40), 0.5, np.float32)
    image[0, 0] = np.nan
    out = as_grey(image)
    assert out.dtype == np.uint8 and out.shape == (40, 40)


def test_four_dimensional_array_is_refused() -> None:
    assert _bad(as_grey, np.zeros((2, 48, 64, 3), np.uint8)).code == "image.shape"


def test_two_channel_array_is_refused() -> None:
    assert _bad(as_grey, np.zeros((48, 64, 2), np.uint8)).code == "image.shape"


def test_one_dimensional_array_is_refused() -> None:
    assert _bad(as_grey, np.zeros(4096, np.uint8)).code == "image.shape"


def test_tiny_image_is_refused() -> None:
    assert _bad(as_grey, np.zeros((10, 10), np.uint8)).code == "image.too_small"
    assert _bad(as_grey, np.zeros((10, 200), np.uint8)).code == "image.too_small"


@pytest.mark.parametrize("shape", [(0, 0), (0, 64), (48, 0, 3)])
def test_empty_array_is_refused(shape: tuple[int, ...]) -> None:
    assert _bad(as_grey, np.zeros(shape, np.uint8)).code == "image.empty"


def test_unsupported_pixel_type_is_refused() -> None:
    assert _bad(as_grey, np.zeros((48, 64), np.int32)).code == "image.dtype"
    assert _bad(as_grey, np.zeros((48, 64), bool)).code == "image.dtype"


# ----------------------------------------------------------------------------------------- read_grey


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    error = _bad(read_grey, tmp_path / "missing.png")
    assert error.code == "image.unreadable"
    assert "missing.png" in error.message


def test_folder_is_unreadable(tmp_path: Path) -> None:
    assert _bad(read_grey, tmp_path).code == "image.unreadable"


def test_non_ascii_file_name(tmp_path: Path, grey: np.ndarray, png: bytes) -> None:
    path = tmp_path / "张伟_手掌_01.png"
    path.write_bytes(png)
    assert np.array_equal(read_grey(path), grey)
    assert np.array_equal(read_grey(str(path)), grey)


def test_read_grey_refuses_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.png"
    path.write_bytes(b"")
    assert _bad(read_grey, path).code == "image.empty"
