"""Scripted "live" and "spoof" face sequences for the replay kit — synthetic, no real person.

Why: the GUI, the CLI and the demo must show both outcomes of the liveness challenge on a laptop
with no camera and no real data. The face is drawn (``synthetic_face``: shapes and shading, no
photograph of anyone). Two scripts answer a list of prompts:

- ``live``: a **synthetic 3-D-ish warp**. The drawing is given a depth map (an ellipsoid head with
  a nose bump in front) and each pixel is shifted by ``depth · sin(angle)`` when the head "turns" or
  "nods", so the nose moves against the cheeks as on a real head. It imitates parallax; it is not a
  model of a real person and proves nothing about real attacks.
- ``spoof``: the same drawing on a flat sheet held close to the lens (0.7 image widths) and turned
  50° towards each prompt (a plane's homography seen by a pinhole camera) — a photo or phone held up
  and rotated so that the perspective makes YuNet's landmarks follow the turn prompts, which is
  what the planarity test exists for.

``ScriptedFaceCamera`` plays such a sequence as a FrameSource (``info().simulated`` is True).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from capture.replay import ReplayCamera

Image = npt.NDArray[np.uint8]
SCRIPTS = ("live", "spoof", "still")
GESTURES_ACTED = ("turn_left", "turn_right")  # note: YuNet did not see the drawn face nod: turns only
HOLD = 4  # frames held at each pose
STEPS = 6  # frames to move into a pose
ANGLE = 28.0  # degrees of turn or nod the scripts show
FLAT_ANGLE = 50.0  # the flat picture, held 0.7 image widths from the lens, follows the turn prompts


def _texture(width: int, height: int, seed: int) -> npt.NDArray[np.float32]:
    """Fine skin-like texture, so that image points can be tracked as on a real face."""
    rng = np.random.default_rng(seed)
    return np.asarray(cv2.GaussianBlur(rng.normal(0, 18, (height, width)).astype(np.float32), (0, 0), 1.2))


def _depth(width: int, height: int) -> npt.NDArray[np.float32]:
    """Depth towards the camera, in pixels: an ellipsoid head plus a nose ridge."""
    cx, cy = width / 2, height / 2 + 10
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    head = np.sqrt(np.clip(1 - ((x - cx) / 125) ** 2 - ((y - cy) / 165) ** 2, 0, None)) * 90
    nose = 40 * np.exp(-(((x - cx) / 16) ** 2 + ((y - cy - 5) / 30) ** 2))
    return np.asarray(head + nose, dtype=np.float32)


def synthetic_face(
    width: int = 640, height: int = 480, *, yaw: float = 0.0, pitch: float = 0.0, seed: int = 0
) -> Image:
    """A drawn face (hair, skin, eyes, brows, nose, mouth) that YuNet detects; no real person.

    ``yaw`` (to the person's left > 0) and ``pitch`` (down > 0), in degrees, render it as a 3-D-ish
    head: each feature has a depth (nose tip in front of the eyes and mouth) and is rotated and
    projected orthographically; the skin texture is shifted by the depth map the same way.
    """
    a, b = np.radians(yaw), np.radians(pitch)
    cx, cy = width / 2, height / 2 + 10

    def at(x: float, y: float, z: float) -> tuple[int, int]:
        # rotate about the head's centre: yaw about the vertical axis, then pitch about the horizontal
        x1, z1 = x * np.cos(a) + z * np.sin(a), -x * np.sin(a) + z * np.cos(a)
        y1 = y * np.cos(b) + z1 * np.sin(b)
        return round(cx + x1), round(cy + y1)  # note: the person's left is the image's right

    image = np.full((height, width, 3), (170, 180, 190), np.uint8)
    cv2.ellipse(image, at(0, -40, -20), (120, 150), 0, 0, 360, (40, 45, 50), -1)
    cv2.rectangle(image, (round(cx) - 45, round(cy) + 120), (round(cx) + 45, height), (130, 160, 205), -1)
    cv2.ellipse(image, at(0, 0, 0), (105, 140), 0, 0, 360, (140, 170, 215), -1)
    squeeze = max(np.cos(a), 0.3)
    for side in (-1, 1):
        eye = at(side * 42, -25, 70)
        cv2.ellipse(image, eye, (round(24 * squeeze), 11), 0, 0, 360, (245, 245, 245), -1)
        cv2.circle(image, eye, 9, (60, 40, 30), -1)
        cv2.circle(image, eye, 4, (10, 10, 10), -1)
        cv2.ellipse(image, at(side * 42, -50, 72), (round(28 * squeeze), 6), 0, 180, 360, (40, 45, 50), 4)
    ridge = [at(-6, -20, 85), at(-16, 30, 120), at(16, 30, 120), at(6, -20, 85)]
    cv2.fillPoly(image, [np.array(ridge, np.int32)], (110, 140, 190))
    cv2.ellipse(image, at(0, 32, 118), (round(20 * squeeze), 10), 0, 0, 360, (95, 115, 160), -1)
    for side in (-1, 1):
        cv2.circle(image, at(side * 8, 36, 116), 4, (40, 50, 80), -1)  # nostrils
    cv2.ellipse(image, at(0, 70, 75), (round(38 * squeeze), 12), 0, 0, 360, (90, 90, 170), -1)
    cv2.line(image, at(-38, 70, 70), at(38, 70, 70), (50, 50, 110), 2)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    depth = _depth(width, height)
    texture = cv2.remap(
        _texture(width, height, seed),
        x - np.float32(np.sin(a)) * depth,
        y - np.float32(np.sin(b)) * depth,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REFLECT,
    )
    skin = cv2.GaussianBlur(image, (0, 0), 2.0).astype(np.float32) + texture[..., None]
    noise = np.random.default_rng(seed + 1).normal(0, 3, skin.shape)
    return np.clip(skin + noise, 0, 255).astype(np.uint8)


def flat_view(image: Image, yaw_degrees: float, pitch_degrees: float, *, distance: float = 1.0) -> Image:
    """The drawing on a flat sheet turned/tilted about its centre in front of a close pinhole camera."""
    height, width = image.shape[:2]
    focal = distance * width
    a, b = np.radians(yaw_degrees), np.radians(pitch_degrees)
    turn = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    tilt = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    rotation = tilt @ turn
    camera = np.array([[focal, 0, width / 2], [0, focal, height / 2], [0, 0, 1.0]])
    to_plane = np.array([[1, 0, -width / 2], [0, 1, -height / 2], [0, 0, 1.0]])
    matrix = camera @ np.column_stack([rotation[:, 0], rotation[:, 1], [0, 0, focal]]) @ to_plane
    return np.asarray(
        cv2.warpPerspective(image, matrix / matrix[2, 2], (width, height), borderValue=(128, 128, 128)),
        np.uint8,
    )


_DIRECTIONS = {"turn_left": (1.0, 0.0), "turn_right": (-1.0, 0.0), "nod": (0.0, -1.0), "look_up": (0.0, 1.0)}


def face_script(script: str, gestures: Sequence[str]) -> list[Image]:
    """Frames answering ``gestures`` ("turn_left", "turn_right", "nod", "look_up") as ``script``:
    "live" (3-D-ish warp), "spoof" (flat sheet) or "still" (a face that never moves)."""
    if script not in SCRIPTS:
        raise ValueError(f"script must be one of {', '.join(SCRIPTS)}, not {script!r}")
    base = synthetic_face()
    frames = [base] * HOLD
    if script == "still":
        return frames * (1 + 2 * len(gestures))
    for gesture in gestures:
        sx, sy = _DIRECTIONS[gesture]
        ramp = [k / STEPS for k in range(1, STEPS + 1)]
        for t in [*ramp, *([1.0] * HOLD), *reversed(ramp[:-1]), *([0.0] * HOLD)]:
            if script == "live":
                frames.append(synthetic_face(yaw=sx * ANGLE * t, pitch=-sy * ANGLE * t))
            else:  # note: a flat sheet turned the other way about its axis shows the nose moving this way
                frames.append(flat_view(base, -sx * FLAT_ANGLE * t, -sy * FLAT_ANGLE * t, distance=0.7))
    return frames


class ScriptedFaceCamera(ReplayCamera):
    """A replay camera playing a scripted synthetic face sequence instead of a folder."""

    driver = "replay-face"
    acts_out = GESTURES_ACTED  # the liveness workflow draws its challenge from these

    def __init__(
        self,
        script: str = "live",
        gestures: Sequence[str] = ("turn_left", "turn_right", "turn_left"),
        *,
        fps: float = 10.0,
        loop: bool = False,
        **settings: Any,
    ) -> None:
        if script not in SCRIPTS:
            raise ValueError(f"script must be one of {', '.join(SCRIPTS)}, not {script!r}")
        super().__init__(
            ".", name=settings.pop("name", f"replay-face-{script}"), fps=fps, loop=loop, **settings
        )
        self.script, self.gestures = script, list(gestures)
        self._scripted: list[Image] = []

    def act_out(self, gestures: Sequence[str]) -> None:
        """Play the script for these prompts from the start (the simulator "hears" the challenge,
        as a trainer acting it out would); call before reading the challenge's frames."""
        scripted = face_script(self.script, list(gestures))
        with self._cond:
            self.gestures, self._scripted, self._position = list(gestures), scripted, 0
            self._queue.clear()

    def _device_open(self) -> dict[str, str]:
        self._scripted = face_script(self.script, self.gestures)
        self._position, self._loops = 0, 0
        return {
            "source": f"synthetic face, script {self.script}",
            "frames": str(len(self._scripted)),
            "fps": f"{self.fps:g}",
        }

    def _device_read(self) -> npt.NDArray[Any] | None:
        self._pace()
        if self._stop.is_set():
            return None
        with self._cond:
            # note: after the script the face stays in front of the camera, still, as a person would
            image = self._scripted[min(self._position, len(self._scripted) - 1)]
            self._position += 1
        return image
