"""Drivers, roles and opening a device: the one answer to "what serves this role?".

Why here: ``capture`` knows drivers, not roles or files. When ``fieldkit.toml`` names no device for
a role, a simulation serves it — the replay kit's card reader and camera, and the person-aware
simulated palm scanner — and everything that shows it says "simulation". The CLI's ``devices
list|test`` and the desktop app's device hub both ask :func:`role_state` and :func:`open_device`,
so they show the same device.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capture.devices import CardReader, FrameSource
from capture.errors import CaptureError
from capture.idcard.manual import ManualEntryReader
from capture.registry import DeviceRegistry, builtin_registry
from fieldkit.config import MachineConfig, load_config
from fieldkit.devices.replay_kit import SIMULATED_PALM, kit_settings
from fieldkit.devices.settings import DeviceSetting
from fieldkit.errors import UserError
from fieldkit.identity.idnumber import parse_id_number

SIMULATED_DRIVERS = ("replay-camera", "replay-face", "replay-palm", "idcard-replay", SIMULATED_PALM)
_KIT_DRIVERS = {
    "face_camera": "replay-camera",
    "card_reader": "idcard-replay",
    "palm_scanner": SIMULATED_PALM,
}


def effective_devices(home: Path, config: MachineConfig | None = None) -> dict[str, DeviceSetting]:
    """Configured devices, with the replay kit filling every role the configuration leaves empty."""
    configured = (config or load_config(home)).devices
    return {**kit_settings(home), **configured}


def registry() -> DeviceRegistry:
    """Our drivers (the capture library's and the simulated palm scanner) plus every installed plug-in
    (``fieldkit.devices`` entry points)."""
    found = builtin_registry()
    found.register(
        SIMULATED_PALM,
        "fieldkit.devices.simulated_scanner:SimulatedPalmScanner",
        "palm_scanner",
        "simulated palm scanner: synthetic palms of the presented person (training, no hardware)",
    )
    found.load_entry_points()
    return found


@dataclass(frozen=True)
class RoleState:
    """Which driver serves a role and whether it is a simulation (shown as 模拟设备 / [simulation])."""

    role: str
    driver: str
    simulated: bool
    configured: bool


def role_state(home: Path, role: str) -> RoleState:
    """What serves ``role``, without opening anything or making the replay kit."""
    try:
        configured = load_config(home).devices
    except UserError:
        configured = {}
    setting = configured.get(role)
    if setting is None:
        return RoleState(role, _KIT_DRIVERS.get(role, "?"), True, False)
    return RoleState(role, setting.driver, setting.driver in SIMULATED_DRIVERS, True)


def open_device(home: Path, name: str, found: DeviceRegistry | None = None) -> FrameSource | CardReader:
    """Create a device by role (``palm_scanner``) or driver name (``camera``) and open it."""
    found = found or registry()
    devices = effective_devices(home)
    setting = devices.get(name) or DeviceSetting(name, {})
    try:
        device: Any = found.create(setting.driver, **setting.settings)
        device.open()
    except CaptureError as exc:
        raise UserError(f"{name}: {exc.message}", code=exc.code) from None
    except TypeError as exc:
        raise UserError(
            f"{name}: the settings do not fit driver {setting.driver!r} ({exc}).", code="device.settings"
        ) from None
    return device  # type: ignore[no-any-return]


def manual_card_reader(entries: Callable[[], tuple[str, str] | None]) -> ManualEntryReader:
    """Manual entry (no card, or a broken reader), checked by the GB 11643 rules of ``fieldkit.identity``.

    ``entries`` asks the operator (a GUI form, a CLI prompt, a test script) for (ID number, name).
    """
    return ManualEntryReader(entries, validate=lambda typed: parse_id_number(typed).value)
