"""Finding the palm region (ROI) in a near-infrared capture.

Why this method: in an open-hand capture the three valleys between the four fingers are the most
stable landmarks a hand has (they do not move with thumb pose or wrist angle). The hand is segmented
(Otsu on a smoothed, downscaled copy), the valleys are the deepest convexity defects of its outline
that lie almost on one line at similar spacing, and the ROI is a square below the line through the
outer two valleys: rotated with that line and scaled by its length, so hand size, rotation and
position drop out (the classic construction of Zhang et al., "Online palmprint identification", 2003).
Images that are already palm crops (no dark background) are passed through to the same size.
Failures name their reason so the operator can act: no hand, fingers closed, hand cut off, too
dark, blurred.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import RoiNotFound
from matching.image_io import GreyImage, as_grey
from matching.palm_focus import (
    MAX_EDGE_WIDTH,
    MIN_BAND_SHARPNESS,
    MIN_STRUCTURE_SNR,
    band_sharpness,
    edge_width,
    structure_snr,
)

ROI_SIZE = 128
WORK_WIDTH = 384  # segmentation runs on a copy this wide: fast, and valleys are large features
# ROI geometry relative to the distance D between the outer finger valleys (index-middle and
# ring-little): centre 0.85·D into the palm, side 1.25·D (a square well inside an adult palm)
ROI_OFFSET = 0.85
ROI_SIDE = 1.25
MIN_HAND_FRACTION = 0.04
MIN_MEAN_BRIGHTNESS = 35.0  # mean grey of the hand (or crop) below this is too dark to see veins
BACKGROUND_GREY = 45  # the dark surround of a full-hand capture is below this


@dataclass(frozen=True)
class PalmRoi:
    """A normalised palm square and where it came from (for drawing it on a live preview)."""

    image: GreyImage  # ROI_SIZE × ROI_SIZE, uint8
    source: str  # "fullhand" or "crop"
    outline: npt.NDArray[np.float32]  # 4 × 2 corners of the square in the input image
    valleys: npt.NDArray[np.float32] | None  # 3 × 2 finger-valley points, full-hand only
    edge_width: float | None = None  # blur of the hand's outline (see palm_focus), full-hand only


def circular_minimum(values: npt.NDArray[np.float64], size: int) -> npt.NDArray[np.float64]:
    """The minimum over a centred window of odd ``size``, wrapping round (the contour is closed).

    Why not scipy's ``minimum_filter1d(mode="wrap")``: it was the only run-time use of scipy, and
    leaving scipy out of the packaged app saves ~70 MB; the result is the same (a test compares them).
    """
    half = size // 2
    if half == 0 or len(values) == 0:
        return np.array(values, copy=True)
    padded = np.pad(values, half, mode="wrap")
    return np.asarray(np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1).min(axis=1))


def _fail(reason: str, message: str) -> RoiNotFound:
    return RoiNotFound(message, code=f"roi.{reason}")


def looks_like_crop(grey: GreyImage) -> bool:
    """A palm crop is skin from edge to edge; a full-hand capture has a dark background around the hand."""
    small = cv2.resize(grey, (64, 64), interpolation=cv2.INTER_AREA)
    background = float(np.mean(small < BACKGROUND_GREY))
    return background < 0.2 and float(small.mean()) > MIN_MEAN_BRIGHTNESS


def _hand_mask(work: GreyImage) -> GreyImage:
    smooth = cv2.GaussianBlur(work, (0, 0), 1.0)
    threshold, mask = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if threshold < 12:
        raise _fail("too_dark", "The image is too dark to find a hand: check the scanner's light.")
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    if count < 2:
        raise _fail("no_hand", "No hand is visible: place the open hand on the scanner.")
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[biggest, cv2.CC_STAT_AREA] < MIN_HAND_FRACTION * work.size:
        raise _fail("no_hand", "No hand is visible: place the open hand on the scanner.")
    hand: GreyImage = np.where(labels == biggest, 255, 0).astype(np.uint8)
    hand_level = float(np.median(work[hand > 0]))
    background_level = float(np.median(work[hand == 0])) if np.any(hand == 0) else 0.0
    if hand_level < 1.6 * background_level + 8:
        # note: Otsu always splits something; on an empty scanner it splits the background's noise
        raise _fail("no_hand", "No hand is visible: place the open hand on the scanner.")
    if hand_level < MIN_MEAN_BRIGHTNESS:
        raise _fail("too_dark", "The hand is too dark to see its veins: check the scanner's light.")
    return hand


def _touches_border(mask: GreyImage) -> int:
    """How many image sides the hand touches over more than 8 % of their length."""
    sides = (mask[0, :], mask[-1, :], mask[:, 0], mask[:, -1])
    return sum(1 for side in sides if np.count_nonzero(side) > 0.08 * side.size)


def _climb(radius: npt.NDArray[np.float64], start: int, step: int, reach: int) -> int:
    """Walk along the outline from a valley while the radius keeps growing: the neighbouring tip."""
    count = len(radius)
    index = start
    for _ in range(reach):
        following = (index + step) % count
        if radius[following] < radius[index]:
            break
        index = following
    return index


def _valley_candidates(mask: GreyImage) -> tuple[list[npt.NDArray[np.float64]], float]:
    """Points of the outline that are local minima of the distance to the palm centre.

    note: convexity defects miss a gap when a fingertip lies inside the hull (fingers of similar
    length held close together); the radial profile from the palm centre (the centre of the largest
    inscribed circle) has a clear minimum at every gap whatever the tips do.
    """
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contour = max(contours, key=cv2.contourArea).reshape(-1, 2).astype(np.float64)
    distance = cv2.distanceTransform(mask, cv2.DIST_L2, 5)
    palm_radius = float(distance.max())
    cy, cx = np.unravel_index(int(np.argmax(distance)), distance.shape)
    radius = np.hypot(contour[:, 0] - cx, contour[:, 1] - cy)
    count = len(radius)
    kernel = np.ones(max(3, count // 150)) / max(3, count // 150)
    padded = np.concatenate([radius[-len(kernel) :], radius, radius[: len(kernel)]])
    radius = np.convolve(padded, kernel, mode="same")[len(kernel) : len(kernel) + count]
    local = max(3, count // 60)
    reach = max(local, count // 4)
    height, width = mask.shape
    margin = 0.04 * max(height, width)
    contact = [
        np.count_nonzero(mask[:, 0]),
        np.count_nonzero(mask[:, -1]),
        np.count_nonzero(mask[0, :]),
        np.count_nonzero(mask[-1, :]),
    ]
    wrist_side = int(np.argmax(contact))  # the side the arm leaves the picture by, if it does
    side_length = (height, height, width, width)[wrist_side]
    has_wrist_side = contact[wrist_side] > 0.12 * side_length  # a fingertip touching is not a wrist

    def wrist_distance(x: float, y: float) -> float:
        if not has_wrist_side:
            return float("inf")
        return float((x, width - 1 - x, y, height - 1 - y)[wrist_side])

    found: list[npt.NDArray[np.float64]] = []
    window_min = circular_minimum(radius, 2 * local + 1)
    is_minimum = (radius <= window_min) & (radius != np.roll(radius, 1))
    for index in (int(i) for i in np.flatnonzero(is_minimum)):
        left, right = _climb(radius, index, -1, reach), _climb(radius, index, 1, reach)
        left_tip, right_tip = contour[left], contour[right]
        prominence = min(radius[left], radius[right]) - radius[index]
        # a gap lies between two fingertips; a "tip" on the wrist's side of the frame is the wrist,
        # a sleeve or a reflection touching the hand, never a finger
        framed = any(wrist_distance(x, y) < margin for x, y in (contour[index], left_tip, right_tip))
        if prominence > 0.45 * palm_radius and not framed:
            found.append(contour[index])
    return found, palm_radius


def _finger_valleys(mask: GreyImage) -> npt.NDArray[np.float64] | None:
    """The three valleys between the four fingers, ordered along the hand, or None."""
    points, palm_radius = _valley_candidates(mask)
    best: tuple[float, npt.NDArray[np.float64]] | None = None
    for a, b, c in itertools.permutations(points, 3):
        d1, d2, d13 = np.linalg.norm(b - a), np.linalg.norm(c - b), np.linalg.norm(c - a)
        if not (0.25 * palm_radius < d1 < palm_radius and 0.25 * palm_radius < d2 < palm_radius):
            continue  # finger gaps are about a finger's width apart, ~0.6 of the palm's inscribed radius
        if d13 < max(d1, d2):
            continue
        ab, ac = b - a, c - a
        off_line = abs(ab[0] * ac[1] - ab[1] * ac[0]) / (d13 * d13)  # distance of b from line ac / |ac|
        # note: the middle valley sits a little off the line (the valleys lie on a gentle arc)
        cost = 0.5 * off_line + abs(d1 - d2) / d13 + 0.5 * abs((d1 + d2) / (2 * palm_radius) - 0.6)
        if cost < 0.5 and (best is None or cost < best[0]):
            best = (cost, np.stack([a, b, c]))
    return None if best is None else best[1]


def _square(
    center: npt.NDArray[np.float64], u: npt.NDArray[np.float64], n: npt.NDArray[np.float64], side: float
) -> npt.NDArray[np.float32]:
    half_u, half_n = u * side / 2, n * side / 2
    corners = [
        center - half_u - half_n,
        center + half_u - half_n,
        center + half_u + half_n,
        center - half_u + half_n,
    ]
    return np.array(corners, dtype=np.float32)


def _cut(grey: GreyImage, outline: npt.NDArray[np.float32]) -> GreyImage:
    destination = np.array([[0, 0], [ROI_SIZE - 1, 0], [ROI_SIZE - 1, ROI_SIZE - 1]], dtype=np.float32)
    transform = cv2.getAffineTransform(np.ascontiguousarray(outline[:3]), destination)
    return np.asarray(
        cv2.warpAffine(grey, transform, (ROI_SIZE, ROI_SIZE), flags=cv2.INTER_AREA), dtype=np.uint8
    )


def _from_full_hand(grey: GreyImage) -> PalmRoi:
    factor = WORK_WIDTH / grey.shape[1]
    size = (WORK_WIDTH, max(32, round(grey.shape[0] * factor)))
    work = np.asarray(cv2.resize(grey, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    mask = _hand_mask(work)
    valleys = _finger_valleys(mask)
    if valleys is None:
        if _touches_border(mask) >= 2:
            raise _fail("hand_cut_off", "The hand is partly outside the picture: move it to the centre.")
        raise _fail("fingers_closed", "The finger gaps cannot be seen: spread the fingers apart.")
    moments = cv2.moments(mask, binaryImage=True)
    centroid = np.array([moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]])
    first, last = valleys[0], valleys[2]
    span = float(np.linalg.norm(last - first))
    u = (last - first) / span
    n = np.array([-u[1], u[0]])
    middle = (first + last) / 2
    if float(np.dot(centroid - middle, n)) < 0:  # n points into the palm, u keeps a right-handed frame
        n, u, valleys = -n, -u, valleys[::-1]
    center = middle + n * ROI_OFFSET * span
    outline_work = _square(center, u, n, ROI_SIDE * span)
    height, width = mask.shape
    inside_frame = bool(np.all((outline_work >= 0) & (outline_work <= [width - 1, height - 1])))
    covered = _cut(mask, outline_work)
    if not inside_frame or float(np.mean(covered > 127)) < 0.97:
        raise _fail("hand_cut_off", "The palm is partly outside the picture: move the hand to the centre.")
    outline = (outline_work / factor).astype(np.float32)
    roi = _cut(grey, outline)
    full_mask = cv2.resize(mask, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_NEAREST)
    return PalmRoi(
        image=roi,
        source="fullhand",
        outline=outline,
        valleys=(valleys / factor).astype(np.float32),
        edge_width=edge_width(grey, np.asarray(full_mask, dtype=np.uint8)),
    )


def _from_crop(grey: GreyImage) -> PalmRoi:
    height, width = grey.shape
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    outline = np.array(
        [[left, top], [left + side, top], [left + side, top + side], [left, top + side]], dtype=np.float32
    )
    square = grey[top : top + side, left : left + side]
    roi = np.asarray(cv2.resize(square, (ROI_SIZE, ROI_SIZE), interpolation=cv2.INTER_AREA), dtype=np.uint8)
    return PalmRoi(image=roi, source="crop", outline=outline, valleys=None)


def find_palm_roi(image: npt.NDArray[np.generic], *, kind: str = "auto") -> PalmRoi:
    """Cut the normalised palm square from a capture; raise RoiNotFound with the reason if impossible.

    ``kind`` is "fullhand", "crop" or "auto" (decided by whether a dark background surrounds the hand).
    """
    grey = as_grey(image)
    if kind not in ("auto", "fullhand", "crop"):
        raise ValueError(f"unknown ROI kind {kind!r}")
    if float(grey.mean()) < 8 or int(grey.max()) < 40:
        raise _fail("too_dark", "The image is black: check that the scanner's light is on.")
    blurred = _fail("blurred", "The picture is blurred: hold the hand still and retake it.")
    if kind == "crop" or (kind == "auto" and looks_like_crop(grey)):
        result = _from_crop(grey)
        if float(result.image.mean()) < MIN_MEAN_BRIGHTNESS:
            raise _fail("too_dark", "The palm is too dark to see its veins: check the scanner's light.")
        if structure_snr(result.image) < MIN_STRUCTURE_SNR:
            raise _fail("no_hand", "The picture shows no palm structure (noise or a blank surface).")
        if band_sharpness(result.image) < MIN_BAND_SHARPNESS:
            raise blurred
        return result
    result = _from_full_hand(grey)
    if result.edge_width is not None and result.edge_width > MAX_EDGE_WIDTH:
        raise blurred
    return result
