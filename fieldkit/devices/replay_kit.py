"""The replay kit: synthetic files in the data folder that stand in for hardware.

Why: a trainer's laptop, the demo, CI and the self-test have no scanner, camera or card reader. The
kit is made on first use from synthetic data only (no one's picture): palms drawn by
``matching.synthetic_palm``, cards from ``capture.idcard.simulated``, room-like frames for the face
camera. Every device fed from it says "simulation".
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from capture.idcard.simulated import synthetic_cards
from fieldkit.devices.settings import DeviceSetting
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


SIMULATED_PALM = "simulated-palm"


def kit_settings(home: Path) -> dict[str, DeviceSetting]:
    """The replay kit's drivers for each role (used where the configuration names none)."""
    kit = replay_kit(home)
    return {
        # note: the person-aware simulation, not the kit's four palms (see simulated_scanner)
        "palm_scanner": DeviceSetting(SIMULATED_PALM, {}),
        "card_reader": DeviceSetting("idcard-replay", {"path": str(kit / "cards.jsonl")}),
        "face_camera": DeviceSetting("replay-camera", {"path": str(kit / "face")}),
    }
