"""Machine and device settings: a small, versioned TOML file in the data folder.

Why a file and not the store: which camera index or serial port a laptop uses belongs to the
machine, not to the encrypted data (and must be readable before the store is unlocked, to show the
live preview on the login screen). Policy (thresholds, samples per hand) lives in the store; GUI
preferences in QSettings (ARCHITECTURE.md). Unknown keys are kept out; a newer file is refused.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.devices.settings import DeviceSetting, parse_devices
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.identity.region import region_problem

CONFIG_FILE = "fieldkit.toml"
CONFIG_VERSION = 1


@dataclass
class SyncSettings:
    """How this laptop reaches headquarters, and its offline limits (``[sync]`` in the file).

    Why here: the HQ address, its key file and certificate belong to the machine's installation,
    and the warning limits are the agency's rules for a team, readable before the store is open.
    """

    hq_url: str = ""
    hq_key: str = ""  # path of hq_public.key
    hq_cert: str = ""  # path of HQ's TLS certificate: when set, the only certificate trusted (pinning)
    region: str = ""  # the work package this team downloads
    cycle: int = 0
    warn_after_days: int = 7  # warn when nothing was acknowledged by HQ for this long
    keep_images_days: int = 30  # biometric images are dropped this long after HQ acknowledged them
    insecure_http: bool = False  # allow plain http:// to a non-loopback HQ (a closed LAN only)


_SYNC_FIELDS = {
    "hq_url": str,
    "hq_key": str,
    "hq_cert": str,
    "region": str,
    "cycle": int,
    "warn_after_days": int,
    "keep_images_days": int,
    "insecure_http": bool,
}


DEFAULT_HOTLINE = "12333"
"""The nationwide human-resources and social-security hotline, printed when no agency number is set."""


@dataclass
class AgencySettings:
    """The agency's own details printed on receipts (``[agency]`` in the file).

    Why in the machine file: the hotline is the office's number, set once when a laptop is handed to
    a team, and a receipt must be printable before anything reaches the store from headquarters.
    """

    hotline: str = ""

    @property
    def printed_hotline(self) -> str:
        """The number a receipt prints: the configured one, else the nationwide 12333."""
        return self.hotline.strip() or DEFAULT_HOTLINE


@dataclass
class MachineConfig:
    """Everything in ``fieldkit.toml``."""

    devices: dict[str, DeviceSetting] = field(default_factory=dict)
    team: str = ""
    place: str = ""
    sync: SyncSettings = field(default_factory=SyncSettings)
    agency: AgencySettings = field(default_factory=AgencySettings)


def config_path(home: Path) -> Path:
    """Where the machine settings live."""
    return home / CONFIG_FILE


def load_config(home: Path) -> MachineConfig:
    """Read the settings; a missing file means defaults (the replay kit is chosen elsewhere)."""
    path = config_path(home)
    if not path.exists():
        return MachineConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path.name} cannot be read ({exc}); fix or delete it.", code="config.bad") from None
    version = data.get("version", CONFIG_VERSION)
    if not isinstance(version, int) or version > CONFIG_VERSION:
        raise UserError(
            f"{path.name} was written by a newer fieldkit (version {version}).", code="config.too_new"
        )
    return MachineConfig(
        devices=parse_devices(data.get("devices"), path.name),
        team=str(data.get("team", "")),
        place=str(data.get("place", "")),
        sync=_sync_settings(data.get("sync") or {}, path.name),
        agency=_agency_settings(data.get("agency") or {}, path.name),
    )


def _agency_settings(table: Any, name: str) -> AgencySettings:
    if not isinstance(table, dict):
        raise UserError(f"{name}: [agency] must be a table.", code="config.bad")
    for key, value in table.items():
        if key != "hotline" or not isinstance(value, str):
            raise UserError(f"{name}: [agency] {key} is unknown or not text.", code="config.bad")
    hotline = str(table.get("hotline", "")).strip()
    if len(hotline) > 40 or any(c not in "0123456789-+ ()转" for c in hotline):
        raise UserError(
            f"{name}: [agency] hotline must be a phone number (digits, spaces, - + ( ) 转).",
            code="config.bad",
        )
    return AgencySettings(hotline=hotline)


def _sync_settings(table: Any, name: str) -> SyncSettings:
    if not isinstance(table, dict):
        raise UserError(f"{name}: [sync] must be a table.", code="config.bad")
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = _SYNC_FIELDS.get(key)
        if kind is None or not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise UserError(f"{name}: [sync] {key} is unknown or of the wrong type.", code="config.bad")
        values[key] = value
    region = values.get("region", "")
    if region and (problem := region_problem(region)) is not None:
        raise UserError(f"{name}: [sync] region: {problem}.", code="config.bad")
    return SyncSettings(**values)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def save_config(home: Path, config: MachineConfig) -> None:
    """Write the settings atomically (temporary file beside it, then ``os.replace``)."""
    lines = [
        f"version = {CONFIG_VERSION}",
        f"team = {_toml_value(config.team)}",
        f"place = {_toml_value(config.place)}",
    ]
    for role, setting in sorted(config.devices.items()):
        lines += ["", f"[devices.{role}]", f"driver = {_toml_value(setting.driver)}"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in sorted(setting.settings.items())]
    lines += ["", "[sync]"]
    lines += [f"{key} = {_toml_value(getattr(config.sync, key))}" for key in _SYNC_FIELDS]
    if config.agency.hotline:
        lines += ["", "[agency]", f"hotline = {_toml_value(config.agency.hotline)}"]
    atomic_write(config_path(home), "\n".join(lines) + "\n")
