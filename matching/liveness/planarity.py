"""Does the face region move like one flat sheet? Point tracks and a homography's residual.

Why point tracks and not only the five landmarks: measured on the evaluation faces, YuNet's
landmarks are a regression from appearance, and on a photo turned 45° in front of the camera they
move the nose tip as if the head had turned (the landmark "parallax" of a flat photo reached 0.1–0.24
inter-ocular distances, as much as a real turn). Image points do not: ~100 grid points of the face
box are tracked frame to frame (pyramidal Lucas–Kanade, so each step is small even when the whole
gesture is large) and a homography is fitted with RANSAC from the reference frame to the current
one. A print or screen, however it is turned, tilted or moved, fits it to within tracking noise
(~0.02–0.04 inter-ocular distances); a turning head does not — the nose, cheeks and jaw move
differently and the far cheek disappears — so the 75th-percentile transfer error is the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

WORK_WIDTH = 320  # frames are tracked at this width: cheap, and a face stays ≥ 60 px wide
GRID = 10  # GRID × GRID points over the face box
MIN_POINTS = 24  # fewer surviving tracks than this: the track is lost and starts again


def _grey(image: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
    scale = WORK_WIDTH / image.shape[1]
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8), scale


@dataclass
class PlanarityTracker:
    """Tracks the face box's points from a reference frame; ``residual`` after each ``update``."""

    reference_points: npt.NDArray[np.float32] = field(default_factory=lambda: np.empty((0, 2), np.float32))
    points: npt.NDArray[np.float32] = field(default_factory=lambda: np.empty((0, 2), np.float32))
    previous: npt.NDArray[np.uint8] | None = None
    eye_distance: float = 1.0  # in work pixels
    restarts: int = 0

    def start(
        self, image: npt.NDArray[np.uint8], box: tuple[float, float, float, float], eye_distance: float
    ) -> None:
        """Take this frame as the reference and seed the grid over the face box."""
        grey, scale = _grey(image)
        x, y, w, h = (v * scale for v in box)
        xs = np.linspace(x + 0.1 * w, x + 0.9 * w, GRID)
        ys = np.linspace(y + 0.1 * h, y + 0.9 * h, GRID)
        grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
        inside = (
            (grid[:, 0] >= 0)
            & (grid[:, 1] >= 0)
            & (grid[:, 0] < grey.shape[1])
            & (grid[:, 1] < grey.shape[0])
        )
        self.reference_points = grid[inside].astype(np.float32)
        self.points = self.reference_points.copy()
        self.previous = grey
        self.eye_distance = max(eye_distance * scale, 1.0)

    def reset(self) -> None:
        """Forget the reference: the next frame with a face starts a new one (see ``ActiveSession``)."""
        self.previous = None

    @property
    def started(self) -> bool:
        return self.previous is not None and len(self.points) >= MIN_POINTS

    def update(self, image: npt.NDArray[np.uint8]) -> float | None:
        """Track into this frame; the planar-fit residual (inter-ocular distances), None if lost."""
        if self.previous is None:
            return None
        grey, _ = _grey(image)
        if grey.shape != self.previous.shape:
            self.previous = None
            return None
        found, status, _ = cv2.calcOpticalFlowPyrLK(
            self.previous,
            grey,
            self.points.reshape(-1, 1, 2),
            None,
            winSize=(21, 21),
            maxLevel=3,
            criteria=(cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 20, 0.03),
        )
        moved = np.asarray(found, dtype=np.float32).reshape(-1, 2)
        # note: no forward-backward filter: it discarded exactly the points that move off the plane
        # (measured: it lost the track of most real pose changes); RANSAC and the 75th percentile
        # absorb stray tracks, and a flat target's residual stayed ≤ 0.06 even in one 45° jump
        good = np.asarray(status).ravel() == 1
        self.reference_points, self.points, self.previous = self.reference_points[good], moved[good], grey
        if len(self.points) < MIN_POINTS:
            self.previous = None
            self.restarts += 1
            return None
        return residual(self.reference_points, self.points, self.eye_distance)


def residual(
    reference: npt.NDArray[np.float32], current: npt.NDArray[np.float32], eye_distance: float
) -> float | None:
    """75th-percentile transfer error of the RANSAC homography, in inter-ocular distances."""
    if len(reference) < MIN_POINTS:
        return None
    threshold = max(0.02 * eye_distance, 0.5)
    # note: at most 200 RANSAC draws (the default 2000 cost 9 ms on a turning head, where most
    # points are off any one plane); a flat target has mostly inliers and converges in a few
    matrix, _ = cv2.findHomography(reference, current, cv2.RANSAC, threshold, maxIters=200, confidence=0.99)
    if matrix is None or not np.all(np.isfinite(matrix)):
        return None
    predicted = cv2.perspectiveTransform(reference.reshape(1, -1, 2).astype(np.float64), matrix)[0]
    errors = np.hypot(*(predicted - current).T) / eye_distance
    return float(np.percentile(errors, 75))
