"""The 0-100 capture quality: a good capture scores higher than the same hand under-exposed or blurred,
and a low score says why (the operator reads the reasons on screen).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from matching.palm_quality import PalmQuality, palm_quality
from matching.palm_roi import PalmRoi, find_palm_roi
from matching.synthetic_palm import synthetic_hand, synthetic_palm_crop

IDENTITIES = (0, 1, 2)
PARTS = {"exposure", "focus", "contrast", "area"}


@pytest.fixture(scope="module")
def hands() -> dict[int, np.ndarray]:
    return {i: synthetic_hand(i, 0) for i in IDENTITIES}


@pytest.fixture(scope="module")
def good(hands: dict[int, np.ndarray]) -> dict[int, PalmQuality]:
    return {i: palm_quality(find_palm_roi(image)) for i, image in hands.items()}


def _check_shape(quality: PalmQuality) -> None:
    assert isinstance(quality.score, int) and 0 <= quality.score <= 100
    assert set(quality.parts) == PARTS
    for value in quality.parts.values():
        assert isinstance(value, int) and 0 <= value <= 100
    assert all(isinstance(reason, str) and reason for reason in quality.reasons)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_good_capture_scores_well(good: dict[int, PalmQuality], identity: int) -> None:
    quality = good[identity]
    _check_shape(quality)
    assert quality.score >= 70
    assert quality.parts["exposure"] == 100 and quality.parts["area"] == 100
    assert not any("dark" in reason or "bright" in reason for reason in quality.reasons)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_dark_capture_scores_lower_and_says_too_dark(good: dict[int, PalmQuality], identity: int) -> None:
    dark = palm_quality(find_palm_roi(synthetic_hand(identity, 0, exposure=0.3)))
    _check_shape(dark)
    assert dark.score < good[identity].score
    assert dark.parts["exposure"] < good[identity].parts["exposure"]
    assert any("too dark" in reason for reason in dark.reasons)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_blurred_capture_scores_lower(
    hands: dict[int, np.ndarray], good: dict[int, PalmQuality], identity: int
) -> None:
    # a mild blur (sigma 2.5 px) is still accepted by the ROI step but must cost quality;
    # heavier blur is refused outright (see test_palm_roi)
    blurred = palm_quality(find_palm_roi(cv2.GaussianBlur(hands[identity], (0, 0), 2.5)))
    _check_shape(blurred)
    assert blurred.score < good[identity].score
    assert blurred.parts["exposure"] == good[identity].parts["exposure"]  # blur does not change brightness


def test_overexposed_capture_says_too_bright() -> None:
    bright = palm_quality(find_palm_roi(synthetic_hand(0, 0, exposure=1.6)))
    _check_shape(bright)
    assert bright.parts["exposure"] < 50
    assert any("too bright" in reason for reason in bright.reasons)
    assert not any("too dark" in reason for reason in bright.reasons)


def test_zero_part_gives_zero_score() -> None:
    """The parts combine by geometric mean: one useless part cannot be hidden by good ones."""
    burnt = palm_quality(find_palm_roi(synthetic_hand(0, 0, exposure=1.6)))
    assert burnt.parts["exposure"] == 0
    assert burnt.score == 0


def test_small_palm_is_reported() -> None:
    """A palm crop only 64 px across covers few sensor pixels: the area part says so."""
    small = synthetic_palm_crop(1, 0, size=64)
    quality = palm_quality(find_palm_roi(small))
    _check_shape(quality)
    assert quality.parts["area"] < 50
    assert any("small" in reason for reason in quality.reasons)
    large = palm_quality(find_palm_roi(synthetic_palm_crop(1, 0, size=128)))
    assert large.parts["area"] == 100 and large.score > quality.score


def test_flat_roi_has_no_visible_veins() -> None:
    flat = np.full((128, 128), 140, np.uint8)
    flat += np.random.default_rng(0).integers(0, 3, flat.shape, dtype=np.uint8)  # sensor noise only
    roi = PalmRoi(
        image=flat,
        source="crop",
        outline=np.array([[0, 0], [128, 0], [128, 128], [0, 128]], np.float32),
        valleys=None,
    )
    quality = palm_quality(roi)
    _check_shape(quality)
    assert quality.parts["contrast"] < 50
    assert any("veins" in reason for reason in quality.reasons)


def test_quality_is_deterministic(hands: dict[int, np.ndarray], good: dict[int, PalmQuality]) -> None:
    assert palm_quality(find_palm_roi(hands[1])) == good[1]
