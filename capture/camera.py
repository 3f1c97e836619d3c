"""Webcams and UVC palm-vein scanners through OpenCV, read on one background thread per device.

Why a reader thread and a tiny queue: a UVC camera keeps producing frames whether or not anyone is
looking, and its driver buffers them. A GUI that reads only when it has time would show frames that
are seconds old and let memory grow. So one thread reads continuously and keeps only the newest
``queue_size`` frames (the oldest are dropped), and consumers always get a fresh picture. The same
thread owns the ``VideoCapture`` from creation to release, because several OpenCV backends (MSMF,
V4L2) misbehave when one capture object is touched from two threads.

How a stream ends: when reads keep failing (cable pulled, end of a file) the thread stops,
``frames()`` stops iterating, and ``grab()`` raises ``DeviceNotFound`` with code ``device.unplugged``
(live camera or URL) or ``device.end_of_stream`` (a local video file, where ending is normal).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any, Protocol

import cv2
import numpy.typing as npt

from capture.errors import CaptureError, DeviceNotFound
from capture.threaded import ThreadedSource, focus_measure, mean_brightness, to_grey, to_uint8

log = logging.getLogger(__name__)
__all__ = ["OpenCvCamera", "PalmScannerCamera", "focus_measure", "mean_brightness", "to_grey", "to_uint8"]


class CaptureLike(Protocol):
    """The part of ``cv2.VideoCapture`` we use (tests pass a fake with the same methods)."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Any]: ...
    def set(self, prop: int, value: float, /) -> bool: ...
    def get(self, prop: int, /) -> float: ...
    def release(self) -> None: ...


def _is_live(source: int | str) -> bool:
    """Camera index, device node or network URL (a dropped stream means unplugged), not a file."""
    return isinstance(source, int) or "://" in source or source.startswith("/dev/")


def _masked(source: int | str) -> str:
    """The source without URL credentials (``rtsp://user:secret@host`` ends up in logs and info)."""
    text = str(source)
    if "://" in text and "@" in text:
        scheme, rest = text.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return text


# note: V4L2 takes the V4L2 menu value (1 = manual); DirectShow and MSMF use OpenCV's 0.25 convention
MANUAL_EXPOSURE = 1.0 if sys.platform.startswith("linux") else 0.25
_PROPS = {
    "width": cv2.CAP_PROP_FRAME_WIDTH,
    "height": cv2.CAP_PROP_FRAME_HEIGHT,
    "fps": cv2.CAP_PROP_FPS,
    "exposure": cv2.CAP_PROP_EXPOSURE,
}


def _open_capture(source: int | str) -> CaptureLike:
    return cv2.VideoCapture(source)


class OpenCvCamera(ThreadedSource):
    """A webcam (by index), a device node, a network stream or a video file, through ``cv2.VideoCapture``."""

    driver = "opencv"

    def __init__(
        self,
        source: int | str | os.PathLike[str],
        *,
        name: str = "camera",
        width: int | None = None,
        height: int | None = None,
        fps: float | None = None,
        grey: bool = False,
        exposure: float | None = None,
        queue_size: int = 2,
        kind: str = "camera",
        capture_factory: Callable[[int | str], CaptureLike] = _open_capture,
    ) -> None:
        super().__init__(name=name, kind=kind, grey=grey, queue_size=queue_size)
        self.source: int | str = source if isinstance(source, int) else os.fspath(source)
        self.settings = {"width": width, "height": height, "fps": fps, "exposure": exposure}
        self._factory = capture_factory
        self._cap: CaptureLike | None = None
        if not _is_live(self.source):
            self.failure_limit = 1  # note: a failed read of a file is its end, not a hiccup

    def _end_error(self) -> CaptureError:
        if _is_live(self.source):
            return super()._end_error()
        return DeviceNotFound(f"{self.name}: end of the video file.", code="device.end_of_stream")

    def _device_open(self) -> dict[str, str]:
        cap = self._factory(self.source)
        if not cap.isOpened():  # note: OpenCV reports a missing camera this way, never by raising
            cap.release()
            what = f"camera number {self.source}" if isinstance(self.source, int) else _masked(self.source)
            raise DeviceNotFound(
                f"Could not open {what} for {self.name}: not connected, in use by another program, "
                "or no permission.",
                code="device.not_found",
                device=self.name,
            )
        self._cap = cap
        details, refused = {"source": _masked(self.source)}, []
        for key, prop in _PROPS.items():
            wanted = self.settings[key]
            if wanted is not None and key == "exposure":
                self._try_set(cv2.CAP_PROP_AUTO_EXPOSURE, MANUAL_EXPOSURE)
            if wanted is not None and not self._try_set(prop, float(wanted)):
                refused.append(key)
        for key, prop in _PROPS.items():
            try:
                details[key] = f"{float(cap.get(prop)):g}"  # the driver's actual value, not the wish
            except Exception:
                details[key] = "unknown"
        if refused:
            details["refused"] = ",".join(refused)
        return details

    def _try_set(self, prop: int, value: float) -> bool:
        """Drivers refuse settings they do not support (returning False or raising); that is not fatal."""
        assert self._cap is not None
        try:
            return bool(self._cap.set(prop, value))
        except Exception:
            return False

    def _device_read(self) -> npt.NDArray[Any] | None:
        assert self._cap is not None
        ok, image = self._cap.read()
        return image if ok and image is not None else None

    def _device_close(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()


class PalmScannerCamera(OpenCvCamera):
    """A UVC near-infrared palm-vein scanner: a camera whose picture is grey and whose exposure matters.

    Other settings (width, height, fps, queue_size, capture_factory) are those of ``OpenCvCamera``.
    """

    def __init__(
        self,
        source: int | str | os.PathLike[str],
        *,
        name: str = "palm-scanner",
        exposure: float | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(source, name=name, exposure=exposure, grey=True, kind="palm_scanner", **settings)
