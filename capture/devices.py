"""The two device interfaces, the plain data they produce, and what a device says about itself.

Why protocols, not base classes: a vendor's palm-scanner SDK arrives as a separate package (found
through the ``fieldkit.devices`` entry-point group, see ``capture.registry``); it only has to provide
these methods, not inherit from our code. Frames and card records are plain data so that workflows,
tests and replay devices all handle them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Frame:
    """One image from a camera or scanner, with when it was captured (``time.monotonic()`` seconds)."""

    image: npt.NDArray[np.uint8]  # H × W (grey) or H × W × 3 (BGR)
    timestamp: float
    index: int


@dataclass(frozen=True)
class DeviceInfo:
    """What a device says about itself (for ``fieldkit devices list`` and the settings screen)."""

    name: str
    kind: str  # "camera" | "palm_scanner" | "card_reader" | "location"
    driver: str
    simulated: bool = False  # replay devices say so, and the GUI labels them as simulation
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CardRecord:
    """The text block and raw photo of a second-generation ID card (or a manual entry).

    ``photo`` is the card's raw photo bytes (vendor-encoded); ``photo_image`` is a decoded picture when
    a reader SDK or photo plug-in provides one. ``source`` is "card", "manual" or "simulated".
    """

    id_number: str
    name: str
    gender: str | None = None  # "male" | "female"
    ethnicity: str | None = None
    birth_date: dt.date | None = None
    address: str | None = None
    issuing_authority: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # None for a card valid for life ("长期")
    photo: bytes | None = None
    photo_image: npt.NDArray[np.uint8] | None = None
    source: str = "card"

    def __repr__(self) -> str:  # note: reprs end up in logs; never show the number or name in clear
        return f"CardRecord(source={self.source!r}, id_number='{self.id_number[:4]}…', name='…')"


@runtime_checkable
class FrameSource(Protocol):
    """A camera, scanner or replay source."""

    def info(self) -> DeviceInfo: ...

    def open(self) -> None: ...

    def grab(self, timeout: float = 2.0) -> Frame: ...

    def frames(self) -> Iterator[Frame]: ...

    def close(self) -> None: ...


@runtime_checkable
class CardReader(Protocol):
    """An ID-card reader (hardware, simulated, or manual entry)."""

    def info(self) -> DeviceInfo: ...

    def open(self) -> None: ...

    def wait_for_card(self, timeout: float = 10.0) -> bool: ...

    def read_card(self) -> CardRecord: ...

    def card_present(self) -> bool: ...

    def close(self) -> None: ...
