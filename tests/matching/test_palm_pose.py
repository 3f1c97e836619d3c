"""The palm engine under the pose changes a contactless scanner meets between sessions.

Each factor is applied to the same synthetic capture (``synthetic_hand`` with one argument changed):
a thumb spread wide, a dark or a metal bracelet at the wrist, the hand further away or closer, the
hand turned in the plane. The ROI must still be found, must still match the neutral capture far
better than any other identity, and the enrolment consistency check must accept samples that differ
by pose alone yet flag crops that do not show the same part of the palm.
"""

from __future__ import annotations

import numpy as np
import pytest

from matching.palm_code import SHIFT, best_alignment, distances, encode, make_probe
from matching.palm_consistency import misaligned_samples
from matching.palm_roi import find_palm_roi
from matching.synthetic_palm import synthetic_hand

IDENTITIES = range(5)
FACTORS = {
    "thumb spread wide": {"thumb": 45.0},
    "dark bracelet": {"bracelet": "dark"},
    "metal bracelet": {"bracelet": "bright"},
    "further away": {"scale": 0.85},
    "closer": {"scale": 1.15},
    "turned left": {"angle": -25.0},
    "turned right": {"angle": 25.0},
}


@pytest.fixture(scope="module")
def neutral() -> dict[int, np.ndarray]:
    return {i: encode(find_palm_roi(synthetic_hand(i, 1)).image) for i in IDENTITIES}


@pytest.mark.parametrize("factor", list(FACTORS))
def test_pose_factor_keeps_the_same_palm(factor: str, neutral: dict[int, np.ndarray]) -> None:
    gallery = np.stack([neutral[i] for i in IDENTITIES])
    for identity in IDENTITIES:
        roi = find_palm_roi(synthetic_hand(identity, 1, **FACTORS[factor]))
        found = distances(make_probe(roi.image), gallery)
        others = np.delete(found, identity)
        assert found[identity] < 0.3, f"{factor}: identity {identity} drifted to {found[identity]:.3f}"
        assert found[identity] < others.min() - 0.1


def test_synthetic_factors_change_the_picture() -> None:
    plain = synthetic_hand(2, 1)
    for factor, arguments in FACTORS.items():
        assert np.mean(plain != synthetic_hand(2, 1, **arguments)) > 0.01, factor
    with pytest.raises(ValueError):
        synthetic_hand(2, 1, bracelet="golden")


def test_samples_that_differ_by_pose_are_consistent() -> None:
    for identity in IDENTITIES:
        rois = [find_palm_roi(synthetic_hand(identity, s)).image for s in range(3)]
        assert misaligned_samples([(make_probe(r), encode(r)) for r in rois]) is None


def test_a_crop_of_another_part_of_the_palm_is_flagged() -> None:
    roi = find_palm_roi(synthetic_hand(3, 1)).image
    moved = np.roll(roi, 5 * 4, axis=0)  # five code cells down: beyond the searched shifts
    disagreement = misaligned_samples([(make_probe(roi), encode(roi)), (make_probe(moved), encode(moved))])
    assert disagreement is not None and (disagreement.first, disagreement.second) == (1, 2)
    assert abs(disagreement.alignment.dy) == SHIFT or abs(disagreement.alignment.dx) == SHIFT
    assert (
        best_alignment(make_probe(roi), encode(roi)).dx
        == 0
        == best_alignment(make_probe(roi), encode(roi)).dy
    )
