"""Capture speed: camera-to-consumer latency of a frame, and reading an ID card at 115200 baud.

Targets (issue 5): latency <= one frame interval; a card read <= 1 s at 115200 baud in the simulator.
The camera is a replay source at 30 frames/s over synthetic frames (the same reader thread and queue
as a real webcam); the reader is the SAM simulator on a pseudo-terminal, pacing its answers at the
baud rate (a pty itself is instant). POSIX only (pty).

    .venv/bin/python benchmarks/bench_capture.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from capture.idcard import SerialCardReader, SimulatedSamReader, synthetic_cards
from capture.replay import ReplayCamera


def camera_latency(frames: int = 150, fps: float = 30.0) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rng = np.random.default_rng(0)
        for index in range(30):
            image = rng.integers(0, 255, (480, 640), dtype=np.uint8)
            cv2.imwrite(str(Path(folder) / f"{index:05d}.png"), image)
        camera = ReplayCamera(folder, fps=fps)
        camera.open()
        delays = []
        try:
            for count, frame in enumerate(camera.frames()):
                delays.append((time.monotonic() - frame.timestamp) * 1000)
                if count >= frames:
                    break
        finally:
            camera.close()
    print(
        f"camera-to-consumer latency at {fps:.0f} frames/s: median {statistics.median(delays):.2f} ms, "
        f"max {max(delays):.2f} ms (one frame interval = {1000 / fps:.1f} ms)"
    )


def card_reads(count: int = 20, baudrate: int = 115200) -> None:
    simulator = SimulatedSamReader(synthetic_cards(3, seed=2), baudrate=baudrate)
    simulator.start()
    reader = SerialCardReader(simulator.port, baudrate=baudrate, timeout=1.0)
    reader.open()
    times = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            reader.read_card()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        reader.close()
        simulator.stop()
    print(
        f"read an ID card (find, select, read text and photo) at {baudrate} baud in the simulator: "
        f"median {statistics.median(times):.0f} ms of {count}"
    )


if __name__ == "__main__":
    camera_latency()
    card_reads()
