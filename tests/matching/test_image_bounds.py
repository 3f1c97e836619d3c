"""Every image decoder is bounded by pixel count before decoding: small files that claim
20000×20000 pixels (TIFF, WebP, PNG, JPEG, BMP, GIF) are refused from their header, and the
refusal costs no large allocation (peak memory of a fresh process measured, not assumed)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from matching.errors import BadImage
from matching.image_io import MAX_PIXELS, check_image_size, decode_bounded, decode_grey, image_dimensions

SIDE = 20_000


def _deflated_zeros(rows: int, row_bytes: int) -> bytes:
    """A complete image's worth of zero bytes, deflated (about 1/1000 of its size), made row by row."""
    packer, row, parts = zlib.compressobj(9), b"\x00" * row_bytes, []
    for _ in range(rows):
        parts.append(packer.compress(row))
    parts.append(packer.flush())
    return b"".join(parts)


def _png(width: int, height: int) -> bytes:
    """A valid greyscale PNG of width×height black pixels (under 1 MB on disk)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = _deflated_zeros(height, width + 1)  # each row: filter byte + pixels
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def _tiff(width: int, height: int, *, big_endian: bool = False) -> bytes:
    """A valid deflate-compressed greyscale TIFF of width×height black pixels (under 1 MB on disk),
    the kind of file that used to be decoded (852 MB) before its size was checked."""
    order = ">" if big_endian else "<"
    pixels = _deflated_zeros(height, width)
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (259, 3, 1, 8),  # deflate: a tiny file for a huge image
        (262, 3, 1, 1),
        (273, 4, 1, 8 + 2 + 12 * 9 + 4),
        (277, 3, 1, 1),
        (278, 4, 1, height),
        (279, 4, 1, len(pixels)),
    ]
    ifd = struct.pack(order + "H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack(order + "HH", value, 0) if kind == 3 else struct.pack(order + "I", value)
        ifd += struct.pack(order + "HHI", tag, kind, count) + packed  # SHORT values sit left-aligned
    ifd += struct.pack(order + "I", 0)
    head = (b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(order + "I", 8)
    return head + ifd + pixels


def _webp_vp8x(width: int, height: int) -> bytes:
    payload = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    chunk = b"VP8X" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def _webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 16
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def _jpeg(width: int, height: int) -> bytes:
    ok, data = cv2.imencode(".jpg", np.zeros((16, 16), np.uint8))
    assert ok
    raw = bytearray(data.tobytes())
    at = raw.index(b"\xff\xc0")
    raw[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(raw)


def _bmp(width: int, height: int) -> bytes:
    header = b"BM" + struct.pack("<IHHI", 54, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 0, 0, 0, 0)
    return header + info


BOMBS = {
    "tiff": _tiff(SIDE, SIDE),
    "tiff-big-endian": _tiff(SIDE, 4_000, big_endian=True),
    "webp-vp8x": _webp_vp8x(SIDE, SIDE),
    "webp-vp8l": _webp_vp8l(16_384, 16_384),
    "png": _png(SIDE, SIDE),
    "jpeg": _jpeg(SIDE, SIDE),
    "bmp": _bmp(SIDE, SIDE),
    "gif": b"GIF89a" + struct.pack("<HH", SIDE, SIDE) + b"\x00" * 20,
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_header_size_is_read_and_bombs_refused_before_decoding(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = BOMBS[name]
    width, height = image_dimensions(data) or (0, 0)
    assert width * height > MAX_PIXELS
    assert len(data) < 1_100_000

    def never(*_: object) -> None:
        raise AssertionError("the decoder ran on an image refused by its header")

    monkeypatch.setattr(cv2, "imdecode", never)
    with pytest.raises(BadImage) as refused:
        decode_bounded(data)
    assert refused.value.code == "image.too_large"
    with pytest.raises(BadImage):
        decode_grey(data)


def test_unknown_formats_are_refused_and_real_small_images_decode() -> None:
    with pytest.raises(BadImage) as unknown:
        check_image_size(b"P5\n20000 20000\n255\n" + b"\x00" * 100)  # PGM: no bounded reader here
    assert unknown.value.code == "image.undecodable"
    picture = np.random.default_rng(1).integers(0, 255, (120, 90, 3), dtype=np.uint8)
    for extension in (".png", ".jpg", ".bmp", ".tiff", ".webp"):
        ok, encoded = cv2.imencode(extension, picture)
        assert ok, extension
        data = encoded.tobytes()
        assert image_dimensions(data) == (90, 120), extension
        assert decode_bounded(data).shape[:2] == (120, 90)
        assert decode_grey(data).shape == (120, 90)


def test_refusing_every_bomb_stays_small_in_memory(tmp_path: Path) -> None:
    """A fresh process refuses all the bombs; its peak resident memory stays far below one decoded
    20000×20000 image (400 MB grey, 1.2 GB colour)."""
    folder = tmp_path / "bombs"
    folder.mkdir()
    for name, data in BOMBS.items():
        (folder / name).write_bytes(data)
    script = (
        "import json, resource, sys, pathlib\n"
        "from matching.errors import BadImage\n"
        "from matching.image_io import decode_bounded\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "refused = 0\n"
        "for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
        "    try:\n"
        "        decode_bounded(path.read_bytes())\n"
        "    except BadImage:\n"
        "        refused += 1\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'refused': refused, 'before_kb': before, 'after_kb': after}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["refused"] == len(BOMBS)
    assert figures["after_kb"] - figures["before_kb"] < 50_000  # under 50 MB of growth for all of them


def test_library_decoders_outside_matching_are_bounded_too(tmp_path: Path) -> None:
    """capture and reports may not import matching; they decode with OpenCV directly, which refuses
    more than OPENCV_IO_MAX_IMAGE_PIXELS (set by each package on import) before allocating."""
    bomb = tmp_path / "frame.png"  # a replay folder's frame that is really a 20000×20000 TIFF
    bomb.write_bytes(BOMBS["tiff"])
    script = (
        "import json, resource, sys, pathlib\n"
        "from capture.replay import _load_image\n"
        "from reports.qr_scan import decode_picture\n"
        "from reports.errors import ImageUnreadable\n"
        "from reports.images import decode_image\n"
        "data = pathlib.Path(sys.argv[1]).read_bytes()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "results = [_load_image(pathlib.Path(sys.argv[1])) is None]\n"
        "for decode in (decode_picture, decode_image):\n"
        "    try:\n"
        "        results.append(decode(data) is None)  # note: 'not a picture' is a refusal too\n"
        "    except ImageUnreadable:\n"
        "        results.append(True)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'refused': results, 'growth_kb': after - before}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["refused"] == [True, True, True]
    assert figures["growth_kb"] < 50_000
