"""Marking a person as fraud from an evidence page, over real HTTP (SQLite and PostgreSQL): only an
administrator sees and may use the form, it needs a note and a tick, the ID number is taken from the
evidence on the server (never from the form), the page then says the person is marked, and the
staff audit holds the action with the masked ID number."""

from __future__ import annotations

import json
from pathlib import Path

from fieldkit.hq.console import staff_audit
from fieldkit.hq.reviews import list_reviews
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore
from storage.store import Store
from tests.fieldkit.console_helpers import _sync, add_staff, csrf_token, log_in, served
from tests.fieldkit.hq_helpers import register
from tests.fieldkit.test_console_evidence_kinds import CARDS, _enrol_and_certify, _poll


def test_an_admin_marks_a_person_as_fraud_from_the_evidence_page(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"id_number,name,status,district\n{CARDS[1].id_number},{CARDS[1].name},死亡,复兴区\n",
        encoding="utf-8",
    )
    with HqStore.open(hq_home) as hq:
        assert load_roster(hq, roster, cycle=2026, region="130400").accepted == 1
    add_staff(hq_home, "wang", "reviewer")
    add_staff(hq_home, "li", "admin", name="李管理")
    register(store, hq_home, "laptop A")
    _enrol_and_certify(store, 1)  # certified although the roster says deceased: a roster review
    with served(hq_home) as url:
        assert _sync(store, hq_home, url).problems == {}
        with HqStore.open(hq_home) as hq:
            assert _poll(lambda: hq.db.scalar("SELECT count(*) FROM reviews WHERE district IS NULL")) == 0
            item = next(r for r in list_reviews(hq) if r.kind == "roster")
        page_url = f"{url}/console/reviews/{item.id}"

        reviewer, _ = log_in(url, "wang")
        seen = reviewer.get(page_url, timeout=30).text
        assert 'id="fraud-form-1"' not in seen
        fields = {"csrf_token": csrf_token(seen), "side": "1", "confirm": "yes", "note": "x"}
        refused = reviewer.post(f"{page_url}/fraud", data=fields, timeout=30)
        assert refused.status_code == 403

        admin, _ = log_in(url, "li")
        page = admin.get(page_url, timeout=30).text
        assert 'id="fraud-form-1"' in page and CARDS[1].id_number not in page
        token = csrf_token(page)
        unticked = admin.post(
            f"{page_url}/fraud", data={"csrf_token": token, "side": "1", "note": "冒领"}, timeout=30
        )
        assert unticked.status_code == 400 and "确认标记为冒领" in unticked.text
        no_side = admin.post(
            f"{page_url}/fraud", data={"csrf_token": token, "side": "7", "confirm": "yes", "note": "冒领"},
            timeout=30,
        )  # fmt: skip
        assert no_side.status_code == 400
        no_token = admin.post(
            f"{page_url}/fraud", data={"side": "1", "confirm": "yes", "note": "冒领"}, timeout=30
        )
        assert no_token.status_code == 403
        with HqStore.open(hq_home) as hq:
            assert hq.db.scalar("SELECT count(*) FROM package_removals") == 0  # nothing refused was done
        marked = admin.post(
            f"{page_url}/fraud",
            data={"csrf_token": token, "side": "1", "confirm": "yes", "note": "家属确认本人已于2024年去世"},
            timeout=30,
        )
        assert marked.status_code == 200 and 'id="fraud-done"' in marked.text
        assert 'id="fraud-marked-1"' in marked.text and 'id="fraud-form-1"' not in marked.text
    with HqStore.open(hq_home) as hq:
        rows = hq.db.execute("SELECT id_number, reason FROM package_removals").fetchall()
        (entry,) = [
            e for e in staff_audit.entries(hq, subject=f"review:{item.id}") if e.action == "mark_fraud"
        ]
    assert [tuple(r) for r in rows] == [(CARDS[1].id_number, "fraud")]
    assert entry.login == "li" and entry.detail["via"] == "console" and entry.detail["region"] == "130400"
    assert CARDS[1].id_number not in json.dumps(entry.detail, ensure_ascii=False)
