"""Passive PAD model (hash check, the vendored files), fusion rules, and the 30107-3 arithmetic on
score lists with known answers."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import cv2
import pytest

from matching.evaluate import main
from matching.liveness.active import ActiveResult
from matching.liveness.fusion import fuse
from matching.liveness.pad_metrics import pad_table, threshold_for_apcer
from matching.liveness.passive import MODELS, PadModelError, crop_box, live_score, load_pad_models

MODEL_DIR = (
    Path(__file__).resolve().parents[3] / "shared" / "models" / "minifasnet"
)  # as an agency installs it
SAMPLES = MODEL_DIR / "samples"
NEEDS_MODELS = pytest.mark.skipif(
    not MODEL_DIR.is_dir(), reason=f"MiniFASNet models not found at {MODEL_DIR}"
)
FACES = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces"


def test_no_installed_models_is_a_clear_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDKIT_PAD_MODELS", raising=False)
    with pytest.raises(PadModelError) as info:
        load_pad_models()
    assert info.value.code == "pad_model.missing" and "FIELDKIT_PAD_MODELS" in str(info.value)


def test_the_readme_says_where_the_models_come_from_and_how_to_install_them() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "FIELDKIT_PAD_MODELS" in readme and "Minivision" in readme and "Apache" in readme
    for name, (_, digest) in MODELS.items():
        assert name in readme and digest in readme


@NEEDS_MODELS
def test_a_model_file_with_another_hash_is_refused(tmp_path: Path) -> None:
    for name in MODELS:
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    data = bytearray((tmp_path / "MiniFASNetV2_2.7_80x80.onnx").read_bytes())
    data[-10] ^= 0xFF
    (tmp_path / "MiniFASNetV2_2.7_80x80.onnx").write_bytes(bytes(data))
    with pytest.raises(PadModelError) as info:
        load_pad_models(tmp_path)
    assert info.value.code == "pad_model.tampered"
    (tmp_path / "MiniFASNetV1SE_4.0_80x80.onnx").unlink()
    shutil.copy(MODEL_DIR / "MiniFASNetV2_2.7_80x80.onnx", tmp_path / "MiniFASNetV2_2.7_80x80.onnx")
    with pytest.raises(PadModelError) as info:
        load_pad_models(tmp_path)
    assert info.value.code == "pad_model.missing"


def test_crop_is_scaled_about_the_centre_and_kept_inside() -> None:
    assert crop_box((640, 480), (300, 200, 40, 40), 2.7) == (266, 166, 374, 274)
    left, top, right, bottom = crop_box((640, 480), (0, 0, 100, 100), 4.0)  # shifted back inside
    assert left == 0 and top == 0 and right <= 639 and bottom <= 479


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"MiniFASNet sample photos not found at {SAMPLES}")
def test_the_repositorys_own_samples_are_read_the_right_way_round(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_PAD_MODELS", str(MODEL_DIR))
    from matching.face_engine import detect_faces

    scores = {}
    for name in ("image_F1.jpg", "image_F2.jpg", "image_T1.jpg"):
        image = cv2.imread(str(SAMPLES / name))
        scores[name] = live_score(image, detect_faces(image)[0].box)
    assert scores["image_T1.jpg"] > 0.9 and scores["image_F1.jpg"] < 0.5 and scores["image_F2.jpg"] < 0.5


def test_apcer_threshold_and_table_on_known_scores() -> None:
    attacks = [0.1 * i for i in range(20)]  # 0.0 .. 1.9
    cut = threshold_for_apcer(attacks, 0.05)  # one of 20 may pass: the threshold lies just above 1.8
    assert 1.8 < cut <= 1.8 + 1e-9
    bona = [1.0, 1.5, 1.85, 2.0, -math.inf]
    table = pad_table(bona, {"print": attacks, "screen": [0.0, 0.2]}, threshold=1.0)
    assert table["attacks"]["print"]["apcer"] == pytest.approx(10 / 20)
    assert table["attacks"]["screen"]["apcer"] == 0.0
    assert table["bona_fide"]["bpcer"] == pytest.approx(1 / 5) and table["bona_fide"]["failed"] == 1
    at5 = table["bpcer_at_apcer"]["0.05"]
    assert at5["bpcer"] == pytest.approx(3 / 5)  # only 1.85 and 2.0 clear 1.8+
    assert at5["resolved"] is False  # "screen" has 2 attacks: 5 % cannot be resolved


def _active(outcome: str) -> ActiveResult:
    return ActiveResult(outcome, f"liveness.{outcome}", "why", (), (), 0.2, 3.0)


def test_fusion_never_rescues_a_failed_challenge_and_only_downgrades_when_asked() -> None:
    assert fuse(_active("spoof"), 0.99, 0.5).outcome == "spoof"
    assert fuse(_active("timeout"), 0.99, None).outcome == "timeout"
    assert fuse(_active("live"), 0.01, None).outcome == "live"  # default: recorded, not deciding
    assert fuse(_active("live"), None, 0.5).outcome == "not_possible"  # a required veto never skipped
    verdict = fuse(_active("live"), 0.2, 0.5)
    assert verdict.outcome == "spoof" and verdict.code == "liveness.passive" and verdict.passive_score == 0.2


@pytest.mark.skipif(not (FACES / "lfw7").is_dir(), reason=f"real faces not found at {FACES}")
def test_evaluate_pad_prints_the_table_with_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "faces"
    for person in sorted((FACES / "lfw7").iterdir())[:2]:
        (folder / person.name).mkdir(parents=True)
        for image in sorted(person.iterdir())[:2]:
            shutil.copy(image, folder / person.name / image.name)
    assert main(["pad", str(folder), "--no-active"]) == 0
    out = capsys.readouterr().out
    assert "APCER synthetic_halftone" in out and "(4 bona fide, 0 failed)" in out
    assert "not real attacks" in out
    assert "cross-validation skipped: 5 folds need at least 5 identities; 2 here" in out
    assert main(["pad", str(folder), "--spoof", str(tmp_path / "nope.jpg")]) == 1


@pytest.mark.skipif(not (FACES / "lfw7").is_dir(), reason=f"real faces not found at {FACES}")
def test_evaluate_pad_folds_print_tuned_on_beside_held_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "faces"
    for person in sorted((FACES / "lfw7").iterdir())[:5]:
        (folder / person.name).mkdir(parents=True)
        for image in sorted(person.iterdir())[:2]:
            shutil.copy(image, folder / person.name / image.name)
    assert main(["pad", str(folder), "--no-active", "--folds", "5"]) == 0
    out = capsys.readouterr().out
    assert "passive: 5-fold subject-disjoint cross-validation" in out
    assert "tuned-on BPCER" in out and "held-out BPCER" in out and "(10)" in out  # every photo once
    with pytest.raises(SystemExit) as usage:
        main(["pad", str(folder), "--folds", "1"])
    assert usage.value.code == 2
