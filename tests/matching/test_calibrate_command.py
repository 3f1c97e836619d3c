"""The calibrate command's own parts: chimeric palm/face pairs and the fused calibration set."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from matching import metrics
from matching.calibrate import _fused_scores, chimeric_pairs, fused_set, main


def test_chimeric_pairs_draw_from_each_list() -> None:
    rng = np.random.default_rng(0)
    rows = chimeric_pairs([0.1, 0.2], [0.7, 0.8, 0.9], 1000, rng)
    assert rows.shape == (1000, 2)
    assert set(np.unique(rows[:, 0])) <= {0.1, 0.2} and set(np.unique(rows[:, 1])) <= {0.7, 0.8, 0.9}


def test_fused_set_beats_each_modality_on_synthetic_scores() -> None:
    rng = np.random.default_rng(1)
    palm = (list(rng.normal(0.6, 0.1, 3000)), list(rng.normal(0.2, 0.1, 30000)))
    face = (list(rng.normal(0.75, 0.08, 3000)), list(rng.normal(0.5, 0.08, 30000)))
    model, calibration = fused_set(palm, face, ["p", "f"])
    assert calibration.kind == "fused" and calibration.datasets == ["p", "f"]
    assert calibration.impostor_pairs > 500_000  # enough chimeric impostors to resolve FAR 1e-5
    fused_eer = _eer_of(model, palm, face, rng)
    palm_eer = metrics.error_rates(np.array(palm[0]), np.array(palm[1])).eer
    face_eer = metrics.error_rates(np.array(face[0]), np.array(face[1])).eer
    assert fused_eer < min(palm_eer, face_eer)
    targets = [t.far_target for t in calibration.thresholds]
    assert 1e-5 in targets


def _eer_of(model, palm, face, rng) -> float:  # type: ignore[no-untyped-def]
    genuine = _fused_scores(model, chimeric_pairs(palm[0], face[0], 5000, rng))
    impostor = _fused_scores(model, chimeric_pairs(palm[1], face[1], 50000, rng))
    return metrics.error_rates(genuine, impostor).eer


def test_failed_comparisons_stay_failed_after_fusion() -> None:
    from matching.fusion import LogisticFusion

    model = LogisticFusion(weights=(1.0, 1.0), bias=-1.0)
    scores = _fused_scores(model, np.array([[0.5, -np.inf], [0.9, 0.9]]))
    assert scores[0] == -np.inf and 0 < scores[1] < 1


def test_missing_folder_is_a_clear_failure(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["--palm", str(tmp_path / "nope"), "--face", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert code == 1 and "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "thresholds.json").exists()
