"""Recorded frames played back as a live device, and recording frames for that purpose.

Why: workflows, the GUI and ``devices test`` must be exercised without a palm scanner on the desk
(CI, demos, a trainer's laptop). A replay source is a real FrameSource with the same reader thread
and bounded queue as a camera (``capture.camera.ThreadedSource``), paced at a given frame rate so
that consumers see a realistic stream, not a burst. ``info().simulated`` is True so the GUI can label
it. Without ``loop`` it ends exactly like an unplugged camera (``DeviceNotFound``, code
``device.unplugged``), which is how the unplug handling of workflows is tested.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from capture.devices import FrameSource
from capture.errors import CaptureError, DeviceNotFound
from capture.threaded import ThreadedSource

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp"})
MAX_IMAGE_BYTES = 64 * 1024 * 1024  # note: far beyond any camera frame; refuses a stray huge file cheaply
_RECORDED = re.compile(r"^(\d{5,})\.png$")


def _load_image(path: Path) -> npt.NDArray[Any] | None:
    """Decode one file (None if unreadable). Bytes, not ``cv2.imread``: that fails on non-ASCII paths
    on Windows, and folders here are often named in Chinese."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = np.frombuffer(path.read_bytes(), dtype=np.uint8)
    except OSError:
        return None
    if data.size == 0:
        return None
    try:
        image = cv2.imdecode(data, cv2.IMREAD_ANYCOLOR)  # grey stays grey, colour becomes 8-bit BGR
    except cv2.error:  # note: e.g. over OPENCV_IO_MAX_IMAGE_PIXELS (see capture/__init__), refused unread
        return None
    return None if image is None or image.size == 0 else np.asarray(image)


class ReplayCamera(ThreadedSource):
    """A folder of images (sorted by file name; png/jpg/bmp) or a video file, played as a FrameSource.

    A corrupt image is skipped (counted in ``info().details["skipped"]``), never a crash: recordings
    come from USB sticks and interrupted sessions.
    """

    driver = "replay"
    simulated = True

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        name: str = "replay",
        kind: str = "camera",
        fps: float = 10.0,
        loop: bool = True,
        grey: bool = False,
        queue_size: int = 2,
    ) -> None:
        if not fps > 0:
            raise ValueError(f"fps must be positive, not {fps!r}")
        super().__init__(name=name, kind=kind, grey=grey, queue_size=queue_size)
        self.path, self.fps, self.loop = Path(path), float(fps), loop
        self._files: list[Path] = []
        self._position = 0
        self._bad: set[Path] = set()
        self._cap: cv2.VideoCapture | None = None
        self._due = 0.0
        self._loops = 0

    def _end_error(self) -> CaptureError:
        return DeviceNotFound(
            f"{self.name}: the recording {self.path.name} has ended (replayed like an unplugged camera).",
            code="device.unplugged",
            device=self.name,
        )

    def _device_open(self) -> dict[str, str]:
        self._position, self._loops, self._bad = 0, 0, set()
        self._due = time.monotonic()
        details = {"source": str(self.path), "fps": f"{self.fps:g}", "loop": str(self.loop).lower()}
        if self.path.is_dir():
            self._files = sorted(
                (p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
                key=lambda p: p.name,
            )
            if not self._files:
                raise DeviceNotFound(f"{self.name}: no png/jpg/bmp images in {self.path}.", device=self.name)
            return {**details, "images": str(len(self._files)), "skipped": "0"}
        if not self.path.is_file():
            raise DeviceNotFound(f"{self.name}: {self.path} does not exist.", device=self.name)
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise DeviceNotFound(f"{self.name}: OpenCV cannot read the video {self.path}.", device=self.name)
        self._cap = cap
        return {**details, "frames": f"{cap.get(cv2.CAP_PROP_FRAME_COUNT):g}"}

    def _device_read(self) -> npt.NDArray[Any] | None:
        self._pace()
        if self._stop.is_set():
            return None
        image = self._next_video_frame() if self._cap is not None else self._next_file()
        if image is None:
            raise self._end_error()
        return image

    def _device_close(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()

    def _pace(self) -> None:
        """Sleep until the next frame is due; after a stall, carry on from now rather than burst."""
        now = time.monotonic()
        if self._due > now:
            self._stop.wait(self._due - now)
        self._due = max(self._due + 1.0 / self.fps, time.monotonic())

    def _wrap(self) -> bool:
        """At the end of the recording: start again (True) or end the stream (False)."""
        if not self.loop:
            return False
        self._loops += 1
        self._note(loops=str(self._loops))
        return True

    def _next_file(self) -> npt.NDArray[Any] | None:
        for _ in range(len(self._files) + 1):  # at most one full pass in search of a readable file
            if self._position >= len(self._files):
                if not self._wrap():
                    return None
                self._position = 0
            path = self._files[self._position]
            self._position += 1
            if path in self._bad:
                continue
            image = _load_image(path)
            if image is not None:
                return image
            log.warning("%s: skipping unreadable image %s", self.name, path.name)
            self._bad.add(path)
            self._note(skipped=str(len(self._bad)), skipped_files=",".join(sorted(p.name for p in self._bad)))
        raise DeviceNotFound(f"{self.name}: none of the images in {self.path} is readable.", device=self.name)

    def _next_video_frame(self) -> npt.NDArray[Any] | None:
        assert self._cap is not None
        ok, image = self._cap.read()
        if ok:
            return np.asarray(image)
        if not self._wrap():
            return None
        if not self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0):  # note: some containers cannot seek: reopen
            self._cap.release()
            self._cap = cv2.VideoCapture(str(self.path))
        ok, image = self._cap.read()
        return np.asarray(image) if ok else None


def _next_number(folder: Path) -> int:
    """Recording into a folder that already holds a recording appends to it, never overwrites it."""
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := _RECORDED.match(p.name))]
    return max(numbers, default=-1) + 1


def _write_png(target: Path, image: npt.NDArray[np.uint8]) -> None:
    """Temp file, fsync, then ``os.replace``: a replay never meets a half-written PNG after a crash."""
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise CaptureError(f"Could not encode a frame as PNG for {target.name}.", code="device.record_failed")
    temp = target.with_name(f".{target.name}.tmp")  # note: the dot prefix and suffix keep replay away
    try:
        with open(temp, "wb") as handle:
            handle.write(encoded.tobytes())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def record(source: FrameSource, folder: str | os.PathLike[str], count: int, *, every: int = 1) -> int:
    """Save up to ``count`` frames (one in ``every``) as 00000.png, 00001.png, … for later replay.

    The source must already be open and stays open: the caller owns the device. Returns how many
    frames were saved, fewer than ``count`` if the stream ended first.
    """
    if count < 0 or every < 1:
        raise ValueError("count must be ≥ 0 and every ≥ 1")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    start, saved = _next_number(target), 0
    if count == 0:
        return 0
    for position, frame in enumerate(source.frames()):
        if position % every:
            continue
        _write_png(target / f"{start + saved:05d}.png", frame.image)
        saved += 1
        if saved >= count:
            break
    return saved
