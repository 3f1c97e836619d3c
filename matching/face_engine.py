"""Faces: detection with five landmarks (YuNet), alignment, a 128-d embedding (SFace), and quality.

Why these steps: SFace was trained on faces aligned by a similarity transform that puts the eyes,
nose tip and mouth corners on a fixed 112×112 template (the ArcFace reference points), so the same
alignment is applied here from YuNet's landmarks. Small images (ID-card chip photos, tight crops)
are enlarged and given a border before detection, because YuNet needs some context around a face.
Embeddings are L2-normalised; a comparison is their cosine, mapped to [0, 1].
Quality is judged on what a clerk can fix: exactly one face, big enough, looking at the camera
(yaw and roll from the landmarks), sharp, and well lit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import MatchingError
from matching.face_models import load_models
from matching.image_io import as_grey

REFERENCE = np.array(
    [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]],
    dtype=np.float32,
)  # ArcFace 112×112 landmark template
ALIGNED = 112
MIN_DETECTION_WIDTH = 320  # small images are enlarged to this before detection
DETECTION_SIDE = 400  # larger images are reduced to this before detection (see detect_faces)
MIN_FACE_PIXELS = 40  # eye-to-mouth height in the original image below this is too small to trust
MIN_SCORE = 0.6

Embedding = npt.NDArray[np.float32]


class FaceError(MatchingError):
    """A capture that cannot give a face: ``face.none``, ``face.many``, ``face.too_small``."""

    code = "face.error"


@dataclass(frozen=True)
class DetectedFace:
    """One face in image coordinates."""

    box: tuple[float, float, float, float]  # x, y, width, height
    landmarks: npt.NDArray[np.float32]  # 5 × 2: right eye, left eye, nose tip, right and left mouth corner
    score: float


@dataclass(frozen=True)
class FaceQuality:
    """0-100 score, its parts, and what to tell the operator."""

    score: int
    parts: dict[str, int] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaceCapture:
    """An analysed face capture."""

    face: DetectedFace
    aligned: npt.NDArray[np.uint8]  # 112 × 112 × 3 BGR
    embedding: Embedding
    quality: FaceQuality


def _as_bgr(image: npt.NDArray[np.generic]) -> npt.NDArray[np.uint8]:
    if not isinstance(image, np.ndarray) or image.ndim not in (2, 3) or min(image.shape[:2], default=0) < 32:
        as_grey(image)  # raises the precise BadImage (empty, too small, wrong shape)
    if image.ndim == 3 and image.shape[2] == 3 and image.dtype == np.uint8:
        return np.ascontiguousarray(image)
    if image.ndim == 3 and image.shape[2] == 4 and image.dtype == np.uint8:
        return np.asarray(cv2.cvtColor(np.asarray(image, dtype=np.uint8), cv2.COLOR_BGRA2BGR), dtype=np.uint8)
    grey = as_grey(image)  # validates shape and type, converts depth
    return np.asarray(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), dtype=np.uint8)


def _detect_at(bgr: npt.NDArray[np.uint8], long_side: int) -> list[DetectedFace]:
    """Run YuNet on a copy whose long side is ``long_side`` (small images get a border for context)."""
    height, width = bgr.shape[:2]
    scale = long_side / max(height, width)
    pad = int(0.25 * long_side) if scale > 1.0 else 0
    interpolation = cv2.INTER_CUBIC if scale > 1.0 else cv2.INTER_AREA
    work = bgr if scale == 1.0 else cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=interpolation)
    if pad:
        work = cv2.copyMakeBorder(work, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    detector = load_models().detector
    detector.setInputSize((work.shape[1], work.shape[0]))
    _, rows = detector.detect(work)
    if rows is None:
        return []
    faces = []
    for row in sorted(np.asarray(rows), key=lambda r: -float(r[14])):
        if float(row[14]) < MIN_SCORE:
            continue
        box = tuple(float(v) for v in (row[:4] - [pad, pad, 0, 0]) / scale)
        landmarks = ((row[4:14].reshape(5, 2) - pad) / scale).astype(np.float32)
        faces.append(DetectedFace(box=box, landmarks=landmarks, score=float(row[14])))  # type: ignore[arg-type]
    return faces


def detect_faces(image: npt.NDArray[np.generic]) -> list[DetectedFace]:
    """All faces YuNet finds (score ≥ 0.6), in the input image's coordinates, best first.

    note: detection runs at a long side of 400 px (a camera frame's face stays well above YuNet's
    minimum there, and it is 2.5× faster than 640); a large image with no face found at that size
    is searched again at full resolution, so a distant face costs time, not a miss.
    """
    bgr = _as_bgr(image)
    long_side = max(bgr.shape[:2])
    faces = _detect_at(bgr, min(max(long_side, MIN_DETECTION_WIDTH), DETECTION_SIDE))
    if not faces and long_side > DETECTION_SIDE:
        faces = _detect_at(bgr, long_side)
    return faces


def align(image: npt.NDArray[np.generic], face: DetectedFace) -> npt.NDArray[np.uint8]:
    """The 112×112 crop SFace expects (similarity transform onto the reference landmarks)."""
    bgr = _as_bgr(image)
    matrix, _ = cv2.estimateAffinePartial2D(face.landmarks, REFERENCE, method=cv2.LMEDS)
    if matrix is None:
        raise FaceError("The face's landmarks are inconsistent; retake the picture.", code="face.landmarks")
    warped = cv2.warpAffine(bgr, matrix, (ALIGNED, ALIGNED), borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(warped, dtype=np.uint8)


def embed(aligned: npt.NDArray[np.uint8]) -> Embedding:
    """The L2-normalised 128-d SFace embedding of an aligned face."""
    blob = cv2.dnn.blobFromImage(aligned, 1.0, (ALIGNED, ALIGNED), (0, 0, 0), swapRB=True, crop=False)
    net = load_models().embedder
    net.setInput(blob, "data")
    vector = np.asarray(net.forward(), dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    if not np.isfinite(norm) or norm == 0.0:
        raise FaceError("No usable face features could be computed.", code="face.embedding")
    return vector / norm


def _pose(landmarks: npt.NDArray[np.float32]) -> tuple[float, float]:
    """(yaw, roll) in degrees, roughly: roll from the eye line, yaw from the nose's offset from mid-eyes."""
    right_eye, left_eye, nose = landmarks[0], landmarks[1], landmarks[2]
    dx, dy = left_eye - right_eye
    roll = float(np.degrees(np.arctan2(dy, dx)))
    eye_distance = float(np.hypot(dx, dy)) or 1.0
    middle = (right_eye + left_eye) / 2
    offset = float(np.dot(nose - middle, np.array([dx, dy]) / eye_distance)) / eye_distance
    yaw = float(np.degrees(np.arcsin(np.clip(offset * 2.0, -1.0, 1.0))))  # offset ±0.5 ~ profile
    return yaw, roll


