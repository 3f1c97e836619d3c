"""What a live preview draws over a frame: the face box or palm outline, and the quality score.

Why in the workflows and not in the GUI: the analysis is the same one the capture loop's quality
gate uses (``matching.face_engine.analyse_face`` / ``matching.palm.analyse_palm``), so the bar the
clerk sees is the number auto-capture decides on; the GUI never processes images, it only draws the
plain numbers returned here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.errors import MatchingError
from matching.face_engine import analyse_face
from matching.palm import analyse_palm

Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Look:
    """One analysed preview frame: score 0-100 (None: nothing found), outline points, problem code."""

    score: int | None
    outline: tuple[tuple[float, float], ...] = ()
    reasons: tuple[str, ...] = ()
    problem: str | None = None  # a MatchingError code when nothing usable was found


def look_at_palm(image: Image) -> Look:
    """The palm's ROI square and quality (``problem`` set when no palm is found)."""
    try:
        capture = analyse_palm(image)
    except MatchingError as exc:
        return Look(None, problem=exc.code)
    outline = tuple((float(x), float(y)) for x, y in np.asarray(capture.roi.outline).reshape(-1, 2))
    return Look(capture.quality.score, outline, tuple(capture.quality.reasons))


def look_at_face(image: Image) -> Look:
    """The face box (as four corners) and quality (``problem`` set unless exactly one face)."""
    try:
        capture = analyse_face(image)
    except MatchingError as exc:
        return Look(None, problem=exc.code)
    x, y, w, h = capture.face.box
    outline = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return Look(capture.quality.score, outline, tuple(capture.quality.reasons))
