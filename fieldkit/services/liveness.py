"""The liveness use case for front-ends: open the devices, run the checks the policy requires,
hand back the evidence for ``certify``.

Why a service: the CLI's ``certify`` and the GUI's certification screen must run the same checks
the same way. A front-end passes a ``prompt`` callback (the GUI shows and speaks the prompt; the
CLI prints it) and gets ``LivenessEvidence``; the decision and the case are the workflow's
(``fieldkit.workflows.liveness``). Simulated devices are named as such: ``face_replay`` plays the
synthetic face of ``capture.replay_face`` acting out the prompts ("live") or a flat picture of it
("spoof"), ``palm_replay`` the simulated NIR scanner of ``capture.replay_palm_pad``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from capture.devices import Frame, FrameSource
from capture.errors import CaptureError
from fieldkit.errors import UserError
from fieldkit.workflows.liveness import (
    LivenessEvidence,
    LivenessPolicy,
    passive_verdict,
    run_face_challenge,
    run_palm_check,
)
from matching.liveness.active import ActiveSession
from matching.liveness.challenge import GESTURES, MAX_SKIPS, Timing, draw_challenge, prompt_text

FACE_REPLAYS = ("live", "spoof", "still")
PALM_REPLAYS = ("live", "print", "screen")
PALM_FRAMES = 12  # ~0.4 s at 30 fps: enough for the micro-motion cue


class FaceLivenessRun:
    """The face challenge for a front-end that owns its frame loop (the GUI's camera timer).

    Feed each camera frame with ``feed`` (it returns the prompt code to show: ``prompt_text`` gives
    the Chinese or English words); offer ``skip`` when the person cannot make the gesture; when
    ``finished``, ``evidence()`` gives what ``certify`` takes. Image work happens here, not in the GUI.
    """

    def __init__(
        self, policy: LivenessPolicy, *, kinds: tuple[str, ...] = GESTURES, timing: Timing | None = None
    ) -> None:
        self.policy = policy
        self.session = ActiveSession(challenge=draw_challenge(kinds=kinds, timing=timing))

    @property
    def gestures(self) -> list[str]:
        return list(self.session.challenge.gestures)

    @property
    def prompt(self) -> str:
        return self.session.prompt

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def gestures_done(self) -> int:
        return self.session.gestures_done

    @property
    def skips_left(self) -> int:
        """Skips the challenge still allows (``challenge.MAX_SKIPS`` in all)."""
        return max(MAX_SKIPS - len(self.session.challenge.skipped), 0)

    def tick(self, timestamp: float) -> None:
        """Apply the time limits without a frame (a camera that sends none still times out)."""
        self.session.tick(timestamp)

    def prompt_text(self, *, english: bool = False) -> str:
        return self.session.prompt_text(english=english)

    def feed(self, image: npt.NDArray[np.uint8], timestamp: float) -> str:
        return self.session.feed(image, timestamp)

    def skip(self, timestamp: float) -> bool:
        return self.session.skip(timestamp)

    def evidence(self) -> LivenessEvidence:
        """The result with its passive score and fused verdict (only once finished)."""
        result = self.session.result
        if result is None:
            raise UserError("The liveness challenge has not finished yet.", code="liveness.unfinished")
        return LivenessEvidence(
            face=result, face_verdict=passive_verdict(result, self.policy.passive_threshold)
        )


def print_prompt(code: str) -> None:
    """The CLI's prompt: Chinese, then English."""
    print(f"  liveness: {prompt_text(code)} / {prompt_text(code, english=True)}", flush=True)


def open_face_camera(
    home: Path, *, replay: str | None = None, device: str = "face_camera", replay_fps: float = 15.0
) -> FrameSource:
    """The camera for the challenge: a scripted synthetic face when ``replay`` is given, else the
    configured device for ``device`` (a role or driver name)."""
    if replay is not None:
        from capture.replay_face import ScriptedFaceCamera

        if replay not in FACE_REPLAYS:
            raise UserError(
                f"The face replay must be one of {', '.join(FACE_REPLAYS)}.", code="liveness.bad_replay"
            )
        camera: Any = ScriptedFaceCamera(script=replay, fps=replay_fps, queue_size=64)
        try:
            camera.open()
        except CaptureError as exc:
            raise UserError(exc.message, code=exc.code) from None
        return camera  # type: ignore[no-any-return]
    from fieldkit.devices.registry import open_device

    opened = open_device(home, device)
    if not isinstance(opened, FrameSource):
        raise UserError(f"{device} is not a camera.", code="liveness.not_a_camera")
    return opened


def palm_evidence(palm: npt.NDArray[np.uint8] | None, *, replay: str | None = None) -> Any:
    """The palm liveness report: from the simulated NIR scanner showing ``palm`` when ``replay`` is
    given; else from the single image a file gives (which cannot tell: "not available")."""
    if replay is None:
        return run_palm_check(object(), None, [] if palm is None else [palm])
    from capture.replay_palm_pad import SimulatedNirScanner

    if replay not in PALM_REPLAYS:
        raise UserError(
            f"The palm replay must be one of {', '.join(PALM_REPLAYS)}.", code="liveness.bad_replay"
        )
    if palm is None:
        raise UserError("A palm replay needs a palm image to show.", code="liveness.no_palm")
    scanner = SimulatedNirScanner(palm, replay)
    scanner.open()
    try:
        frames = [scanner.grab().image for _ in range(PALM_FRAMES)]
        return run_palm_check(scanner, scanner, frames)
    finally:
        scanner.close()


def certification_liveness(
    home: Path,
    policy: LivenessPolicy,
    *,
    prompt: Callable[[str], None] = print_prompt,
    face_replay: str | None = None,
    face_device: str = "face_camera",
    palm: npt.NDArray[np.uint8] | None = None,
    palm_replay: str | None = None,
    replay_fps: float = 15.0,
) -> LivenessEvidence | None:
    """Run the checks ``policy`` requires (None when it requires none). Enrolment passes the
    policy's enrolment part (``LivenessPolicy.for_enrolment()``): the same checks, the same way."""
    if not policy.any_required:
        return None
    evidence = LivenessEvidence()
    if policy.face_active == "required":
        camera = open_face_camera(home, replay=face_replay, device=face_device, replay_fps=replay_fps)
        try:
            evidence.face, evidence.face_verdict = run_face_challenge(
                camera, prompt=prompt, passive_threshold=policy.passive_threshold
            )
        except CaptureError as exc:  # note: unplugged mid-challenge: say so; nothing was recorded yet
            raise UserError(
                f"The camera failed during the liveness check: {exc.message}", code="liveness.camera"
            ) from None
        finally:
            camera.close()
    if policy.palm != "off":
        evidence.palm = palm_evidence(palm, replay=palm_replay)
    return evidence


def device_palm_evidence(
    scanner: object,
    palm: npt.NDArray[np.uint8] | None,
    frames: Sequence[npt.NDArray[np.uint8]] | None = None,
) -> Any:
    """The palm liveness report for the GUI: what the open scanner itself reports (a vendor SDK's
    liveness result), else what the frame sequence the capture kept allows (``palm_sequence``:
    the still hand's micro-motion, print dot patterns). One frame alone cannot tell, so without a
    sequence an ordinary scanner gives "not available", which is recorded and shown, never a
    silent pass."""
    shown = list(frames) if frames else ([] if palm is None else [palm])
    return run_palm_check(scanner, None, shown)


class GrabsFrames(Protocol):
    """Anything with a frame source's ``grab`` (the GUI wraps its source to make it stoppable)."""

    def grab(self, timeout: float = 2.0) -> Frame: ...


def palm_sequence(
    source: GrabsFrames,
    kept: npt.NDArray[np.uint8],
    *,
    count: int = PALM_FRAMES,
    seconds: float = 1.5,
    stop: Callable[[], bool] = lambda: False,
) -> list[npt.NDArray[np.uint8]]:
    """The kept palm frame and the frames that follow it while the hand is still on the scanner
    (``count`` in all, at most ``seconds``): what the palm sequence checks look at.

    Why the frames after the kept one and not before: before it the hand was still being laid
    down, and that movement would make a print look alive. A device problem or ``stop`` ends the
    sequence early; a short sequence is then reported as "not available", never as a pass.
    """
    frames = [kept]
    deadline = time.monotonic() + seconds
    while len(frames) < count and time.monotonic() < deadline and not stop():
        try:
            frames.append(source.grab(timeout=max(deadline - time.monotonic(), 0.05)).image)
        except CaptureError:
            break
    return frames


def with_palm_report(
    policy: LivenessPolicy,
    face: LivenessEvidence | None,
    scanner: object,
    palm: npt.NDArray[np.uint8] | None,
    frames: Sequence[npt.NDArray[np.uint8]] | None = None,
) -> LivenessEvidence | None:
    """The evidence to save: the face challenge's (as run earlier in the visit) and, when
    ``policy`` asks for palm liveness, the palm report of this scanner (call off the Qt thread).
    None when the policy requires nothing and nothing ran."""
    if not policy.any_required and face is None:
        return None
    evidence = LivenessEvidence(
        face=face.face if face else None, face_verdict=face.face_verdict if face else None
    )
    if policy.palm != "off":
        evidence.palm = device_palm_evidence(scanner, palm, frames)
    return evidence
