"""Is the capture in focus, and is it a palm at all? Measures used by the ROI step and the quality score.

Why two focus measures: near-infrared veins are wide and soft even in a perfect capture, so fine
detail inside the palm says little about focus, and sensor noise adds fine detail of its own. In a
full-hand capture the hand's outline is a step edge against the dark background, and defocus widens
it directly: ``edge_width`` (contrast over steepest gradient, in pixels at a 768-pixel-wide
reference) measures 7-9 px on sharp real captures and 10-12 px after a 2-pixel Gaussian blur. A
palm crop has no outline, so it falls back to ``band_sharpness`` (fine over coarse band energy).
``structure_snr`` tells a palm from noise: how far the coarse (vein-scale) band rises above what the
image's own noise would give; real palms measure 15-70, pure noise about 1.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

from matching.image_io import GreyImage

REFERENCE_WIDTH = 768
MAX_EDGE_WIDTH = 11.0  # px at the reference width; sharp captures measure 7-9
MIN_BAND_SHARPNESS = 0.38  # palm crops: in-focus 0.45-0.8
MIN_STRUCTURE_SNR = 5.0


def edge_width(grey: GreyImage, hand: GreyImage) -> float:
    """Width of the hand's outline in pixels (scaled to a 768-pixel-wide image); larger = blurrier.

    ``hand`` is the hand mask at the size of ``grey``.
    """
    smooth = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), 1.0)
    gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    steepest = cv2.dilate(np.hypot(gx, gy), np.ones((9, 9), np.uint8))  # strongest slope near each point
    outline = cv2.morphologyEx(hand, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    inside = cv2.erode(hand, np.ones((15, 15), np.uint8)) > 0
    outside = cv2.dilate(hand, np.ones((15, 15), np.uint8)) == 0
    if not outline.any() or not inside.any() or not outside.any():
        return float("inf")
    contrast = float(np.median(grey[inside])) - float(np.median(grey[outside]))
    slope = float(np.median(steepest[outline]))
    if slope <= 0:
        return float("inf")
    return float(contrast / slope * REFERENCE_WIDTH / grey.shape[1])


def _bands(image: GreyImage) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    grey = image.astype(np.float32)
    finest = grey - cv2.GaussianBlur(grey, (0, 0), 0.8)
    fine = cv2.GaussianBlur(grey, (0, 0), 1.0) - cv2.GaussianBlur(grey, (0, 0), 3.0)
    coarse = cv2.GaussianBlur(grey, (0, 0), 3.0) - cv2.GaussianBlur(grey, (0, 0), 8.0)
    return finest, fine, coarse


@cache
def _white_noise_gains() -> tuple[float, float, float]:
    """Variance each band passes of unit white noise (measured once on a fixed noise image)."""
    noise = np.random.default_rng(0).normal(0.0, 1.0, (256, 256)).astype(np.float32)
    finest, fine, coarse = _bands(noise)  # type: ignore[arg-type]
    return float(finest.var()), float(fine.var()), float(coarse.var())


def band_sharpness(roi: GreyImage) -> float:
    """Fine detail relative to coarse detail, ~0 for a featureless blur."""
    _, fine, coarse = _bands(roi)
    return float(fine.std() / (coarse.std() + 1e-3))


def structure_snr(roi: GreyImage) -> float:
    """Coarse-band standard deviation over what the image's own noise would put there."""
    finest, _, coarse = _bands(roi)
    gain_finest, _, gain_coarse = _white_noise_gains()
    noise_sigma = float(np.median(np.abs(finest))) / 0.6745  # robust: noise dominates the finest band
    noise_variance = noise_sigma**2 / gain_finest
    return float(np.sqrt(coarse.var() / (noise_variance * gain_coarse + 1e-9)))
