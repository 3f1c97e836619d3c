"""``python -m matching.evaluate palm FOLDER``: accuracy figures from an ``<identity>/<sample>`` folder.

A small synthetic set (5 identities × 4 palm crops, plus one corrupt file) checks the JSON report, the
pair counting of both protocols (a failed image counts against the system, it is never dropped), the
DET plot, and the errors for a missing or empty folder. One test runs on a subset of the real CASIA-MS
940 nm ROI set when it is present next to the repository (it may not enter the repository itself).
"""

from __future__ import annotations

import json
import os
from math import comb
from pathlib import Path

import cv2
import numpy as np
import pytest

from matching.evaluate import ENROLL_SAMPLES, main
from matching.synthetic_palm import synthetic_palm_crop

IDENTITIES = 5
SAMPLES = 4
CORRUPT_IN = "id2"
REAL_SET = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "palmvein" / "casia_ms_roi_940"
FAR_KEYS = {"0.01", "0.001", "0.0001"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("evaluate") / "synthetic"
    for identity in range(IDENTITIES):
        person = folder / f"id{identity}"
        person.mkdir(parents=True)
        for sample in range(SAMPLES):
            ok, encoded = cv2.imencode(".png", synthetic_palm_crop(identity, sample))
            assert ok
            (person / f"{sample:02d}.png").write_bytes(encoded.tobytes())
    (folder / CORRUPT_IN / "99.png").write_bytes(b"not an image")
    (folder / "id0" / "notes.txt").write_text("not an image either, and not counted")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    code, out, err = _run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _check_rates(result: dict) -> None:  # type: ignore[type-arg]
    assert 0.0 <= result["eer"] <= 1.0
    assert set(result["frr_at_far"]) == FAR_KEYS
    for value in result["frr_at_far"].values():
        assert value is None or 0.0 <= value <= 1.0
    fte = result["failure_to_enroll"]
    assert 0.0 <= fte["rate"] <= 1.0


@pytest.fixture(scope="module")
def all_pairs(dataset: Path) -> dict:  # type: ignore[type-arg]
    # note: module-scoped, so stdout is captured by hand instead of through capsys
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["palm", str(dataset), "--json"]) == 0
    return json.loads(buffer.getvalue())


def test_json_report_has_every_figure(all_pairs: dict) -> None:  # type: ignore[type-arg]
    for key in (
        "eer",
        "frr_at_far",
        "genuine_pairs",
        "impostor_pairs",
        "failure_to_enroll",
        "extract_ms_median",
        "match_ms_median",
    ):
        assert key in all_pairs
    _check_rates(all_pairs)
    assert all_pairs["modality"] == "palm" and all_pairs["protocol"] == "all"
    assert all_pairs["identities"] == IDENTITIES
    assert all_pairs["images"] == IDENTITIES * SAMPLES + 1
    assert isinstance(all_pairs["extract_ms_median"], float) and all_pairs["extract_ms_median"] >= 0
    assert isinstance(all_pairs["match_ms_median"], float) and all_pairs["match_ms_median"] >= 0


def test_corrupt_file_is_a_failure_to_enrol(all_pairs: dict) -> None:  # type: ignore[type-arg]
    fte = all_pairs["failure_to_enroll"]
    assert fte["count"] == 1
    assert fte["rate"] == pytest.approx(1 / (IDENTITIES * SAMPLES + 1))
    assert fte["reasons"] == {"image.undecodable": 1}


def test_all_pairs_counts_include_the_failed_image(all_pairs: dict) -> None:  # type: ignore[type-arg]
    images = IDENTITIES * SAMPLES + 1
    genuine = (IDENTITIES - 1) * comb(SAMPLES, 2) + comb(SAMPLES + 1, 2)  # id2 has 5 files
    assert all_pairs["genuine_pairs"] == genuine == 34
    assert all_pairs["impostor_pairs"] == comb(images, 2) - genuine == 176


def test_failed_pairs_count_as_false_rejects(all_pairs: dict) -> None:  # type: ignore[type-arg]
    """The corrupt file's 4 genuine pairs can never be accepted: FRR and EER are at least 4/34."""
    floor = SAMPLES / all_pairs["genuine_pairs"]
    assert all_pairs["eer"] >= floor - 1e-9
    assert all_pairs["frr_at_far"]["0.01"] >= floor - 1e-9
    # 176 impostor pairs cannot resolve a FAR of 1/1000
    assert all_pairs["frr_at_far"]["0.001"] is None and all_pairs["frr_at_far"]["0.0001"] is None
    # the synthetic palms themselves separate: nothing but the failure causes errors
    assert all_pairs["eer"] < floor + 0.05


def test_enroll_verify_protocol(capsys: pytest.CaptureFixture[str], dataset: Path) -> None:
    result = _json(capsys, "palm", str(dataset), "--protocol", "enroll-verify")
    _check_rates(result)
    assert result["protocol"] == "enroll-verify"
    # verified: every sample at position >= 3 (one per identity, plus id2's corrupt 99.png at position 4)
    probes = IDENTITIES * (SAMPLES - ENROLL_SAMPLES) + 1
    assert result["genuine_pairs"] == probes == 6
    assert result["impostor_pairs"] == probes * (IDENTITIES - 1) == 24
    assert result["failure_to_enroll"]["count"] == 1
    assert "cross_session" not in result


