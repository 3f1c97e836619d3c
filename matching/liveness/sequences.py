"""Frame sequences for measuring the active check: bona fide pose sequences built from several
photos of one person, and planar attacks built from one photo. Evaluation and tests only.

Why built this way: the evaluation data holds still photos, several per person, in different head
poses (AT&T/ORL: ten per person, turned and tilted a little) — not video. A bona fide sequence is
the person's most frontal photo, then for each prompt the photo turned furthest that way, each held
for a few frames, back to the frontal one between gestures; when the person has no photo turned
far enough the sequence cannot follow the prompt and counts as a bona fide failure, as it should.
An attack sequence is one photo on a flat sheet turned towards each prompt (``planar_view``),
moved smoothly — the attacker's best effort with a print or a phone.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

from matching.face_engine import detect_faces
from matching.liveness.active import _movement
from matching.liveness.geometry import pose_of
from matching.liveness.synthetic import planar_view

Frames = list[tuple[npt.NDArray[np.uint8], float]]
FPS = 10.0
HOLD_FRAMES = 3

# the flat sheet's turn/tilt that best imitates each prompt (measured sign: see synthetic.py)
ATTACK_POSES = {
    "turn_left": (-40.0, 0.0),
    "turn_right": (40.0, 0.0),
    "nod": (0.0, 40.0),
    "look_up": (0.0, -40.0),
}


def as_camera_frame(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """A small tight face crop (ORL is 92×112) enlarged 3× with a border, as a webcam frame would
    show a face: point tracking and the passive model's wide crop need context around the face."""
    if max(image.shape[:2]) >= 300:
        return image
    big = cv2.resize(image, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    return np.asarray(cv2.copyMakeBorder(big, 60, 60, 60, 60, cv2.BORDER_REPLICATE), dtype=np.uint8)


def _timed(images: Sequence[npt.NDArray[np.uint8]]) -> Frames:
    return [(image, index / FPS) for index, image in enumerate(images)]


def photo_pose_sequence(images: Sequence[npt.NDArray[np.uint8]], gestures: Sequence[str]) -> Frames | None:
    """A sequence answering ``gestures`` from one person's photos (None: no face in any photo)."""
    found = [(image, faces[0]) for image in images if (faces := detect_faces(image))]
    if not found:
        return None
    poses = [pose_of(face.landmarks) for _, face in found]
    neutral = int(
        np.argmin([abs(p.yaw) + abs(p.pitch - float(np.median([q.pitch for q in poses]))) for p in poses])
    )
    base = poses[neutral]
    shown = [found[neutral][0]] * HOLD_FRAMES
    for gesture in gestures:
        best = int(np.argmax([_movement(gesture, p, base) for p in poses]))
        shown += [found[best][0]] * HOLD_FRAMES + [found[neutral][0]] * HOLD_FRAMES
    return _timed(shown)


def planar_attack_sequence(
    image: npt.NDArray[np.uint8], gestures: Sequence[str], *, steps: int = 8, strength: float = 1.0
) -> Frames:
    """One photo on a flat sheet, turned smoothly towards each prompt and back."""
    shown = [image] * HOLD_FRAMES
    for gesture in gestures:
        yaw, pitch = (strength * v for v in ATTACK_POSES[gesture])
        ramp = [k / steps for k in range(1, steps + 1)]
        shown += [planar_view(image, yaw * t, pitch * t, distance=1.0) for t in ramp]
        shown += [planar_view(image, yaw, pitch, distance=1.0)] * HOLD_FRAMES
        shown += [planar_view(image, yaw * t, pitch * t, distance=1.0) for t in reversed(ramp[:-1])] + [
            image
        ] * HOLD_FRAMES
    return _timed(shown)
