"""ISO/IEC 30107-3 error rates from liveness scores (higher = more likely a live person).

Why separate from ``matching.metrics``: PAD counts errors per presentation-attack instrument
species, not per impostor pair. APCER is computed per attack type (the share of attack
presentations accepted as bona fide); the operating point "BPCER at APCER x" takes the threshold at
which the *worst* attack type's APCER is at most x (30107-3 reports the maximum over species),
and gives the share of bona fide presentations rejected there. A failed presentation (no face, a
challenge not followed) is a score of ``-inf``: rejected, counted, never dropped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def apcer(attacks: Sequence[float], threshold: float) -> float | None:
    """Share of attack presentations with score ≥ threshold (None without attacks)."""
    return None if not attacks else float(np.mean(np.asarray(attacks, dtype=np.float64) >= threshold))


def bpcer(bona_fide: Sequence[float], threshold: float) -> float | None:
    """Share of bona fide presentations with score < threshold (None without any)."""
    return None if not bona_fide else float(np.mean(np.asarray(bona_fide, dtype=np.float64) < threshold))


def threshold_for_apcer(attacks: Sequence[float], target: float) -> float:
    """The lowest threshold keeping this attack type's APCER ≤ target (ties stay rejected)."""
    values = np.sort(np.asarray(attacks, dtype=np.float64))[::-1]
    allowed = math.floor(target * len(values) + 1e-9)
    if allowed >= len(values):
        return -math.inf
    return float(np.nextafter(values[allowed], math.inf))


def pad_table(
    bona_fide: Sequence[float],
    attacks: Mapping[str, Sequence[float]],
    threshold: float,
    targets: Sequence[float] = (0.05, 0.01),
) -> dict[str, Any]:
    """The 30107-3 figures, with the counts each rate rests on."""
    per_type = {
        kind: {
            "count": len(scores),
            "apcer": apcer(scores, threshold),
            "failed": int(sum(1 for s in scores if s == -math.inf)),
        }
        for kind, scores in attacks.items()
    }
    at: dict[str, Any] = {}
    present = [s for s in attacks.values() if s]
    for target in targets:
        if not present or not bona_fide:
            at[f"{target:g}"] = None
            continue
        cut = max(threshold_for_apcer(s, target) for s in present)
        smallest = min(len(s) for s in present)
        at[f"{target:g}"] = {
            "bpcer": bpcer(bona_fide, cut),
            "threshold": None if not math.isfinite(cut) else cut,
            "resolved": smallest * target >= 1.0,  # fewer than 1/target attacks: APCER is 0 or ≥ 1/n
        }
    per_type_at = {
        kind: {f"{t:g}": bpcer(bona_fide, threshold_for_apcer(scores, t)) for t in targets}
        for kind, scores in attacks.items()
        if scores and bona_fide
    }
    return {
        "threshold": threshold,
        "bpcer_at_apcer_per_type": per_type_at,
        "bona_fide": {
            "count": len(bona_fide),
            "bpcer": bpcer(bona_fide, threshold),
            "failed": int(sum(1 for s in bona_fide if s == -math.inf)),
        },
        "attacks": per_type,
        "apcer_max": max((v["apcer"] for v in per_type.values() if v["apcer"] is not None), default=None),
        "bpcer_at_apcer": at,
    }
