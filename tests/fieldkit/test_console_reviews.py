"""The review pages over real HTTP, on SQLite and PostgreSQL: a cross-laptop duplicate planted by two
laptops' real syncs is in the queue, its evidence page shows both people's palms (ROI crops served
only to staff, never cached), ID numbers stay masked until an audited reveal, and a decision made on
the page reaches the laptop at its next sync."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from fieldkit.hq.console import staff_audit
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.store import HqStore
from fieldkit.identity.idnumber import mask_id_number
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.console_helpers import (
    CARDS,
    _sync,
    add_staff,
    csrf_token,
    log_in,
    plant_cross_laptop_duplicate,
    served,
)


@pytest.fixture
def laptop_b(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "laptop-b.db"
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _duplicate_id(hq_home: Path) -> int:
    hq = HqStore.open(hq_home)
    try:
        return next(r.id for r in list_reviews(hq) if r.kind == "duplicate")
    finally:
        hq.close()


def test_duplicate_evidence_reveal_and_decision_reach_the_laptop(
    store: Store, laptop_b: Store, hq_home: Path
) -> None:
    add_staff(hq_home, "wang", "reviewer")
    with served(hq_home) as url:
        plant_cross_laptop_duplicate(store, laptop_b, hq_home, url)
        review_id = _duplicate_id(hq_home)
        browser, _ = log_in(url, "wang")
        listing = browser.get(f"{url}/console/reviews", params={"kind": "duplicate"}, timeout=10)
        assert f'data-review="{review_id}"' in listing.text
        assert re.search(r'data-kind="duplicate">[^<]*: <b>1</b>', listing.text)
        assert "掌静脉与其他人员的 1 个手掌匹配（最高分 0." in listing.text
        page = browser.get(f"{url}/console/reviews/{review_id}", timeout=30)
        assert page.status_code == 200
        images = re.findall(r'src="(/console/reviews/\d+/images/palm-[0-9a-f-]+)"', page.text)
        assert len(images) == 4  # both hands of both people
        for source in images:
            image = browser.get(url + source, timeout=30)
            assert image.status_code == 200 and image.headers["content-type"] == "image/png"
            assert image.headers["cache-control"] == "no-store" and image.content.startswith(b"\x89PNG")
            assert requests.get(url + source, allow_redirects=False, timeout=10).status_code == 303
        # the per-hand table: the shared left palm scores high, the different right palms low
        scores = dict(re.findall(r"<tr><td>(左手|右手)</td><td>([0-9.?]+)</td></tr>", page.text))
        assert float(scores["左手"]) > 0.6 > float(scores["右手"])
        for card in CARDS[:2]:
            assert card.id_number not in page.text and mask_id_number(card.id_number) in page.text
        # an image of another item is not served through this one
        other = images[0].replace(f"/reviews/{review_id}/", f"/reviews/{review_id + 1000}/")
        assert browser.get(url + other, timeout=10).status_code == 404
        revealed = browser.post(
            f"{url}/console/reviews/{review_id}/reveal",
            data={"csrf_token": csrf_token(page.text)},
            timeout=30,
        )
        assert all(card.id_number in revealed.text for card in CARDS[:2])
        refused = browser.post(
            f"{url}/console/reviews/{review_id}/decide",
            data={"csrf_token": csrf_token(page.text), "outcome": "reject", "note": " "},
            timeout=30,
        )
        assert refused.status_code == 400  # the same rule as `review decide`: a note is required
        decided = browser.post(
            f"{url}/console/reviews/{review_id}/decide",
            data={"csrf_token": csrf_token(page.text), "outcome": "reject", "note": "同一手掌，已登记"},
            timeout=30,
        )
        assert decided.status_code == 200 and 'id="decided"' in decided.text
        again = _sync(laptop_b, hq_home, url)
        assert again.decisions.get("review_recorded") == 1
        recorded = [c for c in laptop_b.cases.list(status=None) if c.kind == "hq_duplicate"]
        assert len(recorded) == 1 and recorded[0].status == "rejected"
    hq = HqStore.open(hq_home)
    try:
        trail = staff_audit.entries(hq, subject=f"review:{review_id}")
        assert [(e.action, e.login) for e in trail] == [
            ("decide_review", "wang"),
            ("reveal_id_number", "wang"),
        ]
        assert trail[0].detail["outcome"] == "rejected"
        assert all(card.id_number not in str(e.detail) for e in trail for card in CARDS)
    finally:
        hq.close()
