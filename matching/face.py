"""The face engine's front door, in the same shape as the palm facade (``matching.palm``).

Why: a workflow that compares a fresh capture with enrolled templates should read the same for
both modalities — ``compare(enrolled, probes)`` gives an N×M score matrix, ``fuse`` combines an
enrolment's rows — so fusion and decisions never depend on which engine produced the scores.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.face_engine import Embedding, FaceCapture, analyse_face, similarity
from matching.face_template import FORMAT_NAME, FaceTemplate, from_bytes
from matching.score_records import FUSION_RULES

__all__ = ["FORMAT_NAME", "FaceCapture", "analyse_face", "compare", "fuse"]


def compare(enrolled: Sequence[bytes | FaceTemplate], probes: Sequence[Embedding]) -> npt.NDArray[np.float64]:
    """Scores in [0, 1] (higher = same person), shape (len(enrolled), len(probes))."""
    templates = [from_bytes(t) if isinstance(t, bytes) else t for t in enrolled]
    if not templates or not probes:
        return np.zeros((len(templates), len(probes)))
    gallery = np.stack([t.embedding for t in templates])
    return np.stack([similarity(probe, gallery) for probe in probes], axis=1)


def fuse(scores: npt.NDArray[np.float64], how: str = "max") -> npt.NDArray[np.float64]:
    """Combine the rows (several enrolled portraits) into one score per probe ("max", "mean", "top2")."""
    if how not in FUSION_RULES:
        raise ValueError(f"unknown fusion {how!r}")
    return FUSION_RULES[how](np.asarray(scores, dtype=np.float64).T)
