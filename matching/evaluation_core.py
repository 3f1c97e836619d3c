"""What the palm and face evaluations share: the folder layout, score lists and the JSON summary.

Why one module: both harnesses must read ``<identity>/<sample>`` folders the same way and print the
same keys in the same units, so that a palm figure and a face figure (and the fused calibration built
from both) can be compared; keeping it here also means neither harness imports the other.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching import metrics
from matching.errors import MatchingError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}
ENROLL_SAMPLES = 3


@dataclass
class Scores:
    """Score lists of one run (higher = same; ``-inf`` for a comparison a failed image took part in)."""

    genuine: list[float] = field(default_factory=list)
    impostor: list[float] = field(default_factory=list)
    cross_session: list[float] = field(default_factory=list)


def list_samples(folder: Path) -> list[tuple[str, Path, int, int]]:
    """(identity, path, position, count) for every image, identities and samples in name order."""
    if not folder.is_dir():
        raise MatchingError(f"{folder} is not a folder.", code="evaluate.no_folder")
    found = []
    for identity_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        images = sorted(p for p in identity_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        found += [(identity_dir.name, path, i, len(images)) for i, path in enumerate(images)]
    if not found:
        raise MatchingError(f"{folder} holds no <identity>/<image> files.", code="evaluate.empty")
    return found


def rates(genuine: list[float], impostor: list[float]) -> dict[str, Any]:
    """EER, FRR at FAR 1e-2/1e-3/1e-4, their thresholds and the pair counts."""
    found = metrics.error_rates(np.array(genuine), np.array(impostor))
    return {
        "eer": found.eer,
        "frr_at_far": found.frr_at_far,
        "eer_threshold": found.eer_threshold,
        "threshold_at_far": found.threshold_at_far,
        "genuine_pairs": found.genuine_pairs,
        "impostor_pairs": found.impostor_pairs,
    }


def summarise(
    modality: str,
    folder: Path,
    protocol: str,
    identities: list[str],
    failures: list[str | None],
    scores: Scores,
    timings: list[float],
    match_ms: float | None,
) -> dict[str, Any]:
    """The JSON summary both harnesses print (same keys and units for palm and face).

    ``identities`` and ``failures`` have one entry per image (the failure code, or None).
    """
    failed = [f for f in failures if f]
    result: dict[str, Any] = {
        "modality": modality,
        "dataset": folder.name,
        "protocol": protocol,
        "identities": len(set(identities)),
        "images": len(identities),
        **rates(scores.genuine, scores.impostor),
        "failure_to_enroll": {
            "count": len(failed),
            "rate": len(failed) / len(identities),
            "reasons": {r: failed.count(r) for r in sorted(set(failed))},
        },
        "extract_ms_median": statistics.median(timings) if timings else None,
        "match_ms_median": match_ms,
    }
    if scores.cross_session and len(scores.cross_session) < len(scores.genuine):
        cross = rates(scores.cross_session, scores.impostor)
        result["cross_session"] = {k: cross[k] for k in ("eer", "frr_at_far", "genuine_pairs")}
    return result


def pct(value: float | None) -> str:
    """A rate as a percentage for the printed tables."""
    return "n/a (too few impostor pairs)" if value is None else f"{value * 100:.3f} %"


def print_table(result: dict[str, Any]) -> None:
    """The human-readable report of one run (the JSON holds the same figures)."""
    print(
        f"{result['modality']} / {result['dataset']} / protocol {result['protocol']}: "
        f"{result['identities']} identities, {result['images']} images"
    )
    fte = result["failure_to_enroll"]
    print(f"  failure to enrol     {fte['count']} ({fte['rate'] * 100:.2f} %) {fte['reasons']}")
    print(f"  genuine / impostor   {result['genuine_pairs']:,} / {result['impostor_pairs']:,}")
    print(f"  EER                  {pct(result['eer'])}")
    for far, frr in result["frr_at_far"].items():
        print(f"  FRR at FAR {far:<8}  {pct(frr)}")
    if "cross_session" in result:
        cross = result["cross_session"]
        print(
            f"  cross-session EER    {pct(cross['eer'])} ({cross['genuine_pairs']:,} genuine pairs); "
            f"FRR at FAR 0.001 {pct(cross['frr_at_far'].get('0.001'))}"
        )
    if result.get("extract_ms_median") is not None:
        print(f"  extract (median)     {result['extract_ms_median']:.1f} ms")
    if result.get("match_ms_median") is not None:
        print(f"  1:1 compare (median) {result['match_ms_median']:.3f} ms")
