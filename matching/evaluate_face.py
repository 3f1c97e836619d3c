"""Face accuracy evaluation, with the same protocols, JSON keys and units as the palm harness.

    python -m matching.evaluate face FOLDER [--json] [--protocol all|enroll-verify] [--id-photo]

Why the ``--id-photo`` mode: at enrolment the live face is compared with the ID card's chip photo,
a small, heavily compressed picture. That comparison is simulated by comparing each clean image with
degraded copies of the *other* images (long side scaled to 112-160 px, JPEG quality 25-35; the
amounts are drawn per file from a seed made of its path, so runs repeat exactly). Pairs are ordered:
clean i against degraded j for every i ≠ j. Evaluation images may show bystanders (LFW does), so the
largest face is used; the product itself refuses pictures with several faces.
"""

from __future__ import annotations

import statistics
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from matching.errors import MatchingError
from matching.evaluation_core import ENROLL_SAMPLES, Scores, list_samples, summarise
from matching.face_engine import Embedding, analyse_face, similarity
from matching.image_io import decode_bounded


@dataclass
class FaceSample:
    identity: str
    position: int
    count: int
    embedding: Embedding | None = None
    degraded: Embedding | None = None
    failure: str | None = None


def degrade_for_id_photo(image: npt.NDArray[np.uint8], seed_text: str) -> npt.NDArray[np.uint8]:
    """A card-photo-like copy: long side 112-160 px, JPEG quality 25-35 (deterministic per seed)."""
    rng = np.random.default_rng(zlib.crc32(seed_text.encode("utf-8")))
    long_side = int(rng.integers(112, 161))
    quality = int(rng.integers(25, 36))
    height, width = image.shape[:2]
    scale = long_side / max(height, width)
    small = cv2.resize(
        image, (max(1, round(width * scale)), max(1, round(height * scale))), interpolation=cv2.INTER_AREA
    )
    ok, encoded = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise MatchingError("JPEG encoding failed while simulating an ID photo.", code="evaluate.jpeg")
    decoded = decode_bounded(encoded.tobytes(), cv2.IMREAD_UNCHANGED)
    return np.asarray(decoded, dtype=np.uint8)


def _read_colour(path: Path) -> npt.NDArray[np.uint8]:
    image = decode_bounded(path.read_bytes(), cv2.IMREAD_COLOR)  # size read from the header first
    return np.asarray(image, dtype=np.uint8)


def extract_faces(folder: Path, *, id_photo: bool) -> tuple[list[FaceSample], list[float]]:
    """Embeddings (and degraded-copy embeddings) for every image; failures kept with their reason."""
    samples, timings = [], []
    for identity, path, position, count in list_samples(folder):
        sample = FaceSample(identity, position, count)
        try:
            image = _read_colour(path)
            started = time.perf_counter()
            sample.embedding = analyse_face(image, allow_several=True).embedding
            timings.append((time.perf_counter() - started) * 1000)
            if id_photo:
                degraded = degrade_for_id_photo(image, f"{identity}/{path.name}")
                sample.degraded = analyse_face(degraded, allow_several=True).embedding
        except MatchingError as exc:
            sample.failure = exc.code
        samples.append(sample)
    return samples, timings


def _score(a: Embedding | None, b: Embedding | None) -> float:
    return -np.inf if a is None or b is None else float(similarity(a, b))


def face_scores(samples: list[FaceSample], *, protocol: str, id_photo: bool) -> Scores:
    """Genuine / impostor / cross-session score lists under the chosen protocol."""
    scores = Scores()
    if protocol == "enroll-verify":
        identities = sorted({s.identity for s in samples})
        for probe in (s for s in samples if s.position >= ENROLL_SAMPLES):
            for identity in identities:
                enrolled = [s for s in samples if s.identity == identity and s.position < ENROLL_SAMPLES]
                values = [
                    _score(e.embedding, probe.degraded if id_photo else probe.embedding) for e in enrolled
                ]
                value = max(values) if values else -np.inf
                (scores.genuine if identity == probe.identity else scores.impostor).append(value)
        return scores
    for i, a in enumerate(samples):
        others = samples if id_photo else samples[i + 1 :]
        for b in others:
            if b is a:
                continue
            value = _score(a.embedding, b.degraded if id_photo else b.embedding)
            if a.identity != b.identity:
                scores.impostor.append(value)
                continue
            scores.genuine.append(value)
            if (a.position < a.count / 2) != (b.position < b.count / 2):
                scores.cross_session.append(value)
    return scores


def evaluate_face(
    folder: Path, *, protocol: str = "all", id_photo: bool = False
) -> tuple[dict[str, Any], Scores]:
    """Run one face evaluation: the JSON-ready summary and the score records."""
    samples, timings = extract_faces(folder, id_photo=id_photo)
    scores = face_scores(samples, protocol=protocol, id_photo=id_photo)
    if not scores.genuine or not scores.impostor:
        raise MatchingError(
            "The folder needs at least two identities with two samples each.", code="evaluate.too_small"
        )
    usable = [s.embedding for s in samples if s.embedding is not None]
    match_ms = None
    if len(usable) >= 2:
        times = []
        for k in range(300):
            a, b = usable[k % len(usable)], usable[(k * 7 + 1) % len(usable)]
            started = time.perf_counter()
            similarity(a, b)
            times.append((time.perf_counter() - started) * 1000)
        match_ms = statistics.median(times)
    result = summarise(
        "face",
        folder,
        protocol,
        [s.identity for s in samples],
        [s.failure for s in samples],
        scores,
        timings,
        match_ms,
    )
    result["id_photo"] = id_photo
    return result, scores
