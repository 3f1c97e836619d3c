"""Palm-vein features: a binary orientation code, and its comparison under shift and scale.

Why this method: near-infrared veins are wide, dark, low-contrast lines; what survives between
captures a year apart is their orientation, not their exact intensity. Each ROI is contrast-
normalised and filtered by six even Gabor filters (0°-150°); the sign of each response on a 32×32
grid gives 6 bits per cell (a binary orientation co-occurrence vector, Guo et al., "Palmprint
verification using binary orientation co-occurrence vector", 2009). Comparison is the smallest
normalised Hamming distance over small shifts (the ROI step leaves a few pixels of play) and, for a
fresh capture, over a few scales and in-plane rotations (hand-to-scanner distance and the hand's
angle change between sessions; a contactless hand is never laid down twice the same way). Which
scales and angles are searched is a named probe search (``PROBE_SEARCHES``), chosen by
cross-validation in ``matching.evaluate`` rather than by hand. Bits are packed one grid row per
32-bit word, so a shift is a bit shift and a distance is a popcount.
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
# Gabor wavelength in px at ROI size 128; the feature is chosen between candidates by cross-validation
# (``FEATURES``): 14 px (fine veins and skin texture) won on every training fold of the CASIA sets
FEATURES: dict[str, float] = {"bocv14": 14.0, "bocv22": 22.0}
DEFAULT_FEATURE = "bocv14"
WAVELENGTH = FEATURES[DEFAULT_FEATURE]
# note: the 1:N index's first pass compares half-resolution codes (every other cell); a 14-px code
# sampled every 8 px decorrelates under small misalignment (real mates fell out of the shortlist:
# 96.7 % recall against 99.7 % with 22 px), so templates also carry a 22-px code for that pass alone
SEARCH_WAVELENGTH = FEATURES["bocv22"]
SHIFT = 3  # cells searched each way (±12 ROI pixels)
PROBE_SCALES = (0.86, 0.93, 1.0, 1.07, 1.14)


@dataclass(frozen=True)
class ProbeSearch:
    """The transforms a fresh capture is encoded under before comparison (all pairs of them)."""

    scales: tuple[float, ...]
    angles: tuple[float, ...] = (0.0,)  # degrees, in-plane rotation about the ROI centre

    @property
    def variants(self) -> int:
        return len(self.scales) * len(self.angles)


# note: the candidates the cross-validated evaluation chooses between; each costs its number of
# variants in comparison time (5 variants: ~0.07 ms a pair on this 2-core machine)
PROBE_SEARCHES: dict[str, ProbeSearch] = {
    "scale5": ProbeSearch(PROBE_SCALES),
    "scale3-rot3": ProbeSearch((0.9, 1.0, 1.1), (-6.0, 0.0, 6.0)),
    "scale5-rot3": ProbeSearch(PROBE_SCALES, (-6.0, 0.0, 6.0)),
}
# note: scale5-rot3 was chosen on 9 of 10 training folds of the two CASIA crop sets (misaligned
# third-party crops, the unseen people's failure mode); on the full-hand folds it tied or lost by one
# pair of 895 to scale3-rot3, which is cheaper (9 transforms instead of 15)
DEFAULT_SEARCH = "scale5-rot3"
FULL_ROW = np.uint32(0xFFFFFFFF)

Code = npt.NDArray[np.uint32]  # (ORIENTATIONS, GRID): bit x of word y is cell (x, y)


@cache
def _filters(wavelength: float = WAVELENGTH) -> tuple[npt.NDArray[np.float32], ...]:
    size = int(wavelength * 2) | 1
    bank = []
    for k in range(ORIENTATIONS):
        kernel = cv2.getGaborKernel(
            (size, size), wavelength * 0.56, np.pi * k / ORIENTATIONS, wavelength, 1.0, 0, ktype=cv2.CV_32F
        )
        bank.append((kernel - kernel.mean()).astype(np.float32))  # zero DC: brightness does not count
    return tuple(bank)


def _normalise(roi: GreyImage) -> npt.NDArray[np.float32]:
    image = roi.astype(np.float32)
    sigma = roi.shape[0] / 8
    mean = cv2.GaussianBlur(image, (0, 0), sigma)
    spread = np.sqrt(cv2.GaussianBlur((image - mean) ** 2, (0, 0), sigma)) + 1.0
    return np.asarray((image - mean) / spread, dtype=np.float32)


def encode(roi: GreyImage, wavelength: float = WAVELENGTH) -> Code:
    """The packed orientation code of a ROI (any square size; 128 expected)."""
    image = _normalise(roi)
    step = roi.shape[0] / GRID
    centres = (np.arange(GRID) * step + step / 2).astype(int)
    bank = _filters(wavelength)
    bits = np.stack([cv2.filter2D(image, -1, k)[np.ix_(centres, centres)] > 0 for k in bank])
    packed = np.packbits(bits, axis=2, bitorder="little")  # (6, 32, 4) bytes, little-endian words
    return np.ascontiguousarray(packed).view("<u4").reshape(ORIENTATIONS, GRID).astype(np.uint32)


def _rescaled(roi: GreyImage, scale: float, angle: float = 0.0) -> GreyImage:
    size = roi.shape[0]
    matrix = cv2.getRotationMatrix2D((size / 2, size / 2), angle, scale)
    warped = cv2.warpAffine(roi, matrix, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return np.asarray(warped, dtype=np.uint8)


def _column_masks() -> npt.NDArray[np.uint64]:
    """Valid cells of a row after shifting it by sx, in both 32-bit lanes of a 64-bit word."""
    masks = []
    for sx in range(-SHIFT, SHIFT + 1):
        lane = (0xFFFFFFFF << sx) & 0xFFFFFFFF if sx >= 0 else 0xFFFFFFFF >> -sx
        masks.append(lane | (lane << 32))
    return np.array(masks, dtype=np.uint64)


COLUMN_MASKS = _column_masks()  # (2·SHIFT+1,)
_LANES = ORIENTATIONS // 2


def pair_planes(code: Code) -> npt.NDArray[np.uint64]:
    """(…, 6, 32) uint32 → (…, 3, 32) uint64 holding two orientation planes per word.

    note: halving the number of words halves the work of every comparison; a bit shift never mixes
    the two lanes in a way that counts, because the bits that cross lanes land in masked-out cells.
    """
    wide = code.astype(np.uint64).reshape(*code.shape[:-2], _LANES, 2, GRID)
    return np.asarray(wide[..., 0, :] | (wide[..., 1, :] << np.uint64(32)), dtype=np.uint64)


def shift_columns(code: Code) -> npt.NDArray[np.uint64]:
    """(…, 2·SHIFT+1, 3, 32): the paired code moved by -SHIFT..SHIFT cells along x (masked later)."""
    paired = pair_planes(code)
    shifted = [
        (paired << np.uint64(sx)) if sx >= 0 else (paired >> np.uint64(-sx))
        for sx in range(-SHIFT, SHIFT + 1)
    ]
    return np.stack(shifted, axis=-3)


@dataclass(frozen=True)
class Probe:
    """A fresh capture prepared for comparison: codes at several scales, each shifted along x."""

    code: Code  # the scale-1 code (what gets stored as the template)
    shifted: npt.NDArray[np.uint64]  # (scales, 2·SHIFT+1, 3, GRID)
    search_code: Code | None = None  # the 22-px code for the 1:N first pass (SEARCH_WAVELENGTH)


def make_probe(
    roi: GreyImage,
    *,
    scales: tuple[float, ...] | None = None,
    search: ProbeSearch | str = DEFAULT_SEARCH,
    wavelength: float = WAVELENGTH,
) -> Probe:
    """Encode a ROI for comparison against enrolled codes, under every scale and angle of ``search``.

    ``scales`` (no rotation) overrides ``search``; kept for callers that search scale alone.
    ``wavelength`` must be the one the enrolled codes were made with (evaluation candidates only).
    """
    chosen = PROBE_SEARCHES[search] if isinstance(search, str) else search
    if scales is not None:
        chosen = ProbeSearch(scales)
    transforms = [(s, a) for s in chosen.scales for a in chosen.angles]
    codes = np.stack([encode(roi if t == (1.0, 0.0) else _rescaled(roi, *t), wavelength) for t in transforms])
    plain = codes[transforms.index((1.0, 0.0))] if (1.0, 0.0) in transforms else encode(roi, wavelength)
    search_code = encode(roi, SEARCH_WAVELENGTH) if wavelength == WAVELENGTH else None
    return Probe(code=plain, shifted=shift_columns(codes), search_code=search_code)


def probe_from_code(code: Code, search_code: Code | None = None) -> Probe:
    """A probe from a stored code alone (no image at hand): shifts only, no scale search."""
    return Probe(code=code, shifted=shift_columns(code[None]), search_code=search_code)


def row_shifted(gallery: Code) -> npt.NDArray[np.uint64]:
    """Paired gallery codes moved by -SHIFT..SHIFT rows (zeros where no row): (…, 2·SHIFT+1, 3, 32)."""
    paired = pair_planes(gallery)
    count = 2 * SHIFT + 1
    out = np.zeros((*paired.shape[:-2], count, _LANES, GRID), dtype=np.uint64)
    for i, sy in enumerate(range(-SHIFT, SHIFT + 1)):
        if sy >= 0:
            out[..., i, :, : GRID - sy] = paired[..., :, sy:]
        else:
            out[..., i, :, -sy:] = paired[..., :, : GRID + sy]
    return out


def _masks() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64]]:
    rows = np.arange(GRID)
    valid = np.stack([(rows + sy >= 0) & (rows + sy < GRID) for sy in range(-SHIFT, SHIFT + 1)])
    # mask[sx, sy, row]: the cells compared for shift (sx, sy); counts[sx, sy]: how many bits that is
    mask = np.where(valid[None, :, :], COLUMN_MASKS[:, None, None], np.uint64(0)).astype(np.uint64)
    counts = np.bitwise_count(mask).sum(axis=2).astype(np.float64) * _LANES
    return mask, counts


_MASK, _COUNTS = _masks()


def distances(probe: Probe, gallery: Code) -> npt.NDArray[np.float64]:
    """Smallest normalised Hamming distance of ``probe`` to each code in ``gallery`` (…, 6, 32)."""
    return distances_to_rows(probe, row_shifted(gallery))


_VARIANT_BLOCK = 5  # probe transforms compared at once: the working set stays in the CPU cache


def distances_to_rows(probe: Probe, rows: npt.NDArray[np.uint64]) -> npt.NDArray[np.float64]:
    """Like ``distances`` for a gallery already passed through ``row_shifted`` (searched many times).

    note: the probe's transforms go in blocks of five; all fifteen at once overflow the cache and
    were seven times slower (0.7 ms against 0.1 ms a comparison here).
    """
    extra = rows.ndim - 3
    m = _MASK.reshape(1, _MASK.shape[0], *([1] * extra), _MASK.shape[1], 1, GRID)
    c = _COUNTS.reshape(1, _COUNTS.shape[0], *([1] * extra), _COUNTS.shape[1])
    best: npt.NDArray[np.float64] | None = None
    for start in range(0, probe.shifted.shape[0], _VARIANT_BLOCK):
        block = probe.shifted[start : start + _VARIANT_BLOCK]
        p = block.reshape(*block.shape[:2], *([1] * extra), 1, _LANES, GRID)
        differing = np.bitwise_count((p ^ rows) & m).sum(axis=(-1, -2), dtype=np.int32)
        normalised = differing / c
        flat = normalised.reshape(normalised.shape[0] * normalised.shape[1], *normalised.shape[2:])
        found = np.asarray(flat.min(axis=(0, -1)), dtype=np.float64)
        best = found if best is None else np.minimum(best, found)
    assert best is not None
    return best


@dataclass(frozen=True)
class Alignment:
    """Where the best match of a probe against one code was found in the search."""

    distance: float
    variant: int  # index into the probe's (scale, angle) transforms
    dx: int  # cells, -SHIFT..SHIFT
    dy: int

    @property
    def at_edge(self) -> bool:
        """True when the best shift is the largest searched: the true offset may lie beyond it."""
        return abs(self.dx) == SHIFT or abs(self.dy) == SHIFT


def best_alignment(probe: Probe, code: Code) -> Alignment:
    """The transform and shift at which ``probe`` matches ``code`` best (for consistency checks)."""
    rows = row_shifted(code[None])[0]
    p = probe.shifted.reshape(*probe.shifted.shape[:2], 1, _LANES, GRID)
    m = _MASK.reshape(1, _MASK.shape[0], _MASK.shape[1], 1, GRID)
    differing = np.bitwise_count((p ^ rows[None, None]) & m).sum(axis=(-1, -2), dtype=np.int32)
    normalised = differing / _COUNTS[None]
    variant, sx, sy = np.unravel_index(int(np.argmin(normalised)), normalised.shape)
    return Alignment(float(normalised[variant, sx, sy]), int(variant), int(sx) - SHIFT, int(sy) - SHIFT)


def score_from_distance(distance: npt.NDArray[np.float64] | float) -> npt.NDArray[np.float64]:
    """Map a Hamming distance to a similarity in [0, 1]: 0.5 (chance) and above give 0."""
    return np.clip(1.0 - np.asarray(distance, dtype=np.float64) / 0.5, 0.0, 1.0)
