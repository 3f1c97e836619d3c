"""Liveness cost per camera frame, on one core (target: ≤ 15 ms per frame, issue 20), and the time
a cooperative person's challenge adds to a certification (target: ≤ 4 s).

What is timed, on 640×480 frames of the replay kit's synthetic face (``capture.replay_face``):
- active check per frame: YuNet detection + landmarks pose cues + planarity point tracking, i.e.
  ``ActiveSession.feed`` over a whole "live" script (median and 95th percentile per frame);
- passive MiniFASNet (both models) on one frame — run once per challenge (neutral frame), not per
  frame, so it is reported separately;
- palm checks of ``capture.pad`` on 12 synthetic NIR frames (micro-motion + halftone).
The challenge's duration for a cooperative person is the live script's own time line (frames at
15 fps: each turn ~0.4 s in, held 0.27 s, back ~0.33 s) — a synthetic pace, not a measured elderly one.

    .venv/bin/python benchmarks/bench_liveness.py
"""

from __future__ import annotations

import statistics
import time

import cv2
import numpy as np

from capture.pad import halftone_peak, micro_motion
from capture.replay_face import face_script
from matching.face_engine import detect_faces
from matching.liveness.active import ActiveSession
from matching.liveness.challenge import Challenge
from matching.liveness.passive import live_score
from matching.synthetic_palm import synthetic_hand

FPS = 15.0
TURNS = ["turn_left", "turn_right", "turn_left"]


def active_per_frame(rounds: int = 3) -> None:
    frames = face_script("live", TURNS)
    costs: list[float] = []
    seconds = 0.0
    for _ in range(rounds):
        session = ActiveSession(challenge=Challenge(list(TURNS)))
        for index, image in enumerate(frames):
            started = time.perf_counter()
            session.feed(image, index / FPS)
            costs.append((time.perf_counter() - started) * 1000)
            if session.finished:
                break
        assert session.result is not None and session.result.live, session.result
        seconds = session.result.seconds
    ordered = sorted(costs)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"active check per frame      median {statistics.median(costs):5.1f} ms, "
        f"p95 {p95:5.1f} ms ({len(costs)} frames)"
    )
    print(f"challenge, cooperative pace {seconds:5.2f} s for {len(TURNS)} gestures at {FPS:g} fps")


def passive_once(rounds: int = 20) -> None:
    image = face_script("still", TURNS)[0]
    box = detect_faces(image)[0].box
    live_score(image, box)  # load and verify the models first
    costs = []
    for _ in range(rounds):
        started = time.perf_counter()
        live_score(image, box)
        costs.append((time.perf_counter() - started) * 1000)
    print(
        f"passive MiniFASNet (2 nets) median {statistics.median(costs):5.1f} ms per call (once per challenge)"
    )


def palm_checks(rounds: int = 5) -> None:
    rng = np.random.default_rng(0)
    base = synthetic_hand(1, 0).astype(np.float32)
    frames = [
        np.clip(
            np.roll(base, int(rng.integers(-1, 2)), axis=1) + rng.normal(0, 2, base.shape), 0, 255
        ).astype(np.uint8)
        for _ in range(12)
    ]
    costs = []
    for _ in range(rounds):
        started = time.perf_counter()
        micro_motion(frames)
        halftone_peak(frames[-1])
        costs.append((time.perf_counter() - started) * 1000)
    print(
        f"palm image checks           median {statistics.median(costs):5.1f} ms "
        f"for 12 frames of {base.shape[1]}×{base.shape[0]}"
    )


if __name__ == "__main__":
    cv2.setNumThreads(1)  # one core, as the target says
    active_per_frame()
    passive_once()
    palm_checks()
