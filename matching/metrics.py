"""ISO/IEC 19795-style verification error rates computed from score records alone.

Why scores only: the rates must be reproducible from what a benchmark run stores (one float per
comparison), without the matcher. Conventions used throughout:

* Higher score = more likely the same person; a comparison is *accepted* iff ``score >= threshold``.
* ``FAR(t) = #{impostor >= t} / #impostor`` and ``FRR(t) = #{genuine < t} / #genuine``.
* A comparison that could not be made (failure to enrol/acquire) is recorded as ``-inf``. Thresholds
  are never ``-inf``, so such a comparison is rejected at every threshold: a genuine ``-inf`` is
  always a false reject and an impostor ``-inf`` never a false accept (ISO 19795 counts failures
  against the system, not in its favour).
* NaN and ``+inf`` are refused (``ValueError``): NaN has no order, and ``+inf`` would be accepted even
  at the "reject everything" threshold ``+inf`` that closes every curve.

Everything is vectorised (``np.sort`` + ``np.searchsorted``) so that millions of impostor
comparisons take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import floor
from pathlib import Path
from statistics import NormalDist

import cv2
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

_SMALLEST_THRESHOLD = float(np.nextafter(-np.inf, np.inf))  # lowest float: accepts every real score


@dataclass(frozen=True)
class ErrorRates:
    """Summary of one genuine/impostor score set.

    ``frr_at_far`` and ``threshold_at_far`` are keyed by ``f"{far:g}"`` ("0.01", "0.001", "0.0001")
    and hold ``None`` when the FAR target is below ``1 / impostor_pairs``: with N impostor pairs the
    smallest non-zero measurable FAR is 1/N, so a lower target is not resolvable (not enough impostor
    pairs) and reporting the FRR at FAR 0 instead would overstate what the data shows.
    """

    eer: float
    eer_threshold: float
    frr_at_far: dict[str, float | None]
    threshold_at_far: dict[str, float | None]
    genuine_pairs: int
    impostor_pairs: int


def _scores(values: npt.ArrayLike, name: str) -> FloatArray:
    """Validate one score array (1-D, non-empty, no NaN/+inf) and return it as float64."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} scores must be a 1-D array, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} scores are empty: error rates need at least one comparison")
    if np.isnan(array).any():
        raise ValueError(f"{name} scores contain NaN; record failed comparisons as -inf")
    if np.isposinf(array).any():
        raise ValueError(f"{name} scores contain +inf, which no threshold could reject")
    return array


def _allowed_false_accepts(far: float, impostor_pairs: int) -> int:
    """``floor(far * N)``, computed on the decimal the caller wrote (0.29 * 100 is 28.999... in floats)."""
    if not 0.0 <= far <= 1.0:
        raise ValueError(f"FAR target must be within [0, 1], got {far!r}")
    return floor(Fraction(repr(float(far))) * impostor_pairs)


def _threshold_sorted(impostor_sorted: FloatArray, far: float) -> float:
    """``threshold_for_far`` on an already sorted (ascending) impostor array."""
    n = impostor_sorted.size
    k = _allowed_false_accepts(far, n)
    if k >= n:
        return _SMALLEST_THRESHOLD
    # note: the threshold must reject the (k+1)-th highest impostor score; the smallest float that does
    # so is the next float above it (ties with it are rejected too, so FAR may fall below the target).
    return float(np.nextafter(impostor_sorted[n - 1 - k], np.inf))


def threshold_for_far(impostor: npt.ArrayLike, far: float) -> float:
    """Smallest float threshold ``t`` with ``FAR(t) = P(impostor >= t) <= far``.

    It is the float just above the ``(floor(far*N)+1)``-th highest impostor score, i.e. "accept only
    scores strictly above that impostor". Being the smallest such threshold it gives the lowest FRR the
    FAR target allows. When more than ``1 - far`` of the impostors are ``-inf`` it is the lowest float
    (every real score accepted). A target below 1/N returns the threshold for FAR 0 (above every
    impostor); ``error_rates`` reports such targets as ``None`` instead.
    """
    return _threshold_sorted(np.sort(_scores(impostor, "impostor")), far)


def _curve_sorted(genuine_sorted: FloatArray, impostor_sorted: FloatArray) -> tuple[FloatArray, ...]:
    """FAR/FRR at every candidate threshold, from sorted arrays (see ``far_frr_curve``)."""
    finite = np.concatenate(
        [genuine_sorted[np.isfinite(genuine_sorted)], impostor_sorted[np.isfinite(impostor_sorted)]]
    )
    merged = np.sort(finite, kind="stable")  # two sorted runs: the stable (merge) sort is fast
    distinct = np.ones(merged.size, dtype=bool)
    distinct[1:] = merged[1:] != merged[:-1]
    thresholds = np.append(merged[distinct], np.inf)
    far = (impostor_sorted.size - np.searchsorted(impostor_sorted, thresholds, side="left")) / float(
        impostor_sorted.size
    )
    frr = np.searchsorted(genuine_sorted, thresholds, side="left") / float(genuine_sorted.size)
    return thresholds, far.astype(np.float64), frr.astype(np.float64)


