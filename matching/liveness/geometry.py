"""Head pose cues and planarity from YuNet's five landmarks.

Why these measures: YuNet gives the two eye centres, the nose tip and the two mouth corners, no
eyelids (so no blink test) and no 3-D pose. Two ratios are enough to tell whether a face follows a
prompt: the nose tip's offset from the mid-eye point along the eye line, divided by the inter-ocular
distance (yaw; about ±0.5 at profile), and the nose tip's height between the eye line and the mouth
line (pitch). Both are ratios, so they do not change when the face moves, scales or rolls.

The anti-spoof cue is **parallax**: the eyes and mouth corners lie close to one plane, the nose tip
stands ~2 cm in front of it. The homography fitted to the four outer points of two frames
(``cv2.findHomography``; four points fix it exactly) predicts where the nose tip should be if the
face were flat. A print or a screen moved, bent a little or tilted is one plane: the prediction is
right to within landmark noise. A head that turns or nods moves its nose tip off the prediction, in
proportion to the rotation. The error is given in inter-ocular distances. The box corners are not
used: they are the detector's regression, not points on the face.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Landmarks = npt.NDArray[np.float32]  # 5 × 2: right eye, left eye, nose tip, right and left mouth corner
OUTER = (0, 1, 3, 4)
NOSE = 2


@dataclass(frozen=True)
class Pose:
    """Yaw and pitch cues of one frame (ratios, not degrees) and the face's scale in pixels."""

    yaw: float  # > 0 when the person turns to their own left (nose towards their left eye)
    pitch: float  # larger when the person looks down
    eye_distance: float


def pose_of(landmarks: Landmarks) -> Pose:
    """The yaw and pitch ratios of one set of landmarks (see the module docstring)."""
    points = np.asarray(landmarks, dtype=np.float64).reshape(5, 2)
    right_eye, left_eye, nose = points[0], points[1], points[2]
    axis = left_eye - right_eye
    eye_distance = float(np.hypot(*axis)) or 1.0
    along = axis / eye_distance
    down = np.array([-along[1], along[0]])  # the eye line turned 90°: towards the mouth
    middle = (right_eye + left_eye) / 2
    mouth = (points[3] + points[4]) / 2
    yaw = float(np.dot(nose - middle, along)) / eye_distance
    face_height = float(np.dot(mouth - middle, down)) or 1.0
    pitch = float(np.dot(nose - middle, down)) / face_height
    return Pose(yaw=yaw, pitch=pitch, eye_distance=eye_distance)


def parallax(reference: Landmarks, current: Landmarks) -> float:
    """How far the nose tip is from where a flat face would put it, in inter-ocular distances.

    ``inf`` when the outer points are degenerate (no homography): never counted as live.
    """
    ref = np.asarray(reference, dtype=np.float64).reshape(5, 2)
    cur = np.asarray(current, dtype=np.float64).reshape(5, 2)
    matrix, _ = cv2.findHomography(ref[list(OUTER)], cur[list(OUTER)], 0)
    if matrix is None or not np.all(np.isfinite(matrix)):
        return float("inf")
    nose = np.array([ref[NOSE][0], ref[NOSE][1], 1.0])
    projected = matrix @ nose
    if abs(projected[2]) < 1e-9:
        return float("inf")
    predicted = projected[:2] / projected[2]
    eye_distance = float(np.hypot(*(cur[1] - cur[0]))) or 1.0
    return float(np.hypot(*(predicted - cur[NOSE]))) / eye_distance
