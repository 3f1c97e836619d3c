"""The face facade has the palm facade's shape: an N×M score matrix and row fusion."""

from __future__ import annotations

import numpy as np
import pytest

from matching.face import compare, fuse
from matching.face_engine import similarity
from matching.face_template import FaceTemplate, to_bytes


def _unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=128).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_compare_is_an_enrolled_by_probe_matrix() -> None:
    enrolled = [to_bytes(FaceTemplate(embedding=_unit(i))) for i in range(3)]
    probes = [_unit(0), _unit(7)]
    scores = compare(enrolled, probes)
    assert scores.shape == (3, 2)
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-3)  # the same embedding
    assert scores[1, 1] == pytest.approx(float(similarity(_unit(7), _unit(1))), abs=1e-3)
    assert compare([], probes).shape == (0, 2)


def test_fuse_rules() -> None:
    scores = np.array([[0.9, 0.1], [0.5, 0.3]])
    assert np.allclose(fuse(scores), [0.9, 0.3])
    assert np.allclose(fuse(scores, "mean"), [0.7, 0.2])
    with pytest.raises(ValueError):
        fuse(scores, "median")
