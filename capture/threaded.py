"""The reader thread shared by cameras, scanners and replay sources, and small image helpers.

Why one base: every frame source must read on a single owner thread and hand consumers only the
newest frames through a bounded queue (see ``capture.camera`` for the reasons); the replay devices
must behave exactly like the hardware they stand in for, so they share this code rather than copy it.
"""

from __future__ import annotations

import abc
import collections
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any, Self

import cv2
import numpy as np
import numpy.typing as npt

from capture.devices import DeviceInfo, Frame
from capture.errors import CaptureError, DeviceNotFound, DeviceTimeout

log = logging.getLogger(__name__)
Image = npt.NDArray[np.uint8]


def to_uint8(image: npt.NDArray[Any]) -> Image:
    """8-bit pixels: Y16 NIR sensors and 16-bit PNGs keep their top 8 bits (not a wrap-around cast)."""
    if image.dtype == np.uint8:
        return image
    if image.dtype == np.uint16:
        return (image >> 8).astype(np.uint8)
    return np.asarray(cv2.convertScaleAbs(image), dtype=np.uint8)


def to_grey(image: npt.NDArray[Any]) -> Image:
    """Single channel: NIR scanners deliver grey pictures dressed up as BGR (or BGRA)."""
    image = to_uint8(image)
    if image.ndim == 3 and image.shape[2] in (3, 4):
        code = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        return np.asarray(cv2.cvtColor(image, code), dtype=np.uint8)
    if image.ndim == 3:
        return np.ascontiguousarray(image[:, :, 0])
    return image


def focus_measure(image: npt.NDArray[np.uint8]) -> float:
    """Variance of the Laplacian: ``devices test`` uses it to tell a blurred lens from a sharp one."""
    if image.size == 0:
        raise ValueError("focus_measure needs a non-empty image")
    return float(cv2.Laplacian(to_grey(image), cv2.CV_64F).var())


def mean_brightness(image: npt.NDArray[np.uint8]) -> float:
    """Mean grey level 0–255: a covered lens or a dead NIR illuminator shows up as a value near 0."""
    if image.size == 0:
        raise ValueError("mean_brightness needs a non-empty image")
    return float(to_grey(image).mean())


