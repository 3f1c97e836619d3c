"""Which driver serves which role: the ``[devices.<role>]`` tables of fieldkit.toml.

Why apart from the rest of the configuration: the device part is read by the device registry and
the settings screen, and its rules (known roles, a driver name, the driver's own keys) belong with
the devices; ``fieldkit.config`` reads and writes the file and calls :func:`parse_devices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldkit.errors import UserError

ROLES = ("face_camera", "palm_scanner", "card_reader", "location")


@dataclass
class DeviceSetting:
    """Which driver serves a role, with the driver's own settings (index, port, path, ...)."""

    driver: str
    settings: dict[str, Any] = field(default_factory=dict)


def parse_devices(table: Any, file_name: str) -> dict[str, DeviceSetting]:
    """The ``[devices]`` table as settings per role (a clear ``config.bad`` for anything else)."""
    devices: dict[str, DeviceSetting] = {}
    for role, entry in (table or {}).items():
        if role not in ROLES or not isinstance(entry, dict) or not isinstance(entry.get("driver"), str):
            raise UserError(
                f"{file_name}: [devices.{role}] needs a known role and a 'driver' name.", code="config.bad"
            )
        devices[role] = DeviceSetting(entry["driver"], {k: v for k, v in entry.items() if k != "driver"})
    return devices
