"""The review loop end to end over real HTTP: HQ's city-wide duplicate search flags an enrollment
made on another laptop, field cases are queued, staff decide, and the decisions (and an ID-number
correction) come back to the laptop at its next sync — applied once, audited, and travelling back as
new record versions, never as conflicts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq.reviews import correct_id_number, decide_review, list_reviews
from fieldkit.hq.search_queue import depth
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import hq_signing, register, run_search_worker
from tests.fieldkit.test_http_sync import _serve

CARDS = list(synthetic_cards(4, seed=7))


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home))


@pytest.fixture
def second_store(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "laptop-b.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _enroll(store: Store, card, left: list, right: list):  # type: ignore[no-untyped-def,type-arg]
    return enroll(
        store,
        card=card,
        face_image=None,
        palm_images={"left": left, "right": right},
        actor="op",
        device="sim",
        place="丛台区",
        cycle=2026,
    )


def _sync(store: Store, hq_home: Path, url: str):  # type: ignore[no-untyped-def]
    return sync(
        store,
        url=url,
        hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
        hq_signing_key=hq_signing(hq_home),
        actor="op",
    )


def test_duplicate_found_at_hq_is_decided_and_the_decision_reaches_the_laptop(
    store: Store, second_store: Store, hq_home: Path, hq_url: str
) -> None:
    register(store, hq_home, "laptop A")
    register(second_store, hq_home, "laptop B")
    _enroll(
        store, CARDS[0], [synthetic_hand(1, i) for i in range(3)], [synthetic_hand(2, i) for i in range(3)]
    )
    first = _sync(store, hq_home, hq_url)
    assert first.problems == {} and first.needs_review == 1  # only the open field case; no duplicate yet
    # laptop B enrolls another ID number with fresh captures of the same left palm
    outcome = _enroll(
        second_store,
        CARDS[1],
        [synthetic_hand(1, 5 + i) for i in range(3)],
        [synthetic_hand(3, i) for i in range(3)],
    )
    assert outcome.duplicates == []  # laptop B alone cannot see it
    second = _sync(second_store, hq_home, hq_url)
    assert second.problems == {} and second_store.outbox.pending_count() == 0
    # the upload was answered before any search: the enrollment waits in the queue, no review yet
    hq = HqStore.open(hq_home)
    try:
        assert depth(hq)["queued"] == 2 and not [r for r in list_reviews(hq) if r.kind == "duplicate"]
    finally:
        hq.close()
    tally = run_search_worker(hq_home)  # `fieldkit hq worker --once`
    assert (tally.searched, tally.flagged, tally.failed) == (2, 1, 0)
    hq = HqStore.open(hq_home)
    try:
        assert depth(hq)["done"] == 2
        duplicates = [r for r in list_reviews(hq) if r.kind == "duplicate"]
        assert [r.record_uuid for r in duplicates] == [outcome.enrollment.uuid]
        assert duplicates[0].details["hits"][0]["id_number"] == CARDS[0].id_number
        assert duplicates[0].details["hits"][0]["hand"] == "left"
        field_cases = [r for r in list_reviews(hq) if r.kind == "case"]
        assert field_cases  # the unknown-person (ID mismatch) cases opened in the field
        decide_review(
            hq, duplicates[0].id, approve=False, note="same palm as an enrolled retiree", decided_by="li"
        )
        case_on_b = next(r for r in field_cases if r.device_key_id == duplicates[0].device_key_id)
        decide_review(hq, case_on_b.id, approve=True, note="checked the documents", decided_by="li")
        person_uuid = outcome.enrollment.person_uuid
        assert correct_id_number(hq, person_uuid, CARDS[2].id_number, note="typo", decided_by="li") == 1
    finally:
        hq.close()
    third = _sync(second_store, hq_home, hq_url)
    assert third.decisions == {"review_recorded": 1, "case_decided": 1, "id_corrected": 1}
    local = {c.uuid: c for c in second_store.cases.list(status=None)}
    assert local[case_on_b.record_uuid].status == "approved"
    assert local[case_on_b.record_uuid].decision_note == "HQ: checked the documents"
    recorded = [c for c in local.values() if c.kind == "hq_duplicate"]
    assert len(recorded) == 1 and recorded[0].status == "rejected"
    assert second_store.people.get(person_uuid).id_number == CARDS[2].id_number
    # the changed records travel back as new versions, and a repeated sync applies nothing twice
    fourth = _sync(second_store, hq_home, hq_url)
    assert fourth.problems == {} and fourth.acknowledged >= 3 and fourth.decisions == {}
    assert second_store.outbox.pending_count() == 0
    assert second_store.verify_audit().ok
