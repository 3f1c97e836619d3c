"""Enrolment and certification fed by replay devices, through the capture loop."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.idcard.synthetic import synthetic_cards
from capture.replay import ReplayCamera
from fieldkit.errors import UserError
from fieldkit.workflows.capture_loop import best_frame, collect_palm_samples, palm_quality
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import no_hand, synthetic_hand
from storage.store import Store


def _folder(path: Path, images: list[np.ndarray]) -> Path:
    path.mkdir()
    for index, image in enumerate(images):
        cv2.imwrite(str(path / f"{index:03d}.png"), image)
    return path


def test_enrol_and_certify_from_replay_scanners(store: Store, tmp_path: Path) -> None:
    card = synthetic_cards(1, seed=9)[0]
    captured = {}
    for hand, identity in (("left", 120), ("right", 121)):
        frames = [no_hand(1), *[synthetic_hand(identity, i) for i in range(4)]]  # an empty scanner first
        scanner = ReplayCamera(_folder(tmp_path / hand, frames), kind="palm_scanner", fps=50, grey=True)
        scanner.open()
        try:
            captured[hand] = collect_palm_samples(scanner, 3, timeout=5)
        finally:
            scanner.close()
    outcome = enroll(
        store,
        card=card,
        face_image=None,
        palm_images=captured,
        actor="op",
        device="replay",
        place="p",
        cycle=2026,
    )
    assert outcome.status == "complete"
    fresh = ReplayCamera(
        _folder(tmp_path / "fresh", [synthetic_hand(121, 8)]), kind="palm_scanner", fps=50, grey=True
    )
    fresh.open()
    try:
        frame = best_frame(fresh, palm_quality, target=70, timeout=5, minimum=40)
    finally:
        fresh.close()
    result = certify(
        store,
        card=card,
        palm_images={"right": frame},
        face_image=None,
        actor="op",
        device="replay",
        place="p",
        cycle=2026,
    )
    assert result.decision is not None and result.decision.outcome == "accept"


def test_no_palm_in_any_frame_is_a_clear_retake(tmp_path: Path) -> None:
    scanner = ReplayCamera(_folder(tmp_path / "empty", [no_hand(2), no_hand(3)]), kind="palm_scanner", fps=50)
    scanner.open()
    try:
        with pytest.raises(UserError) as info:
            best_frame(scanner, palm_quality, target=70, timeout=0.5, minimum=40)
    finally:
        scanner.close()
    assert info.value.code == "capture.no_good_frame" and "No good picture" in info.value.message


def test_a_scanner_that_disappears_mid_capture_is_a_clear_error(tmp_path: Path) -> None:
    frames = [no_hand(4)]  # never a palm, and the device goes away after one pass
    scanner = ReplayCamera(_folder(tmp_path / "gone", frames), kind="palm_scanner", fps=50, loop=False)
    scanner.open()
    try:
        with pytest.raises(UserError) as info:
            best_frame(scanner, palm_quality, target=70, timeout=3, minimum=40)
    finally:
        scanner.close()
    assert info.value.code.startswith("device.") and "stopped delivering" in info.value.message
