"""People enrolled before the palm template format moved on are still certified and searched.

An enrolment stored under the previous format name (``palm-bocv/1``, as the earlier release wrote
it) is certified by templates made again from its kept images, and found by the duplicate gallery;
once retention has dropped the images, certification says clearly that the palms must be enrolled
again (``template.outdated``) instead of "no palm enrolled".
"""

from __future__ import annotations

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.errors import UserError
from fieldkit.workflows import enrollment
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from fieldkit.workflows.gallery import load_gallery
from matching.palm import analyse_palm
from matching.palm_template import FORMAT_NAME, OUTDATED_FORMAT_NAMES
from matching.synthetic_palm import synthetic_hand
from storage.store import Store

CARD = synthetic_cards(1, seed=5)[0]
PLACE = {"actor": "op", "device": "sim", "place": "丛台区", "cycle": 2026}


def _enrol_as_older_release(store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(enrollment, "PALM_FORMAT", OUTDATED_FORMAT_NAMES[-1])
    outcome = enroll(
        store,
        card=CARD,
        face_image=None,
        palm_images={
            "left": [synthetic_hand(61, i) for i in range(3)],
            "right": [synthetic_hand(62, i) for i in range(3)],
        },
        **PLACE,
    )
    monkeypatch.undo()
    stored = store.enrollments.get(outcome.enrollment.uuid)
    assert {s.template_format for s in stored.samples if s.modality == "palm"} == {OUTDATED_FORMAT_NAMES[-1]}
    return outcome.enrollment.uuid


def _certify(store: Store) -> object:
    return certify(
        store, card=CARD, palm_images={"right": synthetic_hand(62, 7)}, face_image=None, attempt=1, **PLACE
    )


def test_outdated_templates_are_made_again_from_kept_images(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enrol_as_older_release(store, monkeypatch)
    outcome = _certify(store)
    assert outcome.status == "recorded" and outcome.decision.outcome == "accept"  # type: ignore[attr-defined]
    index = load_gallery(store)
    assert len(index) == 6
    hit = index.search(analyse_palm(synthetic_hand(61, 8)).probe, top=1)[0]
    assert "/left/" in hit.key and hit.score > 0.3
    assert FORMAT_NAME not in OUTDATED_FORMAT_NAMES


def test_outdated_templates_without_images_are_refused_clearly(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = _enrol_as_older_release(store, monkeypatch)
    with store.transaction("op"):
        assert store.enrollments.drop_images([uuid], keep=("face",)) == 6
    with pytest.raises(UserError) as refused:
        _certify(store)
    assert refused.value.code == "template.outdated" and "enrol" in refused.value.message
    assert len(load_gallery(store)) == 0


def test_session_gallery_skips_outdated_palms_without_images(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.workflows.gallery import add_enrollment
    from matching.palm_index import PalmIndex

    uuid = _enrol_as_older_release(store, monkeypatch)
    index = PalmIndex()
    add_enrollment(index, store.enrollments.get(uuid))
    assert len(index) == 6  # made again from the kept images
    with store.transaction("op"):
        store.enrollments.drop_images([uuid], keep=("face",))
    emptied = PalmIndex()
    add_enrollment(emptied, store.enrollments.get(uuid))  # no exception: nothing searchable is left
    assert len(emptied) == 0
