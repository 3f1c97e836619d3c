"""The palm evidence a reviewer sees: the matcher's own ROI square, the whole capture (with the
reason) when no palm is found, a clear error for bytes that are no image, and scores per hand."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fieldkit.services.palm_evidence import hand_scores, palm_crop
from matching.errors import BadImage
from matching.palm import analyse_palm
from matching.palm_roi import ROI_SIZE
from matching.synthetic_palm import synthetic_hand


def _jpeg(image: np.ndarray) -> bytes:  # type: ignore[type-arg]
    ok, data = cv2.imencode(".jpg", image)
    assert ok
    return bytes(data.tobytes())


def test_crop_is_the_roi_square_or_the_whole_capture_with_a_reason() -> None:
    crop = palm_crop(_jpeg(synthetic_hand(1, 0)))
    image = cv2.imdecode(np.frombuffer(crop.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert crop.is_roi and image.shape == (ROI_SIZE, ROI_SIZE)
    dark = palm_crop(_jpeg(np.full((480, 640), 5, np.uint8)))
    assert not dark.is_roi and dark.reason.startswith("roi.")
    shown = cv2.imdecode(np.frombuffer(dark.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert shown.shape == (192, 256)  # the whole capture, scaled down
    with pytest.raises(BadImage):
        palm_crop(b"not an image")


def test_scores_per_hand_high_for_the_same_palm_low_for_another() -> None:
    def templates(hand_id: int, first: int) -> list[bytes]:
        return [analyse_palm(synthetic_hand(hand_id, first + i)).template for i in range(2)]

    scores = hand_scores(
        {"left": templates(1, 0), "right": templates(2, 0)},
        {"left": templates(1, 5), "right": templates(3, 0)},
    )
    assert set(scores) == {"left", "right"}
    assert scores["left"] is not None and scores["right"] is not None
    assert scores["left"] > 0.6 > scores["right"]
    assert hand_scores({"left": [b"\x00damaged"]}, {"left": templates(1, 0)}) == {"left": None}