def _ramp(value: float, bad: float, good: float) -> float:
    return float(np.clip((value - bad) / (good - bad), 0.0, 1.0) * 100.0)


def face_quality(face: DetectedFace, aligned: npt.NDArray[np.uint8]) -> FaceQuality:
    """Size, pose, sharpness and exposure of one detected face, combined by a geometric mean."""
    size = float(
        np.linalg.norm(
            (face.landmarks[3] + face.landmarks[4]) / 2 - (face.landmarks[0] + face.landmarks[1]) / 2
        )
    )
    yaw, roll = _pose(face.landmarks)
    grey = cv2.cvtColor(aligned, cv2.COLOR_BGR2GRAY)
    sharp = float(cv2.Laplacian(grey, cv2.CV_32F).var())
    mean = float(grey.mean())
    parts = {
        "size": _ramp(size, 12, MIN_FACE_PIXELS),
        "pose": min(_ramp(abs(yaw), 45, 15), _ramp(abs(roll), 30, 10)),
        "sharpness": _ramp(sharp, 15, 80),
        "exposure": min(_ramp(mean, 30, 80), _ramp(mean, 235, 190)),
    }
    values = np.array(list(parts.values())) / 100.0
    score = round(float(np.prod(np.maximum(values, 0.01)) ** 0.25) * 100) if values.min() > 0 else 0
    reasons = []
    if parts["size"] < 50:
        reasons.append("face too small: come closer to the camera")
    if parts["pose"] < 50:
        reasons.append("look straight at the camera")
    if parts["sharpness"] < 50:
        reasons.append("blurred: hold still")
    if parts["exposure"] < 50:
        reasons.append("too dark" if mean < 80 else "too bright")
    return FaceQuality(score=score, parts={k: round(v) for k, v in parts.items()}, reasons=tuple(reasons))


def analyse_face(image: npt.NDArray[np.generic], *, allow_several: bool = False) -> FaceCapture:
    """Detect exactly one face (or the largest, if ``allow_several``), align, embed and score it."""
    faces = detect_faces(image)
    if not faces:
        raise FaceError("No face was found: face the camera, with the face uncovered.", code="face.none")
    if len(faces) > 1 and not allow_several:
        raise FaceError(
            f"{len(faces)} faces are in the picture: only the retiree should face the camera.",
            code="face.many",
            count=len(faces),
        )
    face = max(faces, key=lambda f: f.box[2] * f.box[3])
    aligned = align(image, face)
    quality = face_quality(face, aligned)
    return FaceCapture(face=face, aligned=aligned, embedding=embed(aligned), quality=quality)


def similarity(a: Embedding, b: Embedding | npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """Scores in [0, 1]: the cosine of normalised embeddings mapped linearly ((cos + 1) / 2)."""
    cosine = np.asarray(b, dtype=np.float32) @ np.asarray(a, dtype=np.float32)
    return np.clip((np.asarray(cosine, dtype=np.float64) + 1.0) / 2.0, 0.0, 1.0)