def test_plot_is_written(capsys: pytest.CaptureFixture[str], dataset: Path, tmp_path: Path) -> None:
    plot = tmp_path / "曲线 det.png"
    code, out, err = _run(capsys, "palm", str(dataset), "--plot", str(plot))
    assert code == 0, err
    image = cv2.imdecode(np.frombuffer(plot.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 2  # axes and a curve, not a blank page
    assert "EER" in out  # without --json a table is printed


def test_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, "palm", str(tmp_path / "nowhere"), "--json")
    assert code == 1
    assert "nowhere" in err and "Traceback" not in err
    assert out == ""


def test_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = _run(capsys, "palm", str(tmp_path / "empty"), "--json")
    assert code == 1
    assert err.strip() and "Traceback" not in err
    assert out == ""


def test_folder_without_images(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "set" / "person").mkdir(parents=True)
    (tmp_path / "set" / "person" / "readme.txt").write_text("nothing here")
    code, _, err = _run(capsys, "palm", str(tmp_path / "set"))
    assert code == 1 and err.strip() and "Traceback" not in err


def test_single_identity_is_too_small(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    person = tmp_path / "set" / "alone"
    person.mkdir(parents=True)
    for sample in range(2):
        person.joinpath(f"{sample}.png").write_bytes(
            cv2.imencode(".png", synthetic_palm_crop(0, sample))[1].tobytes()
        )
    code, _, err = _run(capsys, "palm", str(tmp_path / "set"), "--json")
    assert code == 1 and err.strip() and "Traceback" not in err


@pytest.mark.skipif(not REAL_SET.is_dir(), reason=f"real palm-vein data not present at {REAL_SET}")
def test_real_casia_subset(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """12 identities of CASIA-MS 940 nm ROIs, linked (never copied) into a temporary folder."""
    subset = tmp_path / "casia_940_subset"
    subset.mkdir()
    identities = sorted(p for p in REAL_SET.iterdir() if p.is_dir())[:12]
    assert len(identities) == 12
    for folder in identities:
        os.symlink(folder, subset / folder.name, target_is_directory=True)
    result = _json(capsys, "palm", str(subset))
    _check_rates(result)
    assert result["identities"] == 12
    assert result["failure_to_enroll"]["count"] == 0
    assert result["eer"] < 0.05
    assert result["genuine_pairs"] > 100 and result["impostor_pairs"] > 1000


def test_cross_validation_and_worst_pairs(
    capsys: pytest.CaptureFixture[str], dataset: Path, tmp_path: Path
) -> None:
    pictures = tmp_path / "worst"
    code, out, err = _run(
        capsys, "palm", str(dataset), "--folds", "2", "--worst", "2", "--worst-dir", str(pictures)
    )
    assert code == 0, err
    assert "held-back (pooled)" in out and "all data (tuned on it)" in out
    listed = [line for line in out.splitlines() if " vs " in line]
    assert len(listed) == 4 and all(".png" in line for line in listed)
    written = sorted(pictures.glob("*.png"))
    assert [p.name for p in written] == [
        "genuine_000.png",
        "genuine_001.png",
        "impostor_002.png",
        "impostor_003.png",
    ]
    assert all(p.stat().st_mode & 0o077 == 0 for p in written)  # real palms: owner only
    image = cv2.imread(str(written[0]))
    assert image is not None and image.shape[1] >= 2 * 256  # the two ROIs side by side
    result = _json(capsys, "palm", str(dataset), "--folds", "2")
    cv = result["cross_validation"]
    assert cv["folds"] == 2 and len(cv["chosen_per_fold"]) == 2
    assert cv["out_of_fold"]["genuine_pairs"] <= result["genuine_pairs"]
    assert 0.0 <= cv["out_of_fold"]["eer"] <= 1.0 and "all_data" in cv


def test_too_few_identities_for_the_folds_is_said(capsys: pytest.CaptureFixture[str], dataset: Path) -> None:
    result = _json(capsys, "palm", str(dataset))  # 5 identities, 5 folds by default
    assert "too few" in result["cross_validation"]["skipped"]


@pytest.mark.parametrize("argv", [("--folds", "1"), ("--folds", "-2"), ("--worst", "-1")])
def test_bad_cross_validation_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], dataset: Path, argv: tuple[str, str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["palm", str(dataset), *argv])
    assert stopped.value.code == 2


def test_shipped_only_cross_validates_one_candidate(
    capsys: pytest.CaptureFixture[str], dataset: Path
) -> None:
    result = _json(capsys, "palm", str(dataset), "--folds", "2", "--shipped-only")
    cv = result["cross_validation"]
    assert cv["chosen_per_fold"] == [result["configuration"]] * 2 == [cv["all_data_choice"]] * 2
