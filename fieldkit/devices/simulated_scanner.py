"""A simulated palm scanner that shows the hand of whoever's card was just read.

Why the desktop app needs it: the replay kit's palm folder cycles through four synthetic people, so a
trainer enrolling several "retirees" on a laptop without hardware would enrol the same four palms
again and again — every second enrolment would be held as a duplicate, and three consecutive samples
would often come from different people. This scanner instead shows a synthetic hand derived from the
ID number and hand of the person in front of the team (set by the screen after the card is read),
a new placement every few frames, and an empty scanner when nobody is presented. It is a real
``FrameSource`` (``capture.threaded.ThreadedSource``) and says ``simulated`` everywhere.
It lives beside the replay kit (``fieldkit/devices/``), not in the GUI: it is a simulated device,
composed from capture and matching like the other simulated hardware, and it serves an unconfigured
palm scanner for the CLI and the GUI alike (driver ``simulated-palm``).
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from capture.threaded import ThreadedSource
from matching.errors import MatchingError
from matching.palm import analyse_palm
from matching.synthetic_palm import no_hand, synthetic_hand

FRAMES_PER_PLACEMENT = 6
GOOD_QUALITY = 80


@lru_cache(maxsize=64)
def _hand(identity: int, sample: int) -> npt.NDArray[np.uint8]:
    image = synthetic_hand(identity, sample)
    image.setflags(write=False)
    return image


@lru_cache(maxsize=4)
def _empty(seed: int) -> npt.NDArray[np.uint8]:
    image = no_hand(seed)
    image.setflags(write=False)
    return image


@lru_cache(maxsize=256)
def identity_for(id_number: str, hand: str) -> int:
    """A stable synthetic identity per (person, hand): the same person always shows the same palm.

    note: a few synthetic hands have too little vein contrast to pass the quality target; the first
    identity from the hash whose palm does (by the palm engine's quality score, which capture uses
    too) is used, so a training session is not spent waiting for time-outs.
    """
    digest = hashlib.sha256(f"{id_number}/{hand}".encode()).digest()
    start = 10_000 + int.from_bytes(digest[:4], "big") % 1_000_000
    for identity in range(start, start + 20):
        try:
            if analyse_palm(_hand(identity, 0)).quality.score >= GOOD_QUALITY:
                return identity
        except MatchingError:
            continue
    return start


class SimulatedPalmScanner(ThreadedSource):
    """Synthetic palms of the presented person, ``fps`` frames per second."""

    driver = "simulated-palm"
    simulated = True

    def __init__(self, *, fps: float = 8.0) -> None:
        super().__init__(name="simulated palm scanner", kind="palm_scanner", grey=True, queue_size=2)
        self.fps = fps
        self._subject: tuple[str, str] | None = None
        self._lock = threading.Lock()
        self._frame = 0
        self._sample = random.randrange(0, 40)
        self._due = 0.0

    def present(self, id_number: str | None, hand: str = "right") -> None:
        """Who has their ``hand`` on the scanner (None: nobody)."""
        with self._lock:
            self._subject = (id_number, hand) if id_number else None
            self._frame = 0

    def _device_open(self) -> dict[str, str]:
        return {"simulation": "synthetic palms of the presented person"}

    def _device_read(self) -> npt.NDArray[Any] | None:
        delay = self._due - time.monotonic()
        if delay > 0:
            self._stop.wait(delay)
        self._due = time.monotonic() + 1.0 / self.fps
        with self._lock:
            subject = self._subject
            self._frame += 1
            placement = self._frame % FRAMES_PER_PLACEMENT
            if placement == 0:
                self._sample += 1
        if subject is None or placement == 1:
            return np.array(_empty(self._frame % 4))  # note: the hand is lifted between placements
        return np.array(_hand(identity_for(*subject), self._sample))

    def _device_close(self) -> None:
        return None
