"""Palm-vein features: a binary orientation code, and its comparison under shift and scale.

Why this method: near-infrared veins are wide, dark, low-contrast lines; what survives between
captures a year apart is their orientation, not their exact intensity. Each ROI is contrast-
normalised and filtered by six even Gabor filters (0°-150°); the sign of each response on a 32×32
grid gives 6 bits per cell (a binary orientation co-occurrence vector, Guo et al., "Palmprint
verification using binary orientation co-occurrence vector", 2009). Comparison is the smallest
normalised Hamming distance over small shifts (the ROI step leaves a few pixels of play) and, for a
fresh capture, over a few scales (hand-to-scanner distance changes between years). Bits are packed
one grid row per 32-bit word, so a shift is a bit shift and a distance is a popcount.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import numpy.typing as npt

from matching.image_io import GreyImage

GRID = 32  # code cells per side (one cell = 4×4 ROI pixels)
ORIENTATIONS = 6
WAVELENGTH = 22.0  # px at ROI size 128: matches the width of palm veins there
SHIFT = 3  # cells searched each way (±12 ROI pixels)
PROBE_SCALES = (0.86, 0.93, 1.0, 1.07, 1.14)
FULL_ROW = np.uint32(0xFFFFFFFF)

Code = npt.NDArray[np.uint32]  # (ORIENTATIONS, GRID): bit x of word y is cell (x, y)


@cache
def _filters() -> tuple[npt.NDArray[np.float32], ...]:
    size = int(WAVELENGTH * 2) | 1
    bank = []
    for k in range(ORIENTATIONS):
        kernel = cv2.getGaborKernel((size, size), WAVELENGTH * 0.56, np.pi * k / ORIENTATIONS, WAVELENGTH,
                                    1.0, 0, ktype=cv2.CV_32F)
        bank.append((kernel - kernel.mean()).astype(np.float32))  # zero DC: brightness does not count
    return tuple(bank)


def _normalise(roi: GreyImage) -> npt.NDArray[np.float32]:
    image = roi.astype(np.float32)
    sigma = roi.shape[0] / 8
    mean = cv2.GaussianBlur(image, (0, 0), sigma)
    spread = np.sqrt(cv2.GaussianBlur((image - mean) ** 2, (0, 0), sigma)) + 1.0
    return np.asarray((image - mean) / spread, dtype=np.float32)


def encode(roi: GreyImage) -> Code:
    """The packed orientation code of a ROI (any square size; 128 expected)."""
    image = _normalise(roi)
    step = roi.shape[0] / GRID
    centres = (np.arange(GRID) * step + step / 2).astype(int)
    bits = np.stack([cv2.filter2D(image, -1, k)[np.ix_(centres, centres)] > 0 for k in _filters()])
    packed = np.packbits(bits, axis=2, bitorder="little")  # (6, 32, 4) bytes, little-endian words
    return np.ascontiguousarray(packed).view("<u4").reshape(ORIENTATIONS, GRID).astype(np.uint32)


def _rescaled(roi: GreyImage, scale: float) -> GreyImage:
    size = roi.shape[0]
    matrix = cv2.getRotationMatrix2D((size / 2, size / 2), 0.0, scale)
    warped = cv2.warpAffine(roi, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return np.asarray(warped, dtype=np.uint8)


def _column_masks() -> npt.NDArray[np.uint32]:
    masks = []
    for sx in range(-SHIFT, SHIFT + 1):
        masks.append((0xFFFFFFFF << sx) & 0xFFFFFFFF if sx >= 0 else 0xFFFFFFFF >> -sx)
    return np.array(masks, dtype=np.uint32)


COLUMN_MASKS = _column_masks()  # (2·SHIFT+1,) valid cells after shifting a row by sx


def shift_columns(code: Code) -> Code:
    """(…, 2·SHIFT+1, ORIENTATIONS, GRID): the code moved by -SHIFT..SHIFT cells along x."""
    wide = code.astype(np.uint64)
    shifted = []
    for sx in range(-SHIFT, SHIFT + 1):
        moved = (wide << np.uint64(sx)) if sx >= 0 else (wide >> np.uint64(-sx))
        shifted.append((moved & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    return np.stack(shifted, axis=-3)


@dataclass(frozen=True)
class Probe:
    """A fresh capture prepared for comparison: codes at several scales, each shifted along x."""

    code: Code  # the scale-1 code (what gets stored as the template)
    shifted: npt.NDArray[np.uint32]  # (scales, 2·SHIFT+1, ORIENTATIONS, GRID)


def make_probe(roi: GreyImage, *, scales: tuple[float, ...] = PROBE_SCALES) -> Probe:
    """Encode a ROI for comparison against enrolled codes."""
    codes = np.stack([encode(roi if s == 1.0 else _rescaled(roi, s)) for s in scales])
    return Probe(code=encode(roi), shifted=shift_columns(codes))


def probe_from_code(code: Code) -> Probe:
    """A probe from a stored code alone (no image at hand): shifts only, no scale search."""
    return Probe(code=code, shifted=shift_columns(code[None]))


def _row_shifted(gallery: Code) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
    """Gallery codes moved by -SHIFT..SHIFT rows: (…, 2·SHIFT+1, ORIENTATIONS, GRID) and row validity."""
    count = 2 * SHIFT + 1
    out = np.zeros((*gallery.shape[:-2], count, ORIENTATIONS, GRID), dtype=np.uint32)
    valid = np.zeros((count, GRID), dtype=bool)
    for i, sy in enumerate(range(-SHIFT, SHIFT + 1)):
        rows = np.arange(GRID)
        source = rows + sy
        ok = (source >= 0) & (source < GRID)
        out[..., i, :, rows[ok]] = np.moveaxis(gallery[..., :, source[ok]], -1, 0)
        valid[i] = ok
    return out, valid


def _masks() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.float64]]:
    _, valid = _row_shifted(np.zeros((ORIENTATIONS, GRID), dtype=np.uint32))
    # mask[sx, sy, row]: the cells compared for shift (sx, sy); counts[sx, sy]: how many bits that is
    mask = np.where(valid[None, :, :], COLUMN_MASKS[:, None, None], np.uint32(0)).astype(np.uint32)
    counts = np.bitwise_count(mask).sum(axis=2).astype(np.float64) * ORIENTATIONS
    return mask, counts


_MASK, _COUNTS = _masks()


def distances(probe: Probe, gallery: Code) -> npt.NDArray[np.float64]:
    """Smallest normalised Hamming distance of ``probe`` to each code in ``gallery`` (…, 6, 32)."""
    rows, _ = _row_shifted(gallery)  # (..., Sy, 6, 32)
    # broadcast to (scales, Sx, ..., Sy, 6, 32); the mask depends on (Sx, Sy, row)
    extra = rows.ndim - 3
    p = probe.shifted.reshape(*probe.shifted.shape[:2], *([1] * extra), 1, ORIENTATIONS, GRID)
    m = _MASK.reshape(1, _MASK.shape[0], *([1] * extra), _MASK.shape[1], 1, GRID)
    differing = np.bitwise_count((p ^ rows) & m).sum(axis=(-1, -2), dtype=np.int32)
    c = _COUNTS.reshape(1, _COUNTS.shape[0], *([1] * extra), _COUNTS.shape[1])
    normalised = differing / c
    flat = normalised.reshape(normalised.shape[0] * normalised.shape[1], *normalised.shape[2:])
    return np.asarray(flat.min(axis=(0, -1)), dtype=np.float64)


def score_from_distance(distance: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64]:
    """Map a Hamming distance to a similarity in [0, 1]: 0.5 (chance) and above give 0."""
    return np.clip(1.0 - np.asarray(distance, dtype=np.float64) / 0.5, 0.0, 1.0)