class ThreadedSource(abc.ABC):
    """A FrameSource whose device is opened, read and closed on one reader thread.

    Subclasses implement ``_device_open`` (returns details for ``info()``; raises ``CaptureError``),
    ``_device_read`` (an image, ``None`` for a failed read, or raises ``CaptureError`` to end the
    stream with that error) and ``_device_close``. Frame indices count every frame read, so a gap
    between two indices a consumer sees is the number of frames dropped for it.
    """

    driver = "threaded"
    simulated = False
    failure_limit = 5  # consecutive failed reads before the device counts as gone
    retry_delay = 0.05
    open_timeout = 10.0
    join_timeout = 2.0

    def __init__(self, *, name: str, kind: str, grey: bool, queue_size: int) -> None:
        if queue_size < 1:
            raise ValueError("queue_size must be at least 1")
        self.name, self.kind, self.grey = name, kind, grey
        self._queue: collections.deque[Frame] = collections.deque(maxlen=queue_size)
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ended: CaptureError | None = None
        self._details: dict[str, str] = {}
        self._read = self._dropped = 0

    # --- what subclasses provide (all called on the reader thread) ---------------------------------
    @abc.abstractmethod
    def _device_open(self) -> dict[str, str]: ...
    @abc.abstractmethod
    def _device_read(self) -> npt.NDArray[Any] | None: ...
    @abc.abstractmethod
    def _device_close(self) -> None: ...

    def _end_error(self) -> CaptureError:
        return DeviceNotFound(
            f"{self.name} was unplugged or stopped sending frames.", code="device.unplugged"
        )

    # --- FrameSource ---------------------------------------------------------------------------------
    def info(self) -> DeviceInfo:
        with self._cond:
            details = dict(self._details)
            details.update(
                queue_size=str(self._queue.maxlen),
                frames_read=str(self._read),
                frames_dropped=str(self._dropped),
            )
            if self._ended is not None:
                details["ended"] = self._ended.code
        return DeviceInfo(self.name, self.kind, self.driver, self.simulated, details)

    def open(self) -> None:
        """Start the reader thread and wait until the device is open (errors surface here)."""
        if self._thread is not None and self._thread.is_alive() and self._ended is None:
            return
        self.close()
        with self._cond:
            self._queue.clear()
            self._ended, self._read, self._dropped = None, 0, 0
        self._stop.clear()
        ready = threading.Event()
        outcome: list[BaseException] = []
        thread = threading.Thread(
            target=self._run, args=(ready, outcome), name=f"capture:{self.name}", daemon=True
        )
        self._thread = thread
        thread.start()
        if not ready.wait(self.open_timeout):
            self.close()
            raise DeviceTimeout(f"{self.name} did not open within {self.open_timeout:g} s.", device=self.name)
        if outcome:
            thread.join(self.join_timeout)
            self._thread = None
            raise outcome[0]

    def grab(self, timeout: float = 2.0) -> Frame:
        """The newest frame (older queued ones are discarded), waiting up to ``timeout`` for one."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._queue or self._thread is None:
                self._raise_if_stopped()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise DeviceTimeout(f"{self.name} sent no frame within {timeout:g} s.", device=self.name)
                self._cond.wait(remaining)
            frame = self._queue[-1]
            self._queue.clear()
            return frame

    def frames(self) -> Iterator[Frame]:
        """Every frame still queued, in order, until the source is closed or the stream ends."""
        while True:
            with self._cond:
                while not self._queue and self._thread is not None and self._ended is None:
                    self._cond.wait(0.5)
                if not self._queue or self._thread is None:
                    return
                frame = self._queue.popleft()
            yield frame

    def close(self) -> None:
        """Stop the thread (which releases the device) and wait for it; safe to call twice."""
        thread, self._thread = self._thread, None
        self._stop.set()
        with self._cond:
            self._queue.clear()  # note: frames from before the close must not reach the next user
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(self.join_timeout)
            if thread.is_alive():  # note: a driver stuck in read(); the thread releases it when it returns
                log.warning("%s: reader thread did not stop within %.1f s", self.name, self.join_timeout)

    @property
    def backlog(self) -> int:
        """Frames waiting in the queue (never more than ``queue_size``)."""
        with self._cond:
            return len(self._queue)

    @property
    def ended(self) -> CaptureError | None:
        """Why the stream ended by itself (``None`` while running or after a plain close)."""
        return self._ended

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the reader thread ---------------------------------------------------------------------------
    def _raise_if_stopped(self) -> None:
        if (ended := self._ended) is not None:  # note: a fresh exception each time, not one re-raised
            raise type(ended)(ended.message, code=ended.code, **ended.params)
        if self._thread is None:
            raise CaptureError(f"{self.name} is not open.", code="device.not_open", device=self.name)

    def _run(self, ready: threading.Event, outcome: list[BaseException]) -> None:
        try:
            details = self._device_open()
        except BaseException as exc:  # note: any failure to open is reported to open()'s caller
            outcome.append(exc)
            ready.set()
            return
        with self._cond:
            self._details.update(details)
        ready.set()
        try:
            self._loop()
        finally:
            try:
                self._device_close()
            except Exception:
                log.exception("%s: error while releasing the device", self.name)
            with self._cond:
                self._cond.notify_all()

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                image = self._device_read()
            except CaptureError as exc:
                self._finish(exc)
                return
            except Exception as exc:  # note: a driver exception counts as one failed read
                log.warning("%s: read failed: %s", self.name, exc)
                image = None
            stamp = time.monotonic()
            if image is None or image.size == 0:
                failures += 1
                if failures >= self.failure_limit:
                    self._finish(self._end_error())
                    return
                self._stop.wait(self.retry_delay)
                continue
            failures = 0
            pixels = to_grey(image) if self.grey else to_uint8(image)
            with self._cond:
                if len(self._queue) == self._queue.maxlen:
                    self._dropped += 1
                self._queue.append(Frame(pixels, stamp, self._read))
                self._read += 1
                self._cond.notify_all()

    def _note(self, **details: str) -> None:
        """Update what ``info()`` reports (called from the reader thread)."""
        with self._cond:
            self._details.update(details)

    def _finish(self, error: CaptureError) -> None:
        if not self._stop.is_set():
            log.info("%s: stream ended (%s)", self.name, error.code)
            with self._cond:
                self._ended = error
                self._cond.notify_all()
