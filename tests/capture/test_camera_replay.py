"""Cameras and replays as FrameSources: a reader thread per device, a bounded queue that drops the
oldest frame, clean ends (unplug, end of file), and recordings that replay as they were made.

A fake ``VideoCapture`` stands in for hardware; real files (an MJPG ``.avi``, a folder of PNGs) go
through OpenCV itself. No test asserts a duration, and every source is closed at teardown.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.camera import OpenCvCamera, PalmScannerCamera, focus_measure, mean_brightness
from capture.devices import FrameSource
from capture.errors import CaptureError, DeviceNotFound, DeviceTimeout
from capture.replay import ReplayCamera, record


class FakeCapture:
    """A VideoCapture double: ``frames`` good reads, then failures ("fail") or a stall ("block")."""

    def __init__(self, *, opened: bool = True, frames: int | None = None, then: str = "fail") -> None:
        self.opened, self.frames, self.then = opened, frames, then
        self.produced = 0
        self.released = 0
        self.props: dict[int, float] = {}
        self.refuse: set[int] = set()
        self.threads: set[int] = set()
        self.unblock = threading.Event()

    def _touch(self) -> None:
        self.threads.add(threading.get_ident())

    def isOpened(self) -> bool:
        self._touch()
        return self.opened

    def read(self) -> tuple[bool, np.ndarray | None]:
        self._touch()
        if self.frames is not None and self.produced >= self.frames:
            if self.then == "block":
                self.unblock.wait(5)
            return False, None
        time.sleep(0.001)
        image = np.full((6, 8, 3), self.produced % 256, dtype=np.uint8)
        image[:, :, 2] = 200  # note: a colour picture, so grey conversion is visible
        self.produced += 1
        return True, image

    def set(self, prop: int, value: float, /) -> bool:
        self._touch()
        if prop in self.refuse:
            return False
        self.props[prop] = value
        return True

    def get(self, prop: int, /) -> float:
        self._touch()
        return self.props.get(prop, 0.0)

    def release(self) -> None:
        self._touch()
        self.released += 1


@pytest.fixture
def closing() -> Iterator[list[FrameSource]]:
    """Sources to close at teardown, whatever the test did."""
    sources: list[FrameSource] = []
    yield sources
    for source in sources:
        source.close()


def _reader_alive(name: str) -> bool:
    return any(t.name == f"capture:{name}" and t.is_alive() for t in threading.enumerate())


def _camera(fake: FakeCapture, closing: list[FrameSource], **kwargs: object) -> OpenCvCamera:
    camera = OpenCvCamera(0, capture_factory=lambda source: fake, **kwargs)  # type: ignore[arg-type]
    closing.append(camera)
    return camera


def _wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


def test_camera_that_does_not_open_is_not_found(closing: list[FrameSource]) -> None:
    fake = FakeCapture(opened=False)
    camera = _camera(fake, closing, name="cam-missing")
    with pytest.raises(DeviceNotFound) as caught:
        camera.open()
    assert caught.value.code == "device.not_found"
    assert "camera number 0" in caught.value.message
    assert fake.released == 1
    assert not _reader_alive("cam-missing")


def test_frames_flow_with_increasing_index_and_time_all_io_on_one_thread(closing: list[FrameSource]) -> None:
    fake = FakeCapture()
    camera = _camera(fake, closing, name="cam-flow")
    camera.open()
    seen = []
    for frame in camera.frames():
        seen.append(frame)
        if len(seen) == 10:
            break
    assert [b.index > a.index for a, b in itertools.pairwise(seen)] == [True] * 9
    assert all(b.timestamp >= a.timestamp for a, b in itertools.pairwise(seen))
    assert seen[0].image.shape == (6, 8, 3)
    camera.close()
    assert fake.released == 1
    assert not _reader_alive("cam-flow")
    assert len(fake.threads) == 1 and threading.get_ident() not in fake.threads


def test_slow_consumer_gets_newest_frames_and_queue_stays_bounded(closing: list[FrameSource]) -> None:
    fake = FakeCapture(frames=20, then="block")
    camera = _camera(fake, closing, name="cam-slow", queue_size=2)
    camera.open()
    try:
        _wait_until(lambda: camera.info().details["frames_read"] == "20")
        assert camera.backlog == 2
        assert camera.info().details["frames_dropped"] == "18"
        newest = camera.grab(timeout=1)
        assert newest.index == 19
        assert camera.backlog == 0
        with pytest.raises(DeviceTimeout):
            camera.grab(timeout=0.05)  # nothing newer: no stale frame is served twice
    finally:
        fake.unblock.set()
        camera.close()


def test_unplug_mid_stream_ends_frames_and_grab_reports_unplugged(closing: list[FrameSource]) -> None:
    fake = FakeCapture(frames=5)
    camera = _camera(fake, closing, name="cam-unplug", queue_size=10)
    camera.open()
    indices = [frame.index for frame in camera.frames()]
    assert indices == [0, 1, 2, 3, 4]
    with pytest.raises(DeviceNotFound) as caught:
        camera.grab(timeout=1)
    assert caught.value.code == "device.unplugged"
    assert camera.info().details["ended"] == "device.unplugged"
    _wait_until(lambda: fake.released == 1)
    camera.close()
    camera.close()
    assert fake.released == 1


def test_close_is_idempotent_and_grab_after_close_fails(closing: list[FrameSource]) -> None:
    fake = FakeCapture()
    camera = _camera(fake, closing, name="cam-close")
    camera.close()  # never opened
    camera.open()
    camera.grab(timeout=2)
    camera.close()
    camera.close()
    assert fake.released == 1 and not _reader_alive("cam-close")
    with pytest.raises(CaptureError) as caught:
        camera.grab(timeout=0.1)
    assert caught.value.code == "device.not_open"
    assert list(camera.frames()) == []


def test_settings_are_applied_and_actual_values_reported(closing: list[FrameSource]) -> None:
    fake = FakeCapture()
    fake.refuse.add(cv2.CAP_PROP_FPS)
    camera = _camera(fake, closing, width=640, height=480, fps=60, exposure=-6)
    camera.open()
    details = camera.info().details
    assert (details["width"], details["height"], details["exposure"]) == ("640", "480", "-6")
    assert details["fps"] == "0" and details["refused"] == "fps"  # the driver's value, not the wish


def test_grey_and_palm_scanner(closing: list[FrameSource]) -> None:
    fake = FakeCapture()
    scanner = PalmScannerCamera(3, exposure=-4, capture_factory=lambda source: fake)
    closing.append(scanner)
    scanner.open()
    frame = scanner.grab(timeout=2)
    assert frame.image.ndim == 2 and frame.image.dtype == np.uint8
    info = scanner.info()
    assert (info.kind, info.name, info.details["exposure"]) == ("palm_scanner", "palm-scanner", "-4")


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (64, 48))
    assert writer.isOpened()
    for i in range(30):
        writer.write(np.full((48, 64, 3), i * 8, dtype=np.uint8))
    writer.release()
    return path


def test_video_file_through_opencv_camera_ends_with_end_of_stream(
    video: Path, closing: list[FrameSource]
) -> None:
    camera = OpenCvCamera(video, queue_size=64, name="cam-file")  # a Path works too
    closing.append(camera)
    camera.open()
    frames = list(camera.frames())
    assert [f.index for f in frames] == list(range(30))
    assert frames[0].image.shape == (48, 64, 3)
    assert abs(float(frames[10].image.mean()) - 80) < 6  # MJPG is lossy
    with pytest.raises(DeviceNotFound) as caught:
        camera.grab(timeout=1)
    assert caught.value.code == "device.end_of_stream"


def test_video_file_through_replay_camera(video: Path, closing: list[FrameSource]) -> None:
    once = ReplayCamera(video, fps=1000, loop=False, queue_size=64)
    closing.append(once)
    once.open()
    assert once.info().simulated
    assert len(list(once.frames())) == 30
    with pytest.raises(DeviceNotFound) as caught:
        once.grab(timeout=1)
    assert caught.value.code == "device.unplugged"

    looping = ReplayCamera(video, name="looping", fps=1000, loop=True, queue_size=64, grey=True)
    closing.append(looping)
    looping.open()
    seen = []
    for frame in looping.frames():
        seen.append(frame)
        if len(seen) == 45:
            break
    assert seen[-1].image.ndim == 2
    assert int(looping.info().details["loops"]) >= 1
    looping.close()
    assert not _reader_alive("looping")


@pytest.fixture
def png_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "采集"  # note: a non-ASCII folder name, as on field laptops
    folder.mkdir()
    for i in range(5):
        assert cv2.imwrite(str(folder / f"{i:02d}_frame.png"), np.full((12, 16), 40 * i + 10, np.uint8))
    (folder / "02_bad.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a png")
    (folder / "notes.txt").write_text("ignored")
    return folder


def test_folder_replay_skips_a_corrupt_file(png_folder: Path, closing: list[FrameSource]) -> None:
    replay = ReplayCamera(png_folder, fps=1000, loop=False, queue_size=16)
    closing.append(replay)
    replay.open()
    values = [int(frame.image[0, 0]) for frame in replay.frames()]
    assert values == [10, 50, 90, 130, 170]
    details = replay.info().details
    assert (details["images"], details["skipped"], details["skipped_files"]) == ("6", "1", "02_bad.png")


def test_missing_or_empty_replay_source_is_not_found(tmp_path: Path) -> None:
    for path in (tmp_path / "absent", tmp_path):
        with pytest.raises(DeviceNotFound):
            ReplayCamera(path).open()


def test_record_then_replay_round_trip(png_folder: Path, tmp_path: Path, closing: list[FrameSource]) -> None:
    source = ReplayCamera(png_folder, fps=500, loop=False, queue_size=16, name="rec-src")
    closing.append(source)
    source.open()
    out = tmp_path / "recording"
    assert record(source, out, 2, every=2) == 2
    assert record(source, out, 10) == 2  # the stream ends first (3 of 5 frames already used); appends
    assert sorted(p.name for p in out.iterdir()) == ["00000.png", "00001.png", "00002.png", "00003.png"]

    replay = ReplayCamera(out, fps=1000, loop=False, queue_size=16, name="rec-replay")
    closing.append(replay)
    replay.open()
    assert [int(f.image[0, 0]) for f in replay.frames()] == [10, 90, 130, 170]


def test_focus_and_brightness() -> None:
    sharp = np.kron((np.indices((8, 8)).sum(axis=0) % 2) * 255, np.ones((8, 8))).astype(np.uint8)
    blurred = cv2.GaussianBlur(sharp, (15, 15), 5)
    assert focus_measure(sharp) > 10 * focus_measure(blurred)
    assert focus_measure(cv2.cvtColor(sharp, cv2.COLOR_GRAY2BGR)) == pytest.approx(focus_measure(sharp))
    assert mean_brightness(np.full((4, 4, 3), 77, np.uint8)) == pytest.approx(77)
    with pytest.raises(ValueError):
        mean_brightness(np.zeros((0, 0), np.uint8))
