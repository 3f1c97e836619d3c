"""The palm ROI step cuts a normalised 128×128 palm square from an open-hand capture (or passes a palm
crop through), and when it cannot, says why in a way the operator can act on: no hand, fingers closed,
hand cut off, too dark, blurred. Synthetic captures (``matching.synthetic_palm``) stand in for the
licensed real images.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from matching.errors import RoiNotFound
from matching.palm_code import distances, encode, make_probe
from matching.palm_roi import ROI_SIZE, PalmRoi, find_palm_roi
from matching.synthetic_palm import no_hand, synthetic_hand, synthetic_palm_crop

REASONS = {"roi.no_hand", "roi.fingers_closed", "roi.hand_cut_off", "roi.too_dark", "roi.blurred"}
IDENTITIES = range(4)
SAMPLES = range(3)


@pytest.fixture(scope="module")
def hands() -> dict[tuple[int, int], np.ndarray]:
    return {(i, s): synthetic_hand(i, s) for i in IDENTITIES for s in SAMPLES}


@pytest.fixture(scope="module")
def rois(hands: dict[tuple[int, int], np.ndarray]) -> dict[tuple[int, int], PalmRoi]:
    return {key: find_palm_roi(image) for key, image in hands.items()}


def _reason(image: np.ndarray, **kwargs: str) -> str:
    with pytest.raises(RoiNotFound) as caught:
        find_palm_roi(image, **kwargs)
    assert caught.value.message
    return caught.value.code


# ------------------------------------------------------------------------------------------ success


@pytest.mark.parametrize(("identity", "sample"), list(itertools.product(IDENTITIES, SAMPLES)))
def test_spread_hand_gives_a_full_hand_roi(
    hands: dict[tuple[int, int], np.ndarray], rois: dict[tuple[int, int], PalmRoi], identity: int, sample: int
) -> None:
    image, roi = hands[identity, sample], rois[identity, sample]
    assert roi.source == "fullhand"
    assert roi.image.shape == (ROI_SIZE, ROI_SIZE) == (128, 128) and roi.image.dtype == np.uint8
    assert roi.outline.shape == (4, 2)
    height, width = image.shape
    assert np.all(roi.outline >= 0) and np.all(roi.outline[:, 0] <= width - 1)
    assert np.all(roi.outline[:, 1] <= height - 1)
    assert roi.valleys is not None and roi.valleys.shape == (3, 2)
    # valleys lie on the hand's outline: on the bright/dark boundary, inside the frame
    assert (
        np.all(roi.valleys >= 0) and np.all(roi.valleys[:, 0] < width) and np.all(roi.valleys[:, 1] < height)
    )
    # the outline is a square (sides equal, diagonals equal) whose side is a sizeable part of the palm
    sides = np.linalg.norm(np.roll(roi.outline, -1, axis=0) - roi.outline, axis=1)
    assert sides.max() - sides.min() < 1.0
    assert 100 < sides.mean() < 400
    # the square lies on the bright hand, not on the dark background
    mask = np.zeros_like(image)
    cv2.fillConvexPoly(mask, np.round(roi.outline).astype(np.int32), 255)
    assert image[mask > 0].mean() > 100
    assert roi.image.mean() > 100


def test_roi_is_deterministic(
    hands: dict[tuple[int, int], np.ndarray], rois: dict[tuple[int, int], PalmRoi]
) -> None:
    again = find_palm_roi(hands[1, 1])
    assert np.array_equal(again.image, rois[1, 1].image)
    assert np.array_equal(again.outline, rois[1, 1].outline)


def test_same_identity_rois_match_better_than_different_identities(
    rois: dict[tuple[int, int], PalmRoi],
) -> None:
    """After ROI normalisation, two samples of one hand compare closer than any two hands (pose drops out)."""
    probes = {key: make_probe(roi.image) for key, roi in rois.items() if key[1] == 0}
    codes = {key: encode(roi.image) for key, roi in rois.items() if key[1] != 0}
    genuine, impostor = [], []
    for (i, _), probe in probes.items():
        for (j, _), code in codes.items():
            distance = float(distances(probe, code))
            (genuine if i == j else impostor).append(distance)
    assert len(genuine) == 2 * len(IDENTITIES)
    assert max(genuine) < min(impostor)
    assert np.mean(genuine) < np.mean(impostor) - 0.15


def test_bgr_capture_works(
    hands: dict[tuple[int, int], np.ndarray], rois: dict[tuple[int, int], PalmRoi]
) -> None:
    colour = cv2.cvtColor(hands[0, 0], cv2.COLOR_GRAY2BGR)
    roi = find_palm_roi(colour)
    assert roi.source == "fullhand" and roi.image.shape == (128, 128)
    assert np.abs(roi.image.astype(int) - rois[0, 0].image.astype(int)).max() <= 1


def test_hand_on_a_smaller_frame(rois: dict[tuple[int, int], PalmRoi]) -> None:
    """Sensor size drops out: the same hand at 640×480 gives a ROI that matches the 768×576 one."""
    roi = find_palm_roi(synthetic_hand(2, 0, width=640, height=480))
    assert roi.source == "fullhand" and roi.image.shape == (128, 128)
    assert float(distances(make_probe(roi.image), encode(rois[2, 0].image))) < 0.3


@pytest.mark.parametrize("identity", [0, 5])
def test_palm_crop_is_passed_through(identity: int) -> None:
    crop = synthetic_palm_crop(identity, 0)
    roi = find_palm_roi(crop)
    assert roi.source == "crop"
    assert roi.image.shape == (128, 128) and roi.image.dtype == np.uint8
    assert np.array_equal(roi.image, crop)  # already 128×128: unchanged
    assert roi.valleys is None
    assert roi.outline.shape == (4, 2)


def test_larger_crop_is_resized_to_roi_size() -> None:
    crop = synthetic_palm_crop(3, 1, size=200)
    roi = find_palm_roi(crop, kind="auto")
    assert roi.source == "crop" and roi.image.shape == (128, 128)


def test_kind_crop_forces_the_crop_path(hands: dict[tuple[int, int], np.ndarray]) -> None:
    roi = find_palm_roi(hands[0, 0], kind="crop")
    assert roi.source == "crop" and roi.valleys is None and roi.image.shape == (128, 128)
    assert find_palm_roi(synthetic_palm_crop(1, 0), kind="crop").source == "crop"


def test_kind_fullhand_forces_the_full_hand_path(hands: dict[tuple[int, int], np.ndarray]) -> None:
    assert find_palm_roi(hands[0, 0], kind="fullhand").source == "fullhand"
    # a crop has no finger valleys: forced through the full-hand path it fails with a reason, not a crash
    assert _reason(synthetic_palm_crop(0, 0), kind="fullhand") in REASONS


def test_unknown_kind_is_a_programming_error(hands: dict[tuple[int, int], np.ndarray]) -> None:
    with pytest.raises(ValueError):
        find_palm_roi(hands[0, 0], kind="bogus")


# ------------------------------------------------------------------------------------------ failures


@pytest.mark.parametrize("identity", range(3))
def test_closed_fingers(identity: int) -> None:
    assert _reason(synthetic_hand(identity, 0, fingers="closed")) == "roi.fingers_closed"


@pytest.mark.parametrize("seed", range(3))
def test_empty_scanner_is_no_hand(seed: int) -> None:
    """An empty capture box is the normal dark background: the operator must be told to place the hand,
    not to check the scanner's light."""
    assert _reason(no_hand(seed)) == "roi.no_hand"


