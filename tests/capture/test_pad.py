"""Palm liveness at the device: vendor verdicts recorded as given, the light test, micro-motion and
print cues on the simulated NIR scanner, and "not available" stated, never a pass."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from capture.pad import LivenessReport, PadSupport, check_palm_liveness, pad_support
from capture.replay import ReplayCamera
from capture.replay_palm_pad import SimulatedNirScanner
from matching.synthetic_palm import synthetic_hand


def _run(mode: str, frames: int = 12) -> LivenessReport:
    scanner = SimulatedNirScanner(synthetic_hand(3, 0), mode, seed=1)
    scanner.open()
    try:
        images = [scanner.grab().image for _ in range(frames)]
        return check_palm_liveness(scanner, images, scanner)
    finally:
        scanner.close()


def test_a_live_hand_passes_with_the_device_and_image_checks() -> None:
    report = _run("live")
    assert report.status == "live", report.reason
    assert report.source == "device_and_images"
    assert report.checks["led_off_ratio"] < 0.35 and report.checks["micro_motion_px"] > 0.15


def test_a_print_is_still_and_dotted_and_is_refused() -> None:
    report = _run("print")
    assert report.status == "spoof"
    assert "print dot pattern" in report.reason and "perfectly still" in report.reason


def test_a_screen_stays_bright_with_the_light_off_and_is_refused() -> None:
    report = _run("screen")
    assert report.status == "spoof" and "light off" in report.reason


def test_a_plain_scanner_with_one_frame_is_not_available_never_a_pass(tmp_path: object) -> None:
    plain = ReplayCamera(".", kind="palm_scanner")
    assert pad_support(plain) == PadSupport()
    report = check_palm_liveness(plain, [synthetic_hand(3, 0)])
    assert report.status == "not_available" and report.source == "none"
    assert "not available on this device" in report.reason
    assert report.summary()["status"] == "not_available"


def test_a_vendor_verdict_is_recorded_as_given() -> None:
    class VendorScanner:
        def liveness(self) -> LivenessReport:
            return LivenessReport("spoof", "vendor", "vendor SDK: no blood flow", {"vendor_code": True})

    assert pad_support(VendorScanner()).vendor_result
    report = check_palm_liveness(VendorScanner(), [])
    assert report.status == "spoof" and report.source == "vendor"


def test_simulated_scanner_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError):
        SimulatedNirScanner(np.zeros((64, 64), np.uint8), "mask")


def test_the_replay_face_device_acts_out_the_prompts_it_is_given() -> None:
    from capture.registry import builtin_registry

    camera = builtin_registry().create("replay-face", script="live", fps=200)
    camera.open()
    try:
        assert camera.info().simulated
        camera.act_out(["turn_right", "turn_left", "turn_right"])  # type: ignore[attr-defined]
        frames = [camera.grab().image for _ in range(10)]
    finally:
        camera.close()
    assert len(frames) == 10 and frames[0].shape == (480, 640, 3)


def test_the_print_peak_does_not_decide_on_frames_too_small_for_it() -> None:
    """On small frames a print's dot-screen peak falls inside real palms' range (measured on
    180×180 crops): the peak is recorded, the frame is not called a print on it."""
    from capture.pad import MIN_PRINT_PIXELS, check_palm_liveness
    from capture.replay_palm_pad import simulated_print

    big = simulated_print(synthetic_hand(3, 0))
    assert check_palm_liveness(object(), [big] * 8).status == "spoof"  # still, and the dots
    small = cv2.resize(big, (160, 120), interpolation=cv2.INTER_AREA)
    assert small.shape[0] * small.shape[1] < MIN_PRINT_PIXELS
    report = check_palm_liveness(object(), [small])
    assert report.checks["halftone_frame_too_small"] is True and report.status == "not_available"
