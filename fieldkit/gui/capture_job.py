"""One capture (or device test) on its own thread, with live preview frames sent to the screen.

Why the workflow's ``best_frame`` and not a loop of our own: which frame is kept (auto-capture at
the target score, else the best one before the timeout, never one under the minimum) is a product
rule shared with the CLI and tests. The GUI only wraps the scoring function so that every analysed
frame is also shown, with its outline and score, and wraps the device so "Stop" ends the wait at
the next frame. The frame → ``QImage`` conversion is the only pixel handling in the GUI.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
from PyQt5.QtCore import QObject, pyqtSignal
from PyQt5.QtGui import QImage

from capture.devices import Frame, FrameSource
from capture.errors import CaptureError
from fieldkit.devices.hub import DeviceHub
from fieldkit.errors import UserError
from fieldkit.gui.thread_job import ThreadJob
from fieldkit.services.liveness import palm_sequence
from fieldkit.workflows.capture_loop import best_frame
from fieldkit.workflows.capture_preview import Look, look_at_face, look_at_palm
from matching.errors import MatchingError

Image = npt.NDArray[np.uint8]
LOOKS: dict[str, Callable[[Image], Look]] = {"palm": look_at_palm, "face": look_at_face}
ROLE_OF = {"palm": "palm_scanner", "face": "face_camera"}


def to_qimage(image: Image) -> QImage:
    """A deep-copied QImage of a grey or BGR frame (safe to hand to another thread)."""
    array = np.ascontiguousarray(image)
    height, width = array.shape[:2]
    data, line = array.tobytes(), int(array.strides[0])
    if array.ndim == 2:
        return QImage(data, width, height, line, QImage.Format.Format_Grayscale8).copy()
    return QImage(data, width, height, line, QImage.Format.Format_BGR888).copy()


class _Stoppable:
    """A FrameSource whose ``grab`` gives up once ``stop`` is set (best_frame has no cancel) and
    never returns a frame taken before ``since``.

    note: an open scanner keeps its newest frame queued; after "left palm done" that frame still
    shows the left hand, and used to become the right hand's first sample, so the right hand's first
    round was refused as inconsistent (issue 17, item 7). Frames are stamped with ``time.monotonic``.
    """

    def __init__(self, source: FrameSource, stop: threading.Event, since: float = 0.0) -> None:
        self._source, self._stop, self._since = source, stop, since

    def grab(self, timeout: float = 2.0) -> Frame:
        deadline = time.monotonic() + timeout
        while True:
            if self._stop.is_set():
                raise CaptureError("the capture was stopped", code="capture.cancelled")
            frame = self._source.grab(timeout=max(deadline - time.monotonic(), 0.05))
            if frame.timestamp >= self._since or time.monotonic() >= deadline:
                return frame

    def __getattr__(self, name: str) -> Any:
        return getattr(self._source, name)


class CaptureJob(ThreadJob):
    """Capture one palm or face frame from the hub's device, previewing every analysed frame."""

    preview = pyqtSignal(QImage, object)  # the frame, its Look
    captured = pyqtSignal(object)  # the kept frame (numpy array)
    failed = pyqtSignal(object)  # the exception (UserError with a code)
    tested = pyqtSignal(object)  # device test summary: dict of text

    def __init__(
        self,
        hub: DeviceHub,
        kind: str,
        *,
        target: int = 70,
        minimum: int = 40,
        timeout: float = 10.0,
        sequence: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub, self.kind = hub, kind
        self.target, self.minimum, self.timeout = target, minimum, timeout
        self._started = 0.0
        self.sequence = sequence
        """Frames to keep from the kept one on (palm liveness); 0: only the kept frame."""
        self.frames: list[Image] = []
        """The kept frame and the frames after it (set before ``captured`` is emitted)."""

    def start(self) -> None:
        """Begin capturing (a running job is left alone)."""
        if not self.running:
            self._started = time.monotonic()
            self._launch(self._capture, f"capture-{self.kind}")

    def start_test(self, seconds: float = 3.0) -> None:
        """Stream and analyse for ``seconds`` without keeping anything (the settings screen's test)."""
        self._launch(self._test, f"test-{self.kind}", seconds)

    # -- worker thread --------------------------------------------------------------------------
    def _score(self, image: Image) -> int:
        look = LOOKS[self.kind](image)
        self._emit(self.preview, to_qimage(image), look)
        if look.score is None:
            raise MatchingError(look.problem or "nothing found", code=look.problem or "capture.nothing")
        return look.score

    def _source(self) -> FrameSource:
        return self.hub.frames(ROLE_OF[self.kind])

    def _capture(self) -> None:
        with self.hub.using(ROLE_OF[self.kind]):
            self._capture_using()

    def _capture_using(self) -> None:
        try:
            source = _Stoppable(self._source(), self._stop, since=self._started)
            image = best_frame(
                source,
                self._score,
                target=self.target,
                timeout=self.timeout,
                minimum=self.minimum,
            )
        except Exception as exc:
            if getattr(exc, "code", "").startswith("device."):
                self.hub.release(ROLE_OF[self.kind])
            self._emit(self.failed, exc)
            return
        self.frames = [image]
        if self.sequence > 1 and not self._stop.is_set():
            self.frames = palm_sequence(source, image, count=self.sequence, stop=self._stop.is_set)
        if self._stop.is_set():
            self._emit(self.failed, UserError("The capture was stopped.", code="capture.cancelled"))
        else:
            self._emit(self.captured, image)

    def _test(self, seconds: float) -> None:
        with self.hub.using(ROLE_OF[self.kind]):
            self._test_using(seconds)

    def _test_using(self, seconds: float) -> None:
        frames, scores = 0, []
        started = time.monotonic()
        try:
            source = self._source()
            info = source.info()
            while time.monotonic() - started < seconds and not self._stop.is_set():
                frame = source.grab(timeout=3.0)
                frames += 1
                look = LOOKS[self.kind](frame.image)
                if look.score is not None:
                    scores.append(look.score)
                self._emit(self.preview, to_qimage(frame.image), look)
        except Exception as exc:
            if getattr(exc, "code", "").startswith("device."):
                self.hub.release(ROLE_OF[self.kind])
            self._emit(self.failed, exc)
            return
        elapsed = max(time.monotonic() - started, 1e-6)
        height, width = frame.image.shape[:2] if frames else (0, 0)
        self._emit(
            self.tested,
            {
                "driver": info.driver,
                "simulated": info.simulated,
                "resolution": f"{width}×{height}",
                "fps": f"{frames / elapsed:.1f}",
                "best": str(max(scores)) if scores else "—",
            },
        )
