"""An enrolment a headquarters reviewer rejected as a duplicate is never handed to other laptops in
work packages (SQLite and PostgreSQL, real package building and opening)."""

from __future__ import annotations

from pathlib import Path

from fieldkit.hq.reviews import decide_review, get_review, open_review
from fieldkit.hq.store import HqStore
from storage.store import Store
from tests.fieldkit.test_packages import (
    CARDS,
    _enroll,
    _hq_public,
    _package,
    _register,
    _roster,
    _send,
    read_package,
    store_b,
)

assert store_b  # note: the fixture, imported for pytest


def test_a_rejected_duplicate_enrolment_stays_out_of_packages(
    store: Store, store_b: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    _register(store, hq_home, "team A")
    kept = _enroll(store, CARDS[0], 11, 12)
    doubted = _enroll(store, CARDS[1], 13, 14)
    _send(store, hq_home)
    with HqStore.open(hq_home) as hq, hq.db.transaction():
        for outcome, enrolment in (("approved", kept), ("rejected", doubted)):
            open_review(
                hq, kind="duplicate", record_uuid=enrolment.enrollment.uuid, record_type="enrollment",
                device_key_id="team-A", summary="palm matches another person", details={},
            )  # fmt: skip
            review_id = int(
                hq.db.scalar("SELECT id FROM reviews WHERE record_uuid = ?", (enrolment.enrollment.uuid,))
            )
            decide_review(hq, review_id, approve=outcome == "approved", note="checked", decided_by="wang")
            assert get_review(hq, review_id).status == outcome
    package = read_package(_package(hq_home, store_b), _hq_public(hq_home), store_b)
    assert [number for number, _ in package.enrollments] == [CARDS[0].id_number]
