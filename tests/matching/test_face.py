"""Face engine: model checks, rejections, quality, templates. Tests that need real faces read
../shared/data/faces when it is there and skip with the reason when it is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from matching import face_models
from matching.errors import BadImage, TemplateError
from matching.face_engine import FaceError, analyse_face, detect_faces, similarity
from matching.face_template import FaceTemplate, from_bytes, to_bytes

FACES = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces"
needs_faces = pytest.mark.skipif(
    not (FACES / "lfw7").is_dir(), reason=f"real face captures not found at {FACES}"
)


def _lfw(index: int) -> np.ndarray:
    files = sorted((FACES / "lfw7").glob("*/*"))
    return cv2.imread(str(files[index]))


def test_blank_and_cartoonish_images_have_no_face() -> None:
    blank = np.full((480, 640, 3), 200, np.uint8)
    with pytest.raises(FaceError) as info:
        analyse_face(blank)
    assert info.value.code == "face.none"
    drawing = blank.copy()
    cv2.circle(drawing, (320, 240), 120, (0, 200, 255), -1)  # a smiley, not a face
    cv2.circle(drawing, (280, 200), 15, (0, 0, 0), -1)
    cv2.circle(drawing, (360, 200), 15, (0, 0, 0), -1)
    cv2.ellipse(drawing, (320, 280), (60, 30), 0, 0, 180, (0, 0, 0), 5)
    assert detect_faces(drawing) == [] or analyse_face(drawing).quality.score < 100


def test_bad_arrays_are_refused_clearly() -> None:
    with pytest.raises(BadImage):
        analyse_face(np.zeros((0, 0, 3), np.uint8))
    with pytest.raises(BadImage):
        analyse_face(np.zeros((10, 10, 3), np.uint8))


def test_tampered_or_missing_model_is_refused(tmp_path: Path) -> None:
    for name in (face_models.DETECTOR_FILE, face_models.EMBEDDER_FILE):
        shutil.copyfile(face_models.model_path(name), tmp_path / name)
    assert face_models.load_models(tmp_path).embedder is not None
    altered = bytearray((tmp_path / face_models.EMBEDDER_FILE).read_bytes())
    altered[1000] ^= 0xFF
    (tmp_path / face_models.EMBEDDER_FILE).write_bytes(bytes(altered))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copyfile(tmp_path / face_models.EMBEDDER_FILE, fresh / face_models.EMBEDDER_FILE)
    shutil.copyfile(tmp_path / face_models.DETECTOR_FILE, fresh / face_models.DETECTOR_FILE)
    with pytest.raises(face_models.ModelError) as info:
        face_models.load_models(fresh)
    assert info.value.code == "model.tampered"
    missing = tmp_path / "missing"
    missing.mkdir()
    with pytest.raises(face_models.ModelError) as info:
        face_models.load_models(missing)
    assert info.value.code == "model.missing"


def test_template_round_trip_and_refusals() -> None:
    vector = np.random.default_rng(3).normal(size=128).astype(np.float32)
    vector /= np.linalg.norm(vector)
    data = to_bytes(FaceTemplate(vector, quality=80))
    back = from_bytes(data)
    assert np.array_equal(back.embedding, vector) and back.quality == 80
    for damaged, code in ((data[:-1], "template.damaged"), (b"XXXX" + data[4:], "template.foreign")):
        with pytest.raises(TemplateError) as info:
            from_bytes(damaged)
        assert info.value.code == code
    flipped = bytearray(data)
    flipped[40] ^= 1
    with pytest.raises(TemplateError):
        from_bytes(bytes(flipped))
    with pytest.raises(TemplateError):
        to_bytes(FaceTemplate(vector[:64]))


@needs_faces
def test_same_person_scores_higher_than_others() -> None:
    first, second, other = (
        analyse_face(_lfw(0), allow_several=True),
        analyse_face(_lfw(1), allow_several=True),
        analyse_face(_lfw(-1), allow_several=True),
    )
    assert similarity(first.embedding, second.embedding) > similarity(first.embedding, other.embedding) + 0.15
    assert 0 <= first.quality.score <= 100 and first.aligned.shape == (112, 112, 3)


@needs_faces
def test_two_faces_are_refused_by_name() -> None:
    face = _lfw(0)
    pair = np.hstack([cv2.resize(face, (250, 250)), cv2.resize(_lfw(-1), (250, 250))])
    with pytest.raises(FaceError) as info:
        analyse_face(pair)
    assert info.value.code == "face.many" and info.value.params["count"] == 2


@needs_faces
def test_tiny_face_scores_low_or_is_missed() -> None:
    frame = np.full((480, 640, 3), 90, np.uint8)
    frame[200:232, 300:332] = cv2.resize(_lfw(0), (32, 32))
    try:
        capture = analyse_face(frame)
    except FaceError as exc:
        assert exc.code == "face.none"
        return
    assert capture.quality.parts["size"] < 50 and any("small" in r for r in capture.quality.reasons)


@needs_faces
def test_dark_and_turned_faces_give_reasons() -> None:
    dark = (_lfw(2).astype(np.float32) * 0.15).astype(np.uint8)
    try:
        capture = analyse_face(dark, allow_several=True)
    except FaceError:
        return  # also acceptable: too dark to find a face at all
    assert capture.quality.parts["exposure"] < 50 and "too dark" in capture.quality.reasons
