"""The palm engine's front door: capture -> template/probe, N×M comparison and fusion."""

from __future__ import annotations

import numpy as np
import pytest

from matching.errors import RoiNotFound
from matching.palm import analyse_palm, compare, fuse
from matching.palm_template import from_bytes
from matching.synthetic_palm import synthetic_hand


@pytest.fixture(scope="module")
def captures():  # type: ignore[no-untyped-def]
    return {(i, s): analyse_palm(synthetic_hand(i, s)) for i in (1, 2) for s in (0, 1, 4)}


def test_capture_has_template_probe_and_quality(captures) -> None:  # type: ignore[no-untyped-def]
    capture = captures[1, 0]
    template = from_bytes(capture.template)
    assert np.array_equal(template.code, capture.probe.code)
    assert template.quality == capture.quality.score and 0 <= capture.quality.score <= 100
    assert capture.roi.source == "fullhand"


def test_compare_matrix_and_fusion(captures) -> None:  # type: ignore[no-untyped-def]
    enrolled = [captures[1, 0].template, captures[1, 1].template]
    scores = compare(enrolled, [captures[1, 4].probe, captures[2, 4].probe])
    assert scores.shape == (2, 2)
    assert np.all((scores >= 0) & (scores <= 1))
    fused = fuse(scores)
    assert fused[0] > fused[1] + 0.2  # the same hand a year later beats another hand clearly
    assert np.allclose(fuse(scores, "mean"), scores.mean(axis=0))
    with pytest.raises(ValueError):
        fuse(scores, "median")
    assert compare([], [captures[1, 4].probe]).shape == (0, 1)


def test_closed_fingers_are_refused_with_a_reason() -> None:
    with pytest.raises(RoiNotFound) as info:
        analyse_palm(synthetic_hand(3, 0, fingers="closed"))
    assert info.value.code == "roi.fingers_closed"
