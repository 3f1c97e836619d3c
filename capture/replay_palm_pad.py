"""A simulated NIR palm scanner with light control, showing a live hand, a print or a screen.

Why: the palm liveness checks (``capture.pad``) need a device that answers ``set_illumination``
and a stream of frames; no such hardware is on a trainer's laptop or in CI. What it simulates,
stated plainly (synthetic, for exercising the code paths — not evidence about real attacks):
- "live": the given palm image lit by the scanner (brightness follows the light level), moved
  each frame by a small random tremor (0.4 px standard deviation), with sensor noise;
- "print": the palm printed with an ordered-dither dot screen, lying still, lit by the scanner;
- "screen": the palm shown on a self-luminous screen: bright whatever the scanner's light.
"""

from __future__ import annotations

import threading
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from capture.replay import ReplayCamera

MODES = ("live", "print", "screen")
TREMOR_PX = 0.4
_BAYER = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32) / 16.0


def _printed(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    h, w = image.shape[:2]
    tiles = np.tile(_BAYER, (h // 4 + 1, w // 4 + 1))[:h, :w]
    dots = (image.astype(np.float32) / 255.0 > tiles).astype(np.float32)
    return np.asarray(cv2.GaussianBlur(30 + dots * 190, (0, 0), 0.5), dtype=np.float32)


def simulated_print(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """The palm as the "print" mode shows it at full light (no sensor noise): the synthetic print
    attack of the palm threshold evaluation (``benchmarks/crossval_palm_print.py``)."""
    grey = np.asarray(image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)
    return np.clip(_printed(grey), 0, 255).astype(np.uint8)


class SimulatedNirScanner(ReplayCamera):
    """Plays ``image`` (grey) as a palm scanner in one of ``MODES``; implements ``set_illumination``."""

    driver = "replay-palm-pad"

    def __init__(self, image: npt.NDArray[np.uint8], mode: str, *, seed: int = 0, **settings: Any) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        settings.setdefault("fps", 30.0)
        super().__init__(
            ".", name=settings.pop("name", f"replay-palm-{mode}"), kind="palm_scanner", grey=True, **settings
        )
        grey = np.asarray(image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)
        self.mode = mode
        self._base = _printed(grey) if mode == "print" else grey.astype(np.float32)
        self._level = 1.0
        self._lock = threading.Lock()
        self._rng = np.random.default_rng(seed)

    def set_illumination(self, level: float) -> None:
        """Set the NIR light (0 off … 1 full); frames read afterwards show it."""
        with self._lock:
            self._level = float(np.clip(level, 0.0, 1.0))
        with self._cond:
            self._queue.clear()  # note: no frame lit the old way is handed out after the change

    def _device_open(self) -> dict[str, str]:
        return {"source": f"simulated NIR palm ({self.mode})", "fps": f"{self.fps:g}"}

    def _device_read(self) -> npt.NDArray[Any] | None:
        self._pace()
        if self._stop.is_set():
            return None
        with self._lock:
            level = self._level
        frame = self._base
        if self.mode == "live":
            dx, dy = self._rng.normal(0, TREMOR_PX, 2)
            matrix = np.array([[1, 0, dx], [0, 1, dy]], dtype=np.float32)
            size = (frame.shape[1], frame.shape[0])
            frame = np.asarray(cv2.warpAffine(frame, matrix, size, borderMode=cv2.BORDER_REFLECT), np.float32)
        lit = frame if self.mode == "screen" else frame * (0.05 + 0.95 * level)
        noisy = lit + self._rng.normal(0, 2.0, lit.shape)
        return np.clip(noisy, 0, 255).astype(np.uint8)
