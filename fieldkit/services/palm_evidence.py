"""Palm evidence for a person who must decide: the ROI crop of a capture, and scores per hand.

Why a service (and not the web page or headquarters' SQL): the crop a reviewer looks at must be the
very square the matcher compared — :func:`matching.palm_roi.find_palm_roi`, the same call enrolment
and the duplicate search make — and the score per hand must come from the same comparison and
fusion rules (:mod:`matching.palm`). Callers hand in bytes (a stored JPEG, stored templates) and get
bytes and numbers back; this module holds no state and touches no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from matching.errors import BadImage, RoiNotFound, TemplateError
from matching.image_io import decode_grey
from matching.palm import compare, fuse
from matching.palm_code import probe_from_code
from matching.palm_roi import find_palm_roi
from matching.palm_template import from_bytes

_PREVIEW_WIDTH = 256  # note: a capture whose ROI cannot be found is shown whole, this wide


@dataclass(frozen=True)
class PalmCrop:
    """A PNG for the reviewer: the ROI square (``is_roi``) or, when none is found, the whole capture."""

    png: bytes
    is_roi: bool
    reason: str = ""  # why the ROI was not found (the RoiNotFound code)


def palm_crop(image: bytes) -> PalmCrop:
    """The ROI crop of a stored palm capture (JPEG/PNG bytes) as PNG; raises BadImage if unreadable."""
    grey = decode_grey(image)
    try:
        square = find_palm_roi(grey).image
        is_roi, reason = True, ""
    except RoiNotFound as exc:
        height, width = grey.shape[:2]
        scale = _PREVIEW_WIDTH / max(1, width)
        size = (_PREVIEW_WIDTH, max(1, round(height * scale)))
        square = np.asarray(cv2.resize(grey, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
        is_roi, reason = False, exc.code
    ok, encoded = cv2.imencode(".png", np.ascontiguousarray(square))
    if not ok:
        raise BadImage("the palm crop could not be encoded")
    return PalmCrop(encoded.tobytes(), is_roi, reason)


def hand_scores(
    mine: Mapping[str, Sequence[bytes]], theirs: Mapping[str, Sequence[bytes]]
) -> dict[str, float | None]:
    """Per hand present on both sides: the fused score of their templates against mine (the best of
    my samples as probes, as the duplicate search does); None where a template cannot be read."""
    scores: dict[str, float | None] = {}
    for hand in sorted(set(mine) & set(theirs)):
        try:
            probes = [probe_from_code(t.code, t.search_code) for t in map(from_bytes, mine[hand])]
            enrolled = [from_bytes(t) for t in theirs[hand]]
        except TemplateError:
            scores[hand] = None
            continue
        if not probes or not enrolled:
            continue
        scores[hand] = round(float(np.max(fuse(compare(enrolled, probes)))), 4)
    return scores
