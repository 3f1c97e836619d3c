"""Synthetic palm images must look enough like real captures for tests and demos of the matching code to
mean something: right shapes, deterministic, dark background, bright hand entering from the right, finger
valleys only when the fingers are spread, and identity-specific vein patterns.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from matching.synthetic_palm import no_hand, synthetic_hand, synthetic_palm_crop, vein_pattern

DEEP = 70.0  # px; spread finger valleys and the thumb web measure 90–250, notches between closed tips < 60


def _silhouette_defect_depths(img: np.ndarray) -> list[float]:
    """Depths in px of the convexity defects of the largest Otsu blob, deepest first."""
    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contour = max(contours, key=cv2.contourArea)
    defects = cv2.convexityDefects(contour, cv2.convexHull(contour, returnPoints=False))
    if defects is None:
        return []
    return sorted((defects.reshape(-1, 4)[:, 3] / 256.0).tolist(), reverse=True)


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.ravel().astype(np.float64), b.ravel().astype(np.float64))[0, 1])


def _edge_strength(img: np.ndarray) -> float:
    """Strongest gradients after light smoothing: sensor noise is added after the optical blur, so a raw
    Laplacian would measure the noise rather than the sharpness of the silhouette."""
    smooth = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 2.0)
    gx, gy = cv2.Sobel(smooth, cv2.CV_32F, 1, 0), cv2.Sobel(smooth, cv2.CV_32F, 0, 1)
    return float(np.percentile(cv2.magnitude(gx, gy), 99.5))


def _high_pass(img: np.ndarray) -> np.ndarray:
    """Band-pass at vein scale: removes shading, and smooths enough that a few pixels of unaligned shift
    between two samples do not move a vein entirely off itself."""
    f = img.astype(np.float32)
    return cv2.GaussianBlur(f, (0, 0), 2.5) - cv2.GaussianBlur(f, (0, 0), 10.0)


def test_shapes_and_dtypes() -> None:
    hand = synthetic_hand(0, 0)
    assert hand.shape == (576, 768) and hand.dtype == np.uint8
    assert synthetic_hand(0, 0, width=640, height=480).shape == (480, 640)
    crop = synthetic_palm_crop(0, 0)
    assert crop.shape == (128, 128) and crop.dtype == np.uint8
    assert synthetic_palm_crop(0, 0, size=96).shape == (96, 96)
    empty = no_hand(0)
    assert empty.shape == (576, 768) and empty.dtype == np.uint8
    veins = vein_pattern(0)
    assert veins.shape == (256, 256) and veins.dtype == np.float32
    assert veins.min() >= 0.0 and veins.max() <= 1.0 and veins.max() > 0.5
    assert 0.03 < (veins > 0.5).mean() < 0.5  # a network of lines, neither empty nor a blob
    assert vein_pattern(0, size=128).shape == (128, 128)


def test_deterministic_and_sample_dependent() -> None:
    assert np.array_equal(synthetic_hand(3, 1), synthetic_hand(3, 1))
    assert np.array_equal(synthetic_hand(3, 1, fingers="closed"), synthetic_hand(3, 1, fingers="closed"))
    assert np.array_equal(synthetic_palm_crop(3, 1), synthetic_palm_crop(3, 1))
    assert np.array_equal(no_hand(3), no_hand(3))
    assert np.array_equal(vein_pattern(3), vein_pattern(3))
    assert not np.array_equal(synthetic_hand(3, 1), synthetic_hand(3, 2))
    assert not np.array_equal(synthetic_palm_crop(3, 1), synthetic_palm_crop(3, 2))
    assert not np.array_equal(no_hand(3), no_hand(4))


def test_returned_pattern_is_a_private_copy() -> None:
    veins = vein_pattern(5)
    veins[:] = 0.0
    assert vein_pattern(5).max() > 0.5


@pytest.mark.parametrize(("identity", "sample"), [(0, 0), (1, 1), (2, 2), (7, 0), (11, 3)])
def test_dark_background_and_bright_hand_from_the_right(identity: int, sample: int) -> None:
    img = synthetic_hand(identity, sample)
    for corner in (img[:20, :20], img[-20:, :20], img[:20, -20:], img[-20:, -20:]):
        assert corner.mean() < 45
    assert img[:, : img.shape[1] // 20].mean() < 50  # far from the hand, beyond the finger tips
    assert (img[:, -1] > 100).mean() > 0.3  # the wrist is cut by the right border
    threshold, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    assert 120 <= np.median(img[img > threshold]) <= 200


@pytest.mark.parametrize(("identity", "sample"), list(itertools.product(range(4), range(2))))
def test_spread_fingers_have_valleys_and_closed_fingers_do_not(identity: int, sample: int) -> None:
    spread = _silhouette_defect_depths(synthetic_hand(identity, sample))
    closed = _silhouette_defect_depths(synthetic_hand(identity, sample, fingers="closed"))
    assert sum(d > DEEP for d in spread) >= 4  # three finger valleys and the thumb web
    assert sum(d > DEEP for d in closed) <= 1  # the thumb web only


def test_failure_cases() -> None:
    assert synthetic_hand(2, 0, exposure=0.1).mean() < 15

    sharp, blurred = synthetic_hand(2, 0), synthetic_hand(2, 0, blur=8.0)
    assert _edge_strength(blurred) < 0.5 * _edge_strength(sharp)

    pushed = synthetic_hand(2, 0, shift=(-400.0, 0.0))
    assert (pushed[:, 0] > 100).mean() > 0.2  # fingers leave the frame on the left
    assert (pushed[:, -1] > 100).mean() > 0.3  # the wrist still comes in from the right

    cut = synthetic_hand(2, 0, cut_off=True)
    assert (cut[0, :] > 100).mean() > 0.2 and (cut[:, 0] > 100).mean() > 0.1


def test_no_hand_is_dark() -> None:
    for seed in range(5):
        img = no_hand(seed)
        assert img.mean() < 40
        assert (img > 100).mean() < 0.001  # at most a few specks


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        synthetic_hand(-1, 0)
    with pytest.raises(ValueError):
        synthetic_hand(0, 0, fingers="fist")
    with pytest.raises(ValueError):
        vein_pattern(0, size=4)


def test_vein_patterns_are_identity_specific() -> None:
    patterns = [vein_pattern(i) for i in range(10)]
    assert _pearson(vein_pattern(4), patterns[4]) == pytest.approx(1.0)
    for a, b in itertools.combinations(range(10), 2):
        assert abs(_pearson(patterns[a], patterns[b])) < 0.3


def test_veins_are_visible_darker_lines_on_the_palm() -> None:
    img = synthetic_hand(1, 0).astype(np.float32)
    centre = img[216:336, 442:602]  # around the palm centre at 68 %/48 % of the frame
    local = centre - cv2.GaussianBlur(centre, (0, 0), 8.0)
    assert np.percentile(local, 2) < -8  # vein lines several grey levels below their surroundings


def test_palm_crops_match_within_identity_more_than_across() -> None:
    crops = {i: [_high_pass(synthetic_palm_crop(i, s)) for s in range(2)] for i in range(10)}
    same = np.mean([_pearson(crops[i][0], crops[i][1]) for i in range(10)])
    different = np.mean([_pearson(crops[i][0], crops[(i + 1) % 10][1]) for i in range(10)])
    assert same > different + 0.3  # measured: ~0.54 against ~0.04
    means = [synthetic_palm_crop(i, s).mean() for i in range(10) for s in range(3)]
    assert 110 <= min(means) and max(means) <= 170
