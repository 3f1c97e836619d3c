"""The palm print-dot limit (``capture.pad.HALFTONE_PEAK_RATIO``) chosen on some palms and measured
on others: subject-disjoint folds over the real NIR palm images of ``../shared/data/palmvein``.

Why a script and not ``python -m matching.evaluate pad``: the palm check and its simulated print
live in ``capture`` and the folds in ``matching``; the two libraries never import each other, so
the composition lives here (as the benchmarks do). What is measured, plainly: bona fide = real NIR
palm captures (CASIA-MS 940/850 nm crops, PolyU NIR crops); attack = each of those palms turned
into a simulated ordered-dither print (``capture.replay_palm_pad.simulated_print``) — synthetic,
not a real printed palm. Score = −peak (higher = more likely live), so the fold rule of
``matching.liveness.threshold_cv`` (lowest threshold with APCER ≤ 1 % on the tuning folds) picks
the highest peak limit that still stops the tuning folds' prints.

    .venv/bin/python benchmarks/crossval_palm_print.py [--folds K] [--size WxH] [DATASET ...]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import cv2
import numpy as np

from capture.pad import HALFTONE_PEAK_RATIO, halftone_peak
from capture.replay_palm_pad import simulated_print
from matching.evaluation_core import list_samples
from matching.liveness.threshold_cv import crossvalidate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "palmvein"
DATASETS = ("casia_ms_940_fullhand", "casia_ms_roi_940", "casia_ms_roi_850", "polyu_ms_nir_roi")


def _pct(value: float | None) -> str:
    return "  n/a " if value is None else f"{value * 100:5.1f}%"


def measure(folder: Path, folds: int, size: tuple[int, int] | None = None) -> None:
    bona: dict[str, list[float]] = {}
    printed: dict[str, list[float]] = {}
    for identity, path, _, _ in list_samples(folder):
        image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        if image is None:
            bona.setdefault(identity, []).append(-math.inf)
            continue
        if size is not None:  # note: as a scanner of that resolution would frame the same hand
            image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        grey = np.asarray(image, np.uint8)
        bona.setdefault(identity, []).append(-halftone_peak(grey))
        printed.setdefault(identity, []).append(-halftone_peak(simulated_print(grey)))
    real = -np.asarray([s for v in bona.values() for s in v])
    fake = -np.asarray([s for v in printed.values() for s in v])
    shown = f" resized to {size[0]}×{size[1]}" if size else ""
    print(f"{folder.name}{shown}: {len(bona)} palms, {real.size} real captures, {fake.size} simulated prints")
    print(
        f"  peak, real captures: median {np.median(real):.0f}, max {real.max():.0f}; "
        f"simulated prints: min {fake.min():.0f}, median {np.median(fake):.0f}"
    )
    shipped_bpcer = float(np.mean(real > HALFTONE_PEAK_RATIO))
    shipped_apcer = float(np.mean(fake <= HALFTONE_PEAK_RATIO))
    print(
        f"  shipped limit {HALFTONE_PEAK_RATIO:g} on all of it: BPCER {_pct(shipped_bpcer)}"
        f"  APCER synthetic_print {_pct(shipped_apcer)}"
    )
    result = crossvalidate(bona, {"synthetic_print": printed}, folds=folds)
    print(f"  {folds}-fold subject-disjoint: fold  limit   tuned-on BPCER / APCER   held-out BPCER / APCER")
    for row in result["per_fold"]:
        tuned, held = row["tuned_on"], row["held_out"]
        tuned_rates = f"{_pct(tuned['bpcer'])} / {_pct(tuned['apcer_max'])}"
        print(
            f"  {'':27}{row['fold']:>4}  {-row['threshold']:6.0f}   {tuned_rates}"
            f"{'':9}{_pct(held['bpcer'])} / {_pct(held['apcer_max'])}"
        )
    tuned, held = result["tuned_on"], result["held_out"]
    print(
        f"  pooled held-out: BPCER {_pct(held['bpcer'])} ({held['bona_count']}), APCER synthetic_print "
        f"{_pct(held['apcer']['synthetic_print']['apcer'])} ({held['apcer']['synthetic_print']['count']}); "
        f"tuned-on BPCER {_pct(tuned['bpcer'])}, APCER {_pct(tuned['apcer']['synthetic_print']['apcer'])}"
    )
    spread = result["thresholds"]
    print(f"  limits chosen per fold: {-spread['max']:.0f} … {-spread['min']:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--size", metavar="WxH", help="resize every image first (a scanner's resolution)")
    parser.add_argument("datasets", nargs="*", default=list(DATASETS))
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x")) if args.size else None
    for name in args.datasets:
        folder = DATA / name
        if not folder.is_dir():
            print(f"{name}: not found at {folder} (skipped)")
            continue
        measure(folder, args.folds, size)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
