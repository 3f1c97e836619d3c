"""A session's devices: opened once per role, shared by the screens, reopened after a failure.

Why a hub: opening a camera or a serial card reader takes time and a device may be used by several
screens (enrolment, certification, the settings test). Devices come from
:func:`fieldkit.devices.registry.open_device` (``fieldkit.toml``, with a simulation for every role
the file leaves empty: an unconfigured palm scanner is the person-aware simulated scanner, which the
hub tells whose hand to show). Every simulated device is labelled as such on screen. A device that
failed is dropped, so the next use opens it afresh (a clerk who plugs the scanner back in just
presses "Try again"). No Qt here: the desktop app's session holds one hub.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from capture.devices import CardReader, FrameSource
from fieldkit.devices.registry import RoleState, open_device, role_state
from fieldkit.devices.simulated_scanner import SimulatedPalmScanner
from fieldkit.errors import UserError

FRAME_ROLES = ("face_camera", "palm_scanner")
ROLES = ("card_reader", "face_camera", "palm_scanner")


class DeviceHub:
    """Open-on-demand devices by role; safe to use from worker threads."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._lock = threading.RLock()
        self._open: dict[str, Any] = {}
        self._subject: tuple[str | None, str] = (None, "right")
        self._users: dict[str, int] = {}

    @contextmanager
    def using(self, role: str) -> Iterator[None]:
        """Mark ``role`` as in use for the block (a capture), so ``release_idle`` leaves it open."""
        with self._lock:
            self._users[role] = self._users.get(role, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._users[role] -= 1

    def open_roles(self) -> list[str]:
        with self._lock:
            return sorted(self._open)

    def release_idle(self, roles: tuple[str, ...] = FRAME_ROLES) -> list[str]:
        """Close the devices of ``roles`` that no capture is using (camera light off, scanner idle).

        note: the battery rule of the desktop app: a device is open while a screen captures with it
        and closed when the screen is left, the window locks, or a minute passes without a capture.
        """
        closed = []
        for role in roles:
            with self._lock:
                if self._users.get(role, 0) or role not in self._open:
                    continue
            self.release(role)
            closed.append(role)
        return closed

    def state(self, role: str) -> RoleState:
        """What serves ``role`` (without opening anything)."""
        return role_state(self.home, role)

    def any_simulated(self) -> bool:
        return any(self.state(role).simulated for role in ROLES)

    def get(self, role: str) -> Any:
        """The open device for ``role`` (opened now if needed; raises UserError on failure)."""
        with self._lock:
            device = self._open.get(role)
            if device is not None:
                return device
            device = open_device(self.home, role)
            if isinstance(device, SimulatedPalmScanner):
                device.present(*self._subject)
            self._open[role] = device
            return device

    def frames(self, role: str) -> FrameSource:
        device = self.get(role)
        if not isinstance(device, FrameSource):
            raise UserError(f"{role} is not a camera or scanner.", code="device.not_frames")
        return device

    def card_reader(self) -> CardReader:
        device = self.get("card_reader")
        if not isinstance(device, CardReader):
            raise UserError("The card reader role is not a card reader.", code="device.settings")
        return device

    def present(self, id_number: str | None, hand: str = "right") -> None:
        """Tell a simulated palm scanner whose hand to show (no effect on real hardware)."""
        with self._lock:
            self._subject = (id_number, hand)
            scanner = self._open.get("palm_scanner")
        if isinstance(scanner, SimulatedPalmScanner):
            scanner.present(id_number, hand)

    def release(self, role: str) -> None:
        """Close and forget one device (after an error, or when its settings change)."""
        with self._lock:
            device = self._open.pop(role, None)
        if device is not None:
            try:
                device.close()
            except Exception:  # note: a device that fails to close is already gone for us
                pass

    def close_all(self) -> None:
        for role in list(self._open):
            self.release(role)
