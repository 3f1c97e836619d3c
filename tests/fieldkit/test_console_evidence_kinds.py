"""Every kind of review item decided from its evidence page, over real HTTP (SQLite and PostgreSQL):
a home visit (witness, place, the visit photo), a roster problem (the roster line, masked), an ID
mismatch (the captured palms and the roster entry) whose ID number is corrected from the page —
the correction and the decision reach the laptop at its next sync — and the district filter."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from capture.idcard.synthetic import synthetic_cards
from fieldkit.hq.console import staff_audit
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from fieldkit.workflows.exceptions import HomeVisit
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.fieldkit.console_helpers import _sync, add_staff, csrf_token, log_in, served
from tests.fieldkit.hq_helpers import register

CARDS = list(synthetic_cards(4, seed=33))


def _poll(count: Callable[[], Any], seconds: float = 20.0) -> int:
    """The count once it reaches 0, or its last value after ``seconds`` (background work)."""
    deadline = time.monotonic() + seconds
    while (value := int(count())) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def _enrol_and_certify(store: Store, index: int, visit: HomeVisit | None = None) -> None:
    card = CARDS[index]
    hands = {
        "left": [synthetic_hand(90 + 2 * index, s) for s in range(3)],
        "right": [synthetic_hand(91 + 2 * index, s) for s in range(3)],
    }
    enroll(
        store, card=card, face_image=None, palm_images=hands, actor="op", device="sim", place="p", cycle=2026
    )
    outcome = certify(
        store,
        card=card,
        palm_images={"right": synthetic_hand(91 + 2 * index, 4)},
        face_image=None,
        actor="op",
        device="sim",
        place="卧床" if visit else "p",
        cycle=2026,
        home_visit=visit,
    )
    assert outcome.certification is not None


def test_home_visit_roster_and_id_mismatch_pages_and_an_id_correction(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id_number,name,status,district\n"
        f"{CARDS[0].id_number},{CARDS[0].name},正常,丛台区\n"
        f"{CARDS[1].id_number},{CARDS[1].name},死亡,复兴区\n",
        encoding="utf-8",
    )
    hq = HqStore.open(hq_home)
    try:
        assert load_roster(hq, roster, cycle=2026, region="130400").accepted == 2
    finally:
        hq.close()
    add_staff(hq_home, "wang", "reviewer")
    register(store, hq_home, "laptop A")
    _enrol_and_certify(
        store, 0, HomeVisit(witness_name="王丽", witness_relation="女儿", photo=synthetic_hand(80, 0))
    )
    _enrol_and_certify(store, 1)  # on the roster as deceased
    _enrol_and_certify(store, 2)  # not on the roster: an ID mismatch case from the field
    with served(hq_home) as url:
        assert _sync(store, hq_home, url).problems == {}
        hq = HqStore.open(hq_home)
        try:  # placed in their district after the upload's answer, before any console view
            unplaced = _poll(lambda: hq.db.scalar("SELECT count(*) FROM reviews WHERE district IS NULL"))
            assert unplaced == 0
            assert hq.db.scalar("SELECT count(*) FROM reviews WHERE district = '复兴区'") >= 1
        finally:
            hq.close()
        browser, _ = log_in(url, "wang")
        hq = HqStore.open(hq_home)
        try:
            reviews = list_reviews(hq)
        finally:
            hq.close()
        visit = next(r for r in reviews if r.kind == "case" and "home_visit" in r.summary)
        deceased = next(r for r in reviews if r.kind == "roster" and "deceased" in r.summary)
        mismatch = next(r for r in reviews if r.kind == "case" and "id_mismatch" in r.summary)

        page = browser.get(f"{url}/console/reviews/{visit.id}", timeout=30).text
        assert "王丽" in page and "女儿" in page and "卧床" in page
        assert re.search(r'id="summary">现场个案 \S+（上门认证）待决定<', page)
        photos = re.findall(r'class="visit" alt="[^"]*" src="([^"]+)"', page)
        assert len(photos) == 1
        photo = browser.get(url + photos[0], timeout=30)
        assert photo.headers["content-type"] == "image/jpeg" and photo.headers["cache-control"] == "no-store"

        page = browser.get(f"{url}/console/reviews/{deceased.id}", timeout=30).text
        assert 'id="roster"' in page and "复兴区" in page and "<td>死亡</td>" in page
        assert mask_id_number(CARDS[1].id_number) in page and CARDS[1].id_number not in page
        by_district = browser.get(f"{url}/console/reviews", params={"district": "复兴区"}, timeout=30).text
        assert (
            f'data-review="{deceased.id}"' in by_district and f'data-review="{visit.id}"' not in by_district
        )

        page = browser.get(f"{url}/console/reviews/{mismatch.id}", timeout=30).text
        assert "not_in_roster" in page and len(re.findall(r'class="palm"', page)) == 2
        bad = browser.post(
            f"{url}/console/reviews/{mismatch.id}/decide",
            data={
                "csrf_token": csrf_token(page),
                "outcome": "correct",
                "id_number": "12345",
                "note": "卡号录错",
            },
            timeout=30,
        )
        assert bad.status_code == 400 and "12345" not in bad.text  # refused, and the typo stays masked
        corrected = browser.post(
            f"{url}/console/reviews/{mismatch.id}/decide",
            data={
                "csrf_token": csrf_token(page),
                "outcome": "correct",
                "id_number": CARDS[3].id_number,
                "note": "卡号录错，已核对户口本",
            },
            timeout=30,
        )
        assert corrected.status_code == 200 and 'id="decided"' in corrected.text
        outcome = _sync(store, hq_home, url)
        assert outcome.decisions.get("id_corrected") == 1 and outcome.decisions.get("case_decided") == 1
        assert store.people.find_by_id_number(CARDS[3].id_number) is not None
    hq = HqStore.open(hq_home)
    try:
        trail = staff_audit.entries(hq, subject=f"review:{mismatch.id}")
        assert trail[0].action == "decide_review" and trail[0].detail["laptops"] == 1
        assert CARDS[3].id_number not in str(trail[0].detail)
    finally:
        hq.close()
