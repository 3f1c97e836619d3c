"""The palm engine's front door: one call from a capture to everything a workflow needs, and the
comparison of enrolled templates against fresh captures.

Why a facade: workflows (enrolment, certification, duplicate search) should not know that a palm
goes through a ROI step, a quality score, a code and a template format. Following bob.bio's shape,
``compare`` takes enrolled templates and probes and returns an N×M score matrix, and ``fuse``
combines several enrolled samples of one hand ("max": the best sample decides).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.palm_code import Probe, distances, make_probe, score_from_distance
from matching.palm_quality import PalmQuality, palm_quality
from matching.palm_roi import PalmRoi, find_palm_roi
from matching.palm_template import FORMAT_NAME, PalmTemplate, from_bytes, to_bytes
from matching.score_records import FUSION_RULES

__all__ = ["ENROL_FUSION", "FORMAT_NAME", "PalmCapture", "analyse_palm", "compare", "fuse"]

# note: how an enrolment's samples are fused into one score; chosen by cross-validation
# (``python -m matching.evaluate palm DIR --protocol enroll-verify``), not by hand
ENROL_FUSION = "max"


@dataclass(frozen=True)
class PalmCapture:
    """One analysed capture: where the palm is, how good it is, and its template and probe."""

    roi: PalmRoi
    quality: PalmQuality
    probe: Probe
    template: bytes  # versioned template bytes (``FORMAT_NAME``), what the store keeps


def analyse_palm(image: npt.NDArray[np.generic], *, kind: str = "auto") -> PalmCapture:
    """ROI, quality, probe and template of a capture; raises RoiNotFound / BadImage with a reason."""
    roi = find_palm_roi(image, kind=kind)
    quality = palm_quality(roi)
    probe = make_probe(roi.image)
    return PalmCapture(
        roi=roi,
        quality=quality,
        probe=probe,
        template=to_bytes(
            PalmTemplate(code=probe.code, quality=quality.score, search_code=probe.search_code)
        ),
    )


def compare(enrolled: Sequence[bytes | PalmTemplate], probes: Sequence[Probe]) -> npt.NDArray[np.float64]:
    """Scores in [0, 1] (higher = same palm), shape (len(enrolled), len(probes))."""
    templates = [from_bytes(t) if isinstance(t, bytes) else t for t in enrolled]
    if not templates or not probes:
        return np.zeros((len(templates), len(probes)))
    codes = np.stack([t.code for t in templates])
    columns = [score_from_distance(distances(probe, codes)) for probe in probes]
    return np.stack(columns, axis=1)


def fuse(scores: npt.NDArray[np.float64], how: str = ENROL_FUSION) -> npt.NDArray[np.float64]:
    """Combine the rows (several enrolled samples of one hand) into one score per probe.

    "max": the best sample decides; "mean": all samples; "top2": the mean of the two best, so one
    odd enrolment sample can neither carry nor sink a match.
    """
    if how not in FUSION_RULES:
        raise ValueError(f"unknown fusion {how!r}")
    return FUSION_RULES[how](np.asarray(scores, dtype=np.float64).T)