def far_frr_curve(
    genuine: npt.ArrayLike, impostor: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(thresholds ascending, FAR, FRR) at every distinct operating point.

    Candidate thresholds are the distinct finite scores of both sets plus ``+inf`` (reject all): FAR and
    FRR only change at a score, so this list holds every operating point exactly once. ``-inf`` is not a
    candidate, which is what keeps failed comparisons rejected.
    """
    curve = _curve_sorted(np.sort(_scores(genuine, "genuine")), np.sort(_scores(impostor, "impostor")))
    return curve[0], curve[1], curve[2]


def _eer(thresholds: FloatArray, far: FloatArray, frr: FloatArray) -> tuple[float, float]:
    """EER by linear interpolation between the two operating points that bracket ``FAR = FRR``.

    ``FAR - FRR`` is non-increasing along the ascending thresholds and is -1 at ``+inf``. With ``k`` the
    first point where it is <= 0, the segment from point ``k-1`` to ``k`` (as a randomised mix of the two
    thresholds) crosses the diagonal at ``a = d[k-1] / (d[k-1] - d[k])``. This lies between
    ``max_t min(FAR, FRR)`` and ``min_t max(FAR, FRR)``. If already ``FAR <= FRR`` at the lowest
    threshold (many genuine ``-inf``), the curves never cross and the EER is that FRR, i.e.
    ``min_t max(FAR, FRR)``. The threshold is interpolated the same way, except that a bracket ending at
    ``+inf`` reports its finite end.
    """
    diff = far - frr
    k = int(np.argmax(diff <= 0.0))
    if k == 0:
        return float(frr[0]), float(thresholds[0])
    a = diff[k - 1] / (diff[k - 1] - diff[k])
    eer = far[k - 1] + a * (far[k] - far[k - 1])
    low, high = thresholds[k - 1], thresholds[k]
    threshold = low if np.isinf(high) else low + a * (high - low)
    return float(eer), float(threshold)


def error_rates(
    genuine: npt.ArrayLike, impostor: npt.ArrayLike, fars: Sequence[float] = (1e-2, 1e-3, 1e-4)
) -> ErrorRates:
    """EER and FRR at fixed FAR targets (definitions in the module docstring and ``_eer``).

    FRR at a target uses ``threshold_for_far``; a target below ``1 / #impostor`` is ``None`` (not
    enough impostor pairs to resolve it).
    """
    genuine_sorted = np.sort(_scores(genuine, "genuine"))
    impostor_sorted = np.sort(_scores(impostor, "impostor"))
    eer, eer_threshold = _eer(*_curve_sorted(genuine_sorted, impostor_sorted))
    frr_at_far: dict[str, float | None] = {}
    threshold_at_far: dict[str, float | None] = {}
    for far in fars:
        key = f"{far:g}"
        if key in frr_at_far:
            raise ValueError(f"FAR targets {list(fars)} repeat the key {key!r}")
        if _allowed_false_accepts(far, impostor_sorted.size) < 1:
            frr_at_far[key] = threshold_at_far[key] = None
            continue
        threshold = _threshold_sorted(impostor_sorted, far)
        rejected = int(np.searchsorted(genuine_sorted, threshold, side="left"))
        frr_at_far[key] = rejected / genuine_sorted.size
        threshold_at_far[key] = threshold
    return ErrorRates(
        eer=eer,
        eer_threshold=eer_threshold,
        frr_at_far=frr_at_far,
        threshold_at_far=threshold_at_far,
        genuine_pairs=int(genuine_sorted.size),
        impostor_pairs=int(impostor_sorted.size),
    )


def det_points(genuine: npt.ArrayLike, impostor: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """(FAR, FRR) at every operating point, for ``draw_det_plot`` (FAR falling, FRR rising)."""
    _, far, frr = far_frr_curve(genuine, impostor)
    return far, frr


# --- DET plot -------------------------------------------------------------------------------------
_SIZE = (800, 700)  # width, height
_PLOT = (90, 60, 770, 610)  # left, top, right, bottom of the plotting area
_RANGE = (1e-4, 0.5)
_TICKS = ((1e-4, "0.01"), (1e-3, "0.1"), (1e-2, "1"), (5e-2, "5"), (0.2, "20"), (0.5, "50"))
_COLOURS = ((200, 90, 0), (30, 30, 220), (40, 150, 40), (0, 140, 240), (160, 40, 160), (120, 120, 0))
_FONT = cv2.FONT_HERSHEY_SIMPLEX
_INK = (0, 0, 0)


def _probit_unit(p: npt.ArrayLike) -> FloatArray:
    """Position in [0, 1] along a DET axis: probit of the clipped probability, scaled to the range."""
    ppf = NormalDist().inv_cdf  # note: the standard library's, so plotting needs no scipy
    z_low, z_high = ppf(_RANGE[0]), ppf(_RANGE[1])
    clipped = np.clip(np.asarray(p, dtype=np.float64), *_RANGE)
    z = np.vectorize(ppf, otypes=[np.float64])(clipped)
    return np.asarray((z - z_low) / (z_high - z_low), dtype=np.float64)


def _text(
    image: npt.NDArray[np.uint8], text: str, centre: tuple[int, int], scale: float, bold: int = 1
) -> None:
    """Draw ASCII text centred on a point (Hershey fonts have no other glyphs)."""
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    (width, height), _ = cv2.getTextSize(ascii_text, _FONT, scale, bold)
    origin = (centre[0] - width // 2, centre[1] + height // 2)
    cv2.putText(image, ascii_text, origin, _FONT, scale, _INK, bold, cv2.LINE_AA)


def draw_det_plot(
    curves: Mapping[str, tuple[npt.ArrayLike, npt.ArrayLike]], path: str | Path, *, title: str = ""
) -> None:
    """Write a DET plot (FAR vs FRR, both on a probit scale from 0.01 % to 50 %) as a PNG.

    Why OpenCV: the field laptops ship without matplotlib. ``curves`` maps a legend label to the
    ``(far, frr)`` arrays of ``det_points``; points outside the range are clipped onto the frame so a
    curve never disappears. Labels are drawn in ASCII (other characters become "?").
    """
    image = np.full((_SIZE[1], _SIZE[0], 3), 255, dtype=np.uint8)
    left, top, right, bottom = _PLOT

    def to_pixels(far: npt.ArrayLike, frr: npt.ArrayLike) -> npt.NDArray[np.int32]:
        x = left + _probit_unit(far) * (right - left)
        y = bottom - _probit_unit(frr) * (bottom - top)
        return np.stack([x, y], axis=1).round().astype(np.int32)

    for p, label in _TICKS:
        (x, _), (_, y) = to_pixels([p], [_RANGE[0]])[0], to_pixels([_RANGE[0]], [p])[0]
        cv2.line(image, (int(x), top), (int(x), bottom), (215, 215, 215), 1, cv2.LINE_AA)
        cv2.line(image, (left, int(y)), (right, int(y)), (215, 215, 215), 1, cv2.LINE_AA)
        _text(image, label, (int(x), bottom + 18), 0.5)
        _text(image, label, (left - 25, int(y)), 0.5)
    cv2.rectangle(image, (left, top), (right, bottom), _INK, 1)
    _text(image, "FAR (%)", ((left + right) // 2, bottom + 50), 0.65)
    label_image = np.full((40, 200, 3), 255, dtype=np.uint8)
    _text(label_image, "FRR (%)", (100, 20), 0.65)
    rotated = cv2.rotate(label_image, cv2.ROTATE_90_COUNTERCLOCKWISE)  # 200 high, 40 wide
    middle = (top + bottom) // 2
    image[middle - 100 : middle + 100, 8:48] = np.minimum(image[middle - 100 : middle + 100, 8:48], rotated)
    _text(image, title, (_SIZE[0] // 2, top // 2), 0.75, 2)

    names = [name.encode("ascii", "replace").decode("ascii") for name in curves]
    for index, (name, (far, frr)) in enumerate(curves.items()):
        far_array, frr_array = np.asarray(far, dtype=np.float64), np.asarray(frr, dtype=np.float64)
        if far_array.shape != frr_array.shape or far_array.ndim != 1:
            raise ValueError(f"curve {name!r}: far and frr must be 1-D arrays of the same length")
        points = to_pixels(far_array, frr_array)
        if points.shape[0] > 1:  # note: millions of operating points collapse to a few hundred pixels
            keep = np.ones(points.shape[0], dtype=bool)
            keep[1:] = (points[1:] != points[:-1]).any(axis=1)
            points = points[keep]
        cv2.polylines(
            image, [points.reshape(-1, 1, 2)], False, _COLOURS[index % len(_COLOURS)], 2, cv2.LINE_AA
        )
    if names:  # legend last, on a white box, so that curves passing under it do not hide it
        width = max(cv2.getTextSize(name, _FONT, 0.5, 1)[0][0] for name in names) + 60
        x0, y0 = right - width - 10, top + 10
        cv2.rectangle(image, (x0, y0), (right - 10, y0 + 10 + 24 * len(names)), (255, 255, 255), -1)
        cv2.rectangle(image, (x0, y0), (right - 10, y0 + 10 + 24 * len(names)), _INK, 1)
        for index, name in enumerate(names):
            y = y0 + 17 + 24 * index
            cv2.line(image, (x0 + 10, y), (x0 + 45, y), _COLOURS[index % len(_COLOURS)], 3, cv2.LINE_AA)
            cv2.putText(image, name, (x0 + 52, y + 5), _FONT, 0.5, _INK, 1, cv2.LINE_AA)

    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise OSError(f"OpenCV could not encode the DET plot for {path}")
    Path(path).write_bytes(encoded.tobytes())  # note: cv2.imwrite mishandles non-ASCII paths on Windows
