"""Produce the shipped decision thresholds (and the palm+face fusion model) from evaluation data.

    python -m matching.calibrate --palm DIR [DIR ...] --face DIR [DIR ...] [--out matching/data]

Why a command: thresholds are measured, not typed in. Palm and face scores come from the same
harness as the accuracy figures, under the enrol-verify protocol (three enrolled samples, best score
wins), because that is how palm certification compares; faces are enrolled from one portrait, so
their scores come from all pairs. The ID-photo comparison gets its own set. Palm
and face evaluation sets contain different people, so fused scores are formed from chimeric pairs
(a palm score and a face score drawn independently from the same class), which assumes the two
modalities err independently; the fusion model is fitted on one half of those pairs and its
threshold calibrated on the other half. The files record dataset names and pair counts; they hold
numbers only, never images or templates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matching.calibration import (
    CalibrationSet,
    calibration_set,
    write_thresholds,
)
from matching.decision_data import DATA_DIR, FUSION_FILE, THRESHOLDS_FILE
from matching.errors import MatchingError
from matching.evaluate_face import evaluate_face
from matching.evaluate_palm import as_scores, evaluate_palm
from matching.fusion import LogisticFusion

CHIMERIC_IMPOSTORS = 2_000_000
_SEED = 20261128


def _collect(folders: Sequence[Path], run: str) -> tuple[list[float], list[float]]:
    genuine: list[float] = []
    impostor: list[float] = []
    for folder in folders:
        if run == "palm":
            # note: only out-of-fold records: comparisons among identities held back from every
            # choice the cross-validation makes (with too few identities for folds, all records)
            result, evaluation = evaluate_palm(folder, protocol="enroll-verify", shipped_only=True)
            cv = evaluation.cross_validation
            scores = as_scores(cv.pooled if cv is not None else evaluation.records)
        else:
            # note: a face is enrolled from one portrait, so every pair is an operational comparison
            result, scores = evaluate_face(folder, protocol="all", id_photo=run == "face_id_photo")
        print(
            f"  {run}: {folder.name}: {len(scores.genuine):,} genuine, {len(scores.impostor):,} "
            f"impostor used; EER on all records {result['eer'] * 100:.3f} %",
            file=sys.stderr,
        )
        genuine += scores.genuine
        impostor += scores.impostor
    return genuine, impostor


def chimeric_pairs(
    palm: Sequence[float], face: Sequence[float], count: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """``count`` (palm, face) rows drawn independently from the two score lists."""
    palm_array, face_array = np.asarray(palm), np.asarray(face)
    return np.column_stack([rng.choice(palm_array, count), rng.choice(face_array, count)])


def fused_set(
    palm: tuple[list[float], list[float]], face: tuple[list[float], list[float]], datasets: list[str]
) -> tuple[LogisticFusion, CalibrationSet]:
    """Fit the fusion on one half of chimeric pairs; calibrate its threshold on the other half."""
    rng = np.random.default_rng(_SEED)
    genuine_count = max(len(palm[0]), len(face[0])) * 2
    genuine = chimeric_pairs(palm[0], face[0], genuine_count, rng)
    impostor = chimeric_pairs(palm[1], face[1], CHIMERIC_IMPOSTORS, rng)
    fit_g, test_g = genuine[: genuine_count // 2], genuine[genuine_count // 2 :]
    fit_i, test_i = impostor[: CHIMERIC_IMPOSTORS // 2], impostor[CHIMERIC_IMPOSTORS // 2 :]
    model = LogisticFusion.fit(fit_g, fit_i)
    scored_g = np.array([model.score(p, f) for p, f in test_g])
    scored_i = _fused_scores(model, test_i)
    return model, calibration_set("fused", datasets, scored_g, scored_i)


def _fused_scores(model: LogisticFusion, rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The model's scores for many rows at once (same formula as ``LogisticFusion.score``)."""
    finite = np.isfinite(rows).all(axis=1)
    out = np.full(len(rows), -np.inf)
    z = rows[finite] @ np.asarray(model.weights) + model.bias
    out[finite] = 1.0 / (1.0 + np.exp(-z))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.calibrate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--palm", type=Path, nargs="+", required=True, help="palm evaluation folders")
    parser.add_argument("--face", type=Path, nargs="+", required=True, help="face evaluation folders")
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR, help="folder for thresholds.json and fusion.json"
    )
    args = parser.parse_args(argv)
    try:
        palm = _collect(args.palm, "palm")
        face = _collect(args.face, "face")
        id_photo = _collect(args.face, "face_id_photo")
        palm_names, face_names = [p.name for p in args.palm], [f.name for f in args.face]
        model, fused = fused_set(palm, face, palm_names + face_names)
        sets = [
            calibration_set("palm", palm_names, *palm),
            calibration_set("face", face_names, *face),
            calibration_set("face_id_photo", face_names, *id_photo),
            fused,
        ]
    except MatchingError as exc:
        print(f"calibrate: {exc.message}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    write_thresholds(args.out / THRESHOLDS_FILE, sets, created_by="python -m matching.calibrate")
    fusion_doc = {
        "model": model.to_dict(),
        "datasets": palm_names + face_names,
        "note": "fitted on chimeric palm/face pairs (independent modalities assumed)",
    }
    (args.out / FUSION_FILE).write_text(
        json.dumps(fusion_doc, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    for cal in sets:
        points = ", ".join(
            f"FAR {t.far_target:g}: {t.threshold:.4f}{'' if t.supported else ' (unsupported)'}"
            for t in cal.thresholds
            if t.threshold is not None
        )
        print(f"{cal.kind}: {cal.genuine_pairs:,} genuine / {cal.impostor_pairs:,} impostor; {points}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
