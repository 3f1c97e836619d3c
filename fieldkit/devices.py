"""The laptop's devices as the application sees them: which driver serves which role, and the
replay kit that stands in for hardware.

Why here: ``capture`` knows drivers, not roles or files; ``matching`` knows how to draw synthetic
palms. Composing them (a replay palm scanner fed with synthetic hands, a simulated card reader fed
with synthetic cards) is the application's job. When ``fieldkit.toml`` names no device for a role,
the replay kit serves it, and everything that shows it says "simulation".
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from capture.devices import CardReader, FrameSource
from capture.errors import CaptureError
from capture.idcard.manual import ManualEntryReader
from capture.idcard.simulated import synthetic_cards
from capture.registry import DeviceRegistry, builtin_registry
from fieldkit.config import DeviceSetting, MachineConfig, load_config
from fieldkit.errors import UserError
from fieldkit.identity.idnumber import parse_id_number
from matching.synthetic_palm import synthetic_hand

KIT_FOLDER = "replay-kit"
KIT_IDENTITIES = 4
KIT_SAMPLES = 3
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)  # no backend chatter for the clerk


def replay_kit(home: Path) -> Path:
    """The hardware-free kit in the data folder, made on first use (synthetic data only)."""
    kit = home / KIT_FOLDER
    palms = kit / "palm"
    cards = kit / "cards.jsonl"
    if not palms.is_dir() or not any(palms.iterdir()):
        palms.mkdir(parents=True, exist_ok=True)
        for identity in range(KIT_IDENTITIES):
            for sample in range(KIT_SAMPLES):
                ok, png = cv2.imencode(".png", synthetic_hand(identity, sample))
                if ok:
                    (palms / f"{identity:02d}_{sample:02d}.png").write_bytes(png.tobytes())
    if not cards.exists():
        lines = []
        for record in synthetic_cards(KIT_IDENTITIES, seed=1):
            data = {k: v for k, v in dataclasses.asdict(record).items() if k not in ("photo", "photo_image")}
            lines.append(
                json.dumps(
                    {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()},
                    ensure_ascii=False,
                )
            )
        cards.write_text("\n".join(lines) + "\n", encoding="utf-8")
    face = kit / "face"
    if not face.is_dir() or not any(face.iterdir()):
        face.mkdir(parents=True, exist_ok=True)  # note: replace these with photos to replay real faces
        for index in range(KIT_SAMPLES * 2):
            ok, png = cv2.imencode(".png", _scene(index))
            if ok:
                (face / f"scene_{index:02d}.png").write_bytes(png.tobytes())
    return kit


def _scene(index: int) -> npt.NDArray[np.uint8]:
    """A synthetic 640×480 room-like frame (no face: the kit holds no one's picture)."""
    rng = np.random.default_rng(index)
    frame = np.tile(np.linspace(60, 170, 640, dtype=np.float32), (480, 1))
    frame = np.dstack([frame * 0.9, frame, frame * 1.05])
    for _ in range(6):
        x, y = (int(v) for v in rng.integers(0, 560, 2))
        colour = tuple(float(c) for c in rng.integers(40, 220, 3))
        cv2.rectangle(frame, (x, y % 400), (x + 80, y % 400 + 60), colour, -1)
    frame += rng.normal(0, 3, frame.shape).astype(np.float32)
    return np.asarray(np.clip(frame, 0, 255), dtype=np.uint8)


def kit_settings(home: Path) -> dict[str, DeviceSetting]:
    """The replay kit's drivers for each role (used where the configuration names none)."""
    kit = replay_kit(home)
    return {
        "palm_scanner": DeviceSetting("replay-palm", {"path": str(kit / "palm")}),
        "card_reader": DeviceSetting("idcard-replay", {"path": str(kit / "cards.jsonl")}),
        "face_camera": DeviceSetting("replay-camera", {"path": str(kit / "face")}),
    }


def effective_devices(home: Path, config: MachineConfig | None = None) -> dict[str, DeviceSetting]:
    """Configured devices, with the replay kit filling every role the configuration leaves empty."""
    configured = (config or load_config(home)).devices
    return {**kit_settings(home), **configured}


def registry() -> DeviceRegistry:
    """Our drivers plus every installed plug-in (``fieldkit.devices`` entry points)."""
    found = builtin_registry()
    found.load_entry_points()
    return found


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