@pytest.mark.parametrize("identity", range(2))
def test_underexposed_hand_is_too_dark(identity: int) -> None:
    assert _reason(synthetic_hand(identity, 0, exposure=0.05)) == "roi.too_dark"


def test_black_image_is_too_dark() -> None:
    assert _reason(np.zeros((576, 768), np.uint8)) == "roi.too_dark"
    assert _reason(np.zeros((128, 128), np.uint8)) == "roi.too_dark"


@pytest.mark.parametrize("level", [0, 5, 30, 50, 128, 200, 255])
@pytest.mark.parametrize("kind", ["auto", "fullhand", "crop"])
def test_constant_image_never_crashes(level: int, kind: str) -> None:
    assert _reason(np.full((576, 768), level, np.uint8), kind=kind) in REASONS


@pytest.mark.parametrize("identity", range(2))
def test_hand_cut_off(identity: int) -> None:
    assert _reason(synthetic_hand(identity, 0, cut_off=True)) == "roi.hand_cut_off"


@pytest.mark.parametrize("identity", range(2))
def test_hand_pushed_out_of_the_frame(identity: int) -> None:
    assert _reason(synthetic_hand(identity, 0, shift=(-400.0, 0.0))) == "roi.hand_cut_off"


@pytest.mark.parametrize("identity", range(3))
def test_heavily_blurred_hand(hands: dict[tuple[int, int], np.ndarray], identity: int) -> None:
    """A strong blur applied to a finished capture (noise blurred with it)."""
    blurred = cv2.GaussianBlur(hands[identity, 0], (0, 0), 10.0)
    assert _reason(blurred) == "roi.blurred"


@pytest.mark.parametrize("identity", range(3))
def test_defocused_capture_with_sensor_noise_is_blurred(identity: int) -> None:
    """``synthetic_hand(blur=8)`` is an optically defocused capture (blur, then sensor noise, as a camera
    does); the synthetic-palm tests use it as the canonical blurred case. Sensor noise must not make it
    pass as sharp."""
    assert _reason(synthetic_hand(identity, 0, blur=8.0)) == "roi.blurred"


def test_blurred_palm_crop() -> None:
    crop = synthetic_palm_crop(2, 0)
    assert find_palm_roi(crop).source == "crop"
    assert _reason(cv2.GaussianBlur(crop, (0, 0), 6.0)) == "roi.blurred"


@pytest.mark.parametrize("shape", [(576, 768), (128, 128)])
def test_random_noise_is_not_a_palm(shape: tuple[int, int]) -> None:
    noise = np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)
    assert _reason(noise) in REASONS


def test_random_noise_through_the_full_hand_path_does_not_crash() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (576, 768), dtype=np.uint8)
    assert _reason(noise, kind="fullhand") in REASONS


def test_bad_array_is_a_bad_image_not_a_crash() -> None:
    from matching.errors import BadImage

    with pytest.raises(BadImage):
        find_palm_roi(np.zeros((10, 10), np.uint8))
