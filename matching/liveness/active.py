"""The challenge–response session: frames in, a prompt out, and at the end a liveness result.

Why a frame-fed state machine: the camera loop (GUI, CLI with a replay device, tests) owns the
frames and the clock; the session only looks at each frame and its timestamp, so it never sleeps,
runs the same under test as in the field, and time-outs follow the frames' own clock.

Per frame: YuNet's landmarks give the pose cues (``geometry``); the face box's tracked points give
the planarity residual (``planarity``). A gesture counts when the pose moved past its step in the
asked direction for ``HOLD`` frames in a row; then the face must come back to the centre before
the next prompt. The result is "live" only if every gesture was followed in time **and** the face
region did not move like one flat sheet (median residual over the gestures ≥ ``PLANAR_LIMIT``).
Frames of the challenge (the neutral face and each gesture's peak) are returned as evidence.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.face_engine import DetectedFace, detect_faces
from matching.liveness.challenge import Challenge, draw_challenge, prompt_text
from matching.liveness.geometry import Pose, pose_of
from matching.liveness.planarity import PlanarityTracker

YAW_STEP = 0.10  # nose offset / eye distance; ~12° of head turn
PITCH_STEP = 0.08  # nose height / eye-to-mouth height; ~12° of nod
FRONTAL = 0.15  # |yaw| below this counts as facing the camera at the start
HOLD = 2  # frames in a row past the step
# inter-ocular distances. Was 0.08 (flat targets measured ≤ 0.06 on turns); raised after the
# subject-disjoint folds (python -m matching.evaluate pad --folds 5, AT&T/ORL): a flat photo tilted
# 56° to imitate a nod reached 0.084 and passed 0.08; the folds chose up to 0.084 and the one fold
# tuned without that person let it through held-out. Real ORL turns that followed the prompts
# measure ≥ 0.169, the replay kit's drawn live face 0.109–0.128.
PLANAR_LIMIT = 0.10

Detector = Callable[[npt.NDArray[np.uint8]], Sequence[DetectedFace]]


@dataclass(frozen=True)
class EvidenceFrame:
    """One kept frame of the challenge (BGR or grey, as captured)."""

    label: str  # "neutral" or "<gesture>_peak"
    image: npt.NDArray[np.uint8]
    timestamp: float


@dataclass(frozen=True)
class GestureResult:
    """How one gesture went: followed or not, how long it took, how far, how non-planar."""

    gesture: str
    followed: bool
    seconds: float
    movement: float  # the largest pose change in the asked direction (ratio units)
    planarity: float | None  # largest planar-fit residual during the gesture


@dataclass(frozen=True)
class ActiveResult:
    """The outcome ("live", "spoof", "timeout", "not_possible"), why, and the evidence."""

    outcome: str
    code: str
    reason: str
    gestures: tuple[GestureResult, ...]
    skipped: tuple[str, ...]
    planarity: float | None
    seconds: float
    frames: tuple[EvidenceFrame, ...] = ()

    @property
    def live(self) -> bool:
        return self.outcome == "live"

    def summary(self) -> dict[str, Any]:
        """JSON-ready record of the check (no images): what a certification stores beside its scores."""
        return {
            "check": "face_active",
            "outcome": self.outcome,
            "code": self.code,
            "planarity": None if self.planarity is None else round(self.planarity, 4),
            "seconds": round(self.seconds, 2),
            "skipped": list(self.skipped),
            "gestures": [
                {
                    "gesture": g.gesture,
                    "followed": g.followed,
                    "seconds": round(g.seconds, 2),
                    "movement": round(g.movement, 3),
                    "planarity": None if g.planarity is None else round(g.planarity, 4),
                }
                for g in self.gestures
            ],
        }


def _movement(gesture: str, pose: Pose, base: Pose) -> float:
    """How far the pose moved in the direction the gesture asks for (negative: the other way)."""
    if gesture == "turn_left":
        return (pose.yaw - base.yaw) / YAW_STEP
    if gesture == "turn_right":
        return (base.yaw - pose.yaw) / YAW_STEP
    if gesture == "nod":
        return (pose.pitch - base.pitch) / PITCH_STEP
    return (base.pitch - pose.pitch) / PITCH_STEP  # look_up


@dataclass
class ActiveSession:
    """Feed frames with ``feed``; read ``prompt``; ``skip`` once; ``result`` when ``finished``."""

    challenge: Challenge = field(default_factory=draw_challenge)
    detect: Detector = detect_faces
    result: ActiveResult | None = None
    _stage: str = "find_face"  # find_face | gesture | back
    _position: int = 0
    _started: float | None = None
    _stage_started: float = 0.0
    _last: float = 0.0  # timestamp of the latest frame
    _base: Pose | None = None
    _held: int = 0
    _best: float = 0.0
    _best_frame: EvidenceFrame | None = None
    _residual: float | None = None
    _done: list[GestureResult] = field(default_factory=list)
    _frames: list[EvidenceFrame] = field(default_factory=list)
    _tracker: PlanarityTracker = field(default_factory=PlanarityTracker)

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def prompt(self) -> str:
        """The prompt code to show and speak now (``challenge.PROMPTS``)."""
        if self.result is not None:
            return "done"
        if self._stage == "find_face":
            return "look_at_camera"
        if self._stage == "back":
            return "back_to_centre"
        return self.challenge.gestures[self._position]

    def prompt_text(self, *, english: bool = False) -> str:
        return prompt_text(self.prompt, english=english)

    @property
    def gestures_done(self) -> int:
        """How many gestures were followed so far (a front-end's progress indicator)."""
        return sum(1 for g in self._done if g.followed)

    def skip(self, now: float | None = None) -> bool:
        """The person cannot make the current gesture: replace it (once). A second skip ends the
        check as "not possible". Returns whether the challenge goes on."""
        if self.result is not None or self._stage != "gesture":
            return False
        now = self._last if now is None else now
        if self.challenge.skip(self._position) is None:
            self._finish(
                "not_possible",
                "liveness.not_possible",
                "more gestures were skipped than allowed; the liveness check could not be completed",
                now,
            )
            return False
        self._begin("gesture", now)  # the replacement gesture gets its full time
        return True

    def feed(self, image: npt.NDArray[np.uint8], timestamp: float) -> str:
        """Look at one frame; returns the prompt code to show next ("done" when finished)."""
        if self.result is not None:
            return "done"
        if self._started is None:
            self._started = self._stage_started = timestamp
        self._last = timestamp
        faces = self.detect(image)
        face = max(faces, key=lambda f: f.box[2] * f.box[3]) if faces else None
        if self._stage == "find_face":
            self._find_face(image, face, timestamp)
        elif face is None:
            # note: a lost face does not fail the gesture (the clock keeps running), but it breaks
            # the track: what comes back may be another picture (a swap behind a hand), so the
            # planarity reference starts again from the next frame with a face
            self._held = 0
            self._tracker.reset()
        else:
            self._follow(image, face, timestamp)
        self.tick(timestamp)
        return self.prompt

    def _begin(self, stage: str, now: float) -> None:
        self._stage, self._stage_started, self._held, self._best = stage, now, 0, 0.0
        self._best_frame, self._residual = None, None

    def _find_face(self, image: npt.NDArray[np.uint8], face: DetectedFace | None, now: float) -> None:
        if face is None:
            return
        pose = pose_of(face.landmarks)
        if abs(pose.yaw) >= FRONTAL:
            return
        self._base = pose
        self._frames.append(EvidenceFrame("neutral", image, now))
        self._tracker.start(image, face.box, pose.eye_distance)
        self._begin("gesture", now)

    def _track(self, image: npt.NDArray[np.uint8], face: DetectedFace) -> None:
        if not self._tracker.started:
            self._tracker.start(image, face.box, pose_of(face.landmarks).eye_distance)
            return
        residual = self._tracker.update(image)
        if residual is not None:
            self._residual = residual if self._residual is None else max(self._residual, residual)

    def _follow(self, image: npt.NDArray[np.uint8], face: DetectedFace, now: float) -> None:
        assert self._base is not None
        pose = pose_of(face.landmarks)
        if self._stage == "back":
            yaw_off = abs(pose.yaw - self._base.yaw) / YAW_STEP
            pitch_off = abs(pose.pitch - self._base.pitch) / PITCH_STEP
            if max(yaw_off, pitch_off) < 0.5:
                self._tracker.start(image, face.box, pose.eye_distance)  # a fresh reference per gesture
                self._begin("gesture", now)
            return
        self._track(image, face)
        gesture = self.challenge.gestures[self._position]
        movement = _movement(gesture, pose, self._base)
        if movement > self._best:
            self._best, self._best_frame = movement, EvidenceFrame(f"{gesture}_peak", image, now)
        self._held = self._held + 1 if movement >= 1.0 else 0
        if self._held < HOLD:
            return
        self._done.append(GestureResult(gesture, True, now - self._stage_started, self._best, self._residual))
        if self._best_frame is not None:
            self._frames.append(self._best_frame)
        self._position += 1
        if self._position >= len(self.challenge.gestures):
            self._decide(now)
        else:
            self._begin("back", now)

    def tick(self, now: float) -> None:
        """Apply the time limits at ``now`` (feed calls it; a caller without frames may too)."""
        if self.result is not None:
            return
        timing = self.challenge.timing
        limit = {"find_face": timing.find_face, "gesture": timing.per_gesture, "back": timing.back_to_centre}
        if now - self._stage_started <= limit[self._stage]:
            return
        asked = self.prompt
        if self._stage == "gesture":
            gesture = self.challenge.gestures[self._position]
            self._done.append(
                GestureResult(gesture, False, now - self._stage_started, self._best, self._residual)
            )
        code = "liveness.no_face" if self._stage == "find_face" else "liveness.timeout"
        reason = (
            f'the prompt "{prompt_text(asked, english=True)}" was not followed within '
            f"{limit[self._stage]:g} s; repeat the check, or skip a gesture the person cannot make"
        )
        self._finish("timeout", code, reason, now)

    def _decide(self, now: float) -> None:
        residuals = [g.planarity for g in self._done if g.planarity is not None]
        score = statistics.median(residuals) if residuals else None
        if score is not None and score >= PLANAR_LIMIT:
            self._finish(
                "live", "liveness.live", "the face followed every prompt and moved in depth", now, score
            )
        else:
            reason = (
                "the face followed the prompts but moved like a flat picture (a photo or a screen); "
                "suspected presentation attack"
            )
            self._finish("spoof", "liveness.planar", reason, now, score)

    def _finish(self, outcome: str, code: str, reason: str, now: float, score: float | None = None) -> None:
        if score is None:
            residuals = [g.planarity for g in self._done if g.planarity is not None]
            score = statistics.median(residuals) if residuals else None
        self.result = ActiveResult(
            outcome=outcome,
            code=code,
            reason=reason,
            gestures=tuple(self._done),
            skipped=tuple(self.challenge.skipped),
            planarity=score,
            seconds=now - (self._started if self._started is not None else now),
            frames=tuple(self._frames),
        )


def run_challenge(
    frames: Sequence[tuple[npt.NDArray[np.uint8], float]],
    challenge: Challenge,
    *,
    detect: Detector = detect_faces,
) -> ActiveResult:
    """Run a whole recorded sequence (evaluation, tests); a sequence that ends early times out."""
    session = ActiveSession(challenge=challenge, detect=detect)
    last = 0.0
    for image, timestamp in frames:
        session.feed(image, timestamp)
        last = timestamp
        if session.finished:
            break
    if session.result is None:
        session.tick(last + max(challenge.timing.find_face, challenge.timing.per_gesture) + 1.0)
    assert session.result is not None
    return session.result
