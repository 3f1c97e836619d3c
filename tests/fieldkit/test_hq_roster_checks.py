"""Certifications checked against headquarters' master roster at intake: a deceased person, a person
not due this cycle, a person not on the roster and a second certification of the same person in the
same cycle (from another laptop) are stored but queued for review ("needs_review", with the reason);
a normal certification is simply accepted (on SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_key
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch
from fieldkit.wire.envelope import open_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import register

CARDS = list(synthetic_cards(5, seed=21))


@pytest.fixture
def other_laptop(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "other.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _enrol_and_certify(store: Store, index: int) -> str:
    card = CARDS[index]
    hands = {
        "left": [synthetic_hand(60 + 2 * index, s) for s in range(3)],
        "right": [synthetic_hand(61 + 2 * index, s) for s in range(3)],
    }
    enroll(
        store, card=card, face_image=None, palm_images=hands, actor="op", device="sim", place="p", cycle=2026
    )
    outcome = certify(
        store,
        card=card,
        palm_images={"right": synthetic_hand(61 + 2 * index, 4)},
        face_image=None,
        actor="op",
        device="sim",
        place="p",
        cycle=2026,
    )
    assert outcome.certification is not None and outcome.certification.result == "accept"
    return outcome.certification.uuid


def _send(store: Store, hq_home: Path) -> dict[str, tuple[str, str]]:
    batch = build_batch(store, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE))
    hq = HqStore.open(hq_home)
    try:
        opened = open_batch(batch.data, hq_private_key=load_hq_key(hq), device_keys=hq.approved_keys())
        report = intake(hq, opened)
    finally:
        hq.close()
    with store.transaction("op"):
        store.outbox.mark_sent([int(e["sequence"]) for e in batch.manifest["entries"]])
    return {uuid: (status, report.reasons.get(uuid, "")) for uuid, status in report.statuses.items()}


def test_certifications_are_checked_against_the_master_roster(
    store: Store, other_laptop: Store, hq_home: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "master.csv"
    roster.write_text(
        "id_number,name,status\n"
        f"{CARDS[0].id_number},{CARDS[0].name},正常\n"
        f"{CARDS[1].id_number},{CARDS[1].name},死亡\n",
        encoding="utf-8",
    )
    hq = HqStore.open(hq_home)
    assert load_roster(hq, roster, cycle=2026, region="130400").accepted == 2
    later = tmp_path / "later.csv"
    later.write_text(f"id_number,name\n{CARDS[2].id_number},{CARDS[2].name}\n", encoding="utf-8")
    assert load_roster(hq, later, cycle=2027, region="130400").accepted == 1
    hq.close()
    register(store, hq_home, "A")
    register(other_laptop, hq_home, "B")
    normal, deceased, not_due, unknown = (_enrol_and_certify(store, i) for i in range(4))
    answers = _send(store, hq_home)
    assert answers[normal] == ("accepted", "")
    assert answers[deceased] == ("needs_review", "the roster marks this person deceased")
    assert answers[not_due][0] == "needs_review" and "cycle 2027" in answers[not_due][1]
    assert answers[unknown] == ("needs_review", "the person is not on the master roster")
    # the same retiree certified again this cycle on another laptop
    twice = _enrol_and_certify(other_laptop, 0)
    answers_b = _send(other_laptop, hq_home)
    assert answers_b[twice] == ("needs_review", "already certified this cycle by another record")
    enrollment_statuses = [s for s, _ in answers_b.values()]
    assert "needs_review" in enrollment_statuses
    hq = HqStore.open(hq_home)
    try:
        kinds = sorted(r.kind for r in list_reviews(hq))
        # same person, same palms, same ID number: not a duplicate of someone else
        assert "duplicate" not in kinds
        assert kinds.count("roster") == 4
    finally:
        hq.close()
