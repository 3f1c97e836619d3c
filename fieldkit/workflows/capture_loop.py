"""Capture loops: take frames from a device until the quality gate passes.

Why here and not in each front-end: "capture until quality passes, auto-capture when the score is
reached, otherwise the best frame at a timeout, with a bounded number of tries" is a rule of the
product; the GUI shows the frames, but the choice of which frame to keep must be the same in the GUI,
the CLI and the tests. Frames come through ``capture``'s FrameSource, so a replay device and a real
scanner behave the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from capture.devices import FrameSource
from capture.errors import CaptureError
from fieldkit.errors import UserError
from matching.errors import MatchingError
from matching.face_engine import analyse_face
from matching.palm import analyse_palm

Image = npt.NDArray[np.uint8]


def best_frame(
    source: FrameSource, score: Callable[[Image], int], *, target: int, timeout: float, minimum: int
) -> Image:
    """The first frame scoring ``target`` or more, else the best one seen before ``timeout``.

    Raises UserError when no frame reaches ``minimum`` (the capture must be retaken) or the device fails.
    """
    deadline = time.monotonic() + timeout
    best: tuple[int, Image] | None = None
    last_problem = "no usable frame"
    while time.monotonic() < deadline:
        try:
            frame = source.grab(timeout=max(0.1, deadline - time.monotonic()))
        except CaptureError as exc:
            raise UserError(f"The device stopped delivering pictures: {exc.message}", code=exc.code) from None
        try:
            value = score(frame.image)
        except MatchingError as exc:
            last_problem = exc.message
            continue
        if best is None or value > best[0]:
            best = (value, frame.image)
        if value >= target:
            break
    if best is None or best[0] < minimum:
        raise UserError(
            f"No good picture within {timeout:.0f} s: {last_problem}", code="capture.no_good_frame"
        )
    return best[1]


def palm_quality(image: Image) -> int:
    """The palm quality score of a frame (raises MatchingError when no palm is found)."""
    return analyse_palm(image).quality.score


def face_quality(image: Image) -> int:
    """The face quality score of a frame (raises MatchingError when there is not exactly one face)."""
    return analyse_face(image).quality.score


def collect_palm_samples(
    source: FrameSource, count: int, *, target: int = 70, minimum: int = 40, timeout: float = 10.0
) -> list[Image]:
    """``count`` accepted palm frames for one hand (each one auto-captured or best-at-timeout)."""
    return [
        best_frame(source, palm_quality, target=target, timeout=timeout, minimum=minimum)
        for _ in range(count)
    ]
