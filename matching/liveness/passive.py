"""Passive face PAD: Minivision's MiniFASNet pair (Apache-2.0), installed beside fieldkit,
hash-checked, run in cv2.dnn.

Why installed, not shipped: the two ONNX files (1.8 MB each) are not in the repository; an agency
that wants the passive score copies the folder (ONNX files, LICENSE, NOTICE — see the README's
liveness section) and names it in ``FIELDKIT_PAD_MODELS``. Without it the score is simply not
available: it decides nothing by default (``fusion``), and a policy that makes it a veto gets
"liveness not possible", never a silent pass. Each file is checked by SHA-256 before it is loaded;
nothing is downloaded.

Why it is only a second signal: the models were trained on Minivision's own data, with no results
published on public attack benchmarks, and what this project could measure is small (their three
sample photos and synthetic recaptures; see the README's liveness section). So the score is
recorded beside the active check and used as the fusion rule in ``fusion`` says — never alone.

How they are read (from the original code and the conversion notes): each model takes the face
box enlarged about its centre by its scale (2.7 for V2, 4.0 for V1SE) — shifted back inside the
image where it would cross an edge, as the original ``_get_new_box`` does, and shrunk when the image
is too small for the scale — resized to 80×80, BGR, raw 0–255 values. The output is three logits;
after softmax class 1 is "live"; the two models' softmax outputs are averaged.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import MatchingError

MODELS_ENV = "FIELDKIT_PAD_MODELS"
"""Environment variable naming the folder that holds the MiniFASNet ONNX files."""
MODELS = {  # file -> (scale of the face box, SHA-256)
    "MiniFASNetV2_2.7_80x80.onnx": (2.7, "daf2c813c35715aa3d35e7c1b60e9c462bf41068640bd37eb193855b21190076"),
    "MiniFASNetV1SE_4.0_80x80.onnx": (
        4.0,
        "8c69caf06c8566b30ecce41cf30abff2d7e1a6fc5a99cdf85ccff8d5c59b48d7",
    ),
}
INPUT = 80


class PadModelError(MatchingError):
    """The passive PAD model files are missing or are not the files this program was tested with."""

    code = "pad_model.error"


def _verified(path: Path, digest: str) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        raise PadModelError(
            f"The liveness model file {path.name} is missing.", code="pad_model.missing"
        ) from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise PadModelError(
            f"The liveness model file {path.name} has been altered or damaged (checksum mismatch): "
            "reinstall.",
            code="pad_model.tampered",
        )


@dataclass
class _Loaded:
    nets: list[tuple[float, cv2.dnn.Net]]


_local = threading.local()


def model_dir() -> Path | None:
    """The installed model folder (``FIELDKIT_PAD_MODELS``), or None when none is installed."""
    text = os.environ.get(MODELS_ENV, "").strip()
    return Path(text) if text else None


def load_pad_models(folder: Path | None = None) -> list[tuple[float, cv2.dnn.Net]]:
    """Verify both files and load them (cached per thread and folder: cv2.dnn nets are not thread-safe)."""
    folder = folder or model_dir()
    if folder is None:
        raise PadModelError(
            f"No passive liveness models are installed (set {MODELS_ENV} to the MiniFASNet folder).",
            code="pad_model.missing",
        )
    cache: dict[str, _Loaded] = getattr(_local, "cache", {})
    key = str(folder)
    if key not in cache:
        nets = []
        for name, (scale, digest) in MODELS.items():
            path = folder / name
            _verified(path, digest)
            nets.append((scale, cv2.dnn.readNetFromONNX(str(path))))
        cache[key] = _Loaded(nets)
        _local.cache = cache
    return cache[key].nets


def crop_box(
    size: tuple[int, int], box: tuple[float, float, float, float], scale: float
) -> tuple[int, int, int, int]:
    """(left, top, right, bottom), inclusive: the face box scaled about its centre, kept inside."""
    width, height = size
    x, y, w, h = box
    w, h = max(w, 1.0), max(h, 1.0)
    scale = min((height - 1) / h, (width - 1) / w, scale)
    new_w, new_h = w * scale, h * scale
    cx, cy = x + w / 2, y + h / 2
    left, top, right, bottom = cx - new_w / 2, cy - new_h / 2, cx + new_w / 2, cy + new_h / 2
    if left < 0:
        right, left = right - left, 0.0
    if top < 0:
        bottom, top = bottom - top, 0.0
    if right > width - 1:
        left, right = left - (right - width + 1), width - 1.0
    if bottom > height - 1:
        top, bottom = top - (bottom - height + 1), height - 1.0
    return int(left), int(top), int(right), int(bottom)


def live_score(
    image: npt.NDArray[np.uint8], box: tuple[float, float, float, float], *, folder: Path | None = None
) -> float:
    """Probability-like "live" score in [0, 1] of the face in ``box`` (x, y, w, h) of a BGR frame."""
    bgr = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    height, width = bgr.shape[:2]
    total = np.zeros(3, dtype=np.float64)
    for scale, net in load_pad_models(folder):
        left, top, right, bottom = crop_box((width, height), box, scale)
        patch = cv2.resize(bgr[top : bottom + 1, left : right + 1], (INPUT, INPUT))
        blob = np.ascontiguousarray(patch.transpose(2, 0, 1)[None].astype(np.float32))
        net.setInput(blob)
        logits = np.asarray(net.forward(), dtype=np.float64).reshape(-1)
        exp = np.exp(logits - logits.max())
        total += exp / exp.sum()
    return float(total[1] / len(MODELS))
