"""A 0-100 quality score for a palm capture, with the reasons behind a low score.

Why these four parts: a template is only as good as the veins it saw. Exposure (too dark, or burnt
out by the NIR light), focus (a moving or lifted hand), vein contrast (veins visible through the
skin at all) and area (how many sensor pixels the palm covers) are each measured on the ROI, mapped
to 0-100 between a "useless" and a "good" level, and combined by a geometric mean so that one bad
part cannot be hidden by good ones. The levels come from the physics of 8-bit NIR captures and the
blur measure in ``palm_roi``; the enrolment workflow decides what score to accept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from matching.image_io import GreyImage
from matching.palm_focus import MAX_EDGE_WIDTH, MIN_BAND_SHARPNESS, band_sharpness
from matching.palm_roi import PalmRoi


@dataclass(frozen=True)
class PalmQuality:
    """The score, its parts (each 0-100), and what to tell the operator when it is low."""

    score: int
    parts: dict[str, int] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def _ramp(value: float, bad: float, good: float) -> float:
    """0 at ``bad``, 100 at ``good``, linear between (either direction)."""
    return float(np.clip((value - bad) / (good - bad), 0.0, 1.0) * 100.0)


def vein_contrast(image: GreyImage) -> float:
    """Standard deviation of the 2-8 px band (where veins live) relative to the mean brightness."""
    grey = image.astype(np.float32)
    band = cv2.GaussianBlur(grey, (0, 0), 2.0) - cv2.GaussianBlur(grey, (0, 0), 8.0)
    return float(band.std() / (grey.mean() + 1.0))


def palm_quality(roi: PalmRoi) -> PalmQuality:
    """Score a ROI found by ``find_palm_roi``."""
    image = roi.image
    mean = float(image.mean())
    clipped = float(np.mean(image >= 250) + np.mean(image <= 5))
    exposure = min(_ramp(mean, 25, 70), _ramp(mean, 245, 200), _ramp(clipped, 0.3, 0.02))
    if roi.edge_width is not None:
        focus = _ramp(roi.edge_width, MAX_EDGE_WIDTH, 8.5)  # sharp real captures measure 7-9 px
    else:
        focus = _ramp(band_sharpness(image), MIN_BAND_SHARPNESS, 0.5)
    contrast = _ramp(vein_contrast(image), 0.004, 0.02)
    side = float(np.linalg.norm(roi.outline[1] - roi.outline[0]))
    area = _ramp(side, 48, 110)  # palm width in sensor pixels: below ~50 px the veins blur together
    parts = {
        "exposure": round(exposure),
        "focus": round(focus),
        "contrast": round(contrast),
        "area": round(area),
    }
    values = np.array([exposure, focus, contrast, area]) / 100.0
    score = round(float(np.prod(np.maximum(values, 0.01)) ** 0.25) * 100) if values.min() > 0 else 0
    reasons = []
    if exposure < 50:
        reasons.append("too dark" if mean < 70 else "too bright")
    if focus < 50:
        reasons.append("blurred: hold the hand still")
    if contrast < 50:
        reasons.append("veins barely visible")
    if area < 50:
        reasons.append("palm too small in the picture: move the hand closer")
    return PalmQuality(score=score, parts=parts, reasons=tuple(reasons))
