"""Removals in package deltas (issue 18), end to end over HTTP: people who moved out of the region,
died, were suspended or were marked fraud at headquarters are withdrawn from the laptop by the next
delta, each with an audit event naming the reason (no ID number in clear), and a person with unsynced
local work is kept until that work reached headquarters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from fieldkit.device_key import device_key, device_public_key
from fieldkit.hq.package_removals import mark_fraud
from fieldkit.hq.roster import load_roster
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.sync.http import HqClient
from fieldkit.sync.package_client import download_package
from fieldkit.sync.package_removals import DEFERRED_KEY
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Case
from storage.store import Store
from tests.fieldkit.hq_helpers import hq_signing, register
from tests.fieldkit.test_packages import CARDS, CYCLE, REGION, _hq_public, _roster
from tests.http_server import serve


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from serve(create_app(hq_home))


def _download(store: Store, hq_home: Path, url: str):  # type: ignore[no-untyped-def]
    client = HqClient(
        url=url,
        key=device_key(store, "op"),
        key_id=wire_keys.key_id(device_public_key(store, "op")),
        hq_signing_key=hq_signing(hq_home),
        attempts=2,
        sleep=lambda _: None,
        session=requests.Session(),
    )
    return download_package(
        store, client, region=REGION, cycle=CYCLE, hq_signing_key=_hq_public(hq_home), actor="op"
    )


def _in_region(store: Store, uuid: str) -> bool:
    return any(e.region == REGION and e.cycle == CYCLE for e in store.roster.entries_for(uuid))


def test_delta_withdraws_moved_deceased_suspended_and_fraud_keeping_unsynced_work(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    register(store, hq_home, "team A", regions=(REGION,))
    first = _download(store, hq_home, hq_url)
    assert first.people_added == 4 and first.people_withdrawn == 0
    people = [store.people.find_by_id_number(c.id_number) for c in CARDS]
    assert all(p is not None for p in people)
    uuids = [p.uuid for p in people if p is not None]
    # unsynced local work about person 3: a case opened on this laptop
    with store.transaction("op"):
        case = store.cases.open(Case(kind="id_mismatch", person_uuid=uuids[3], opened_by="op"))
    assert store.outbox.pending_about_person(uuids[3]) == 1
    assert store.outbox.pending_about_person(uuids[0]) == 0
    # at headquarters: 1 died, 2 suspended (roster statuses), 0 moved to another region, 3 fraud
    _roster(hq_home, tmp_path, statuses=("正常", "死亡", "暂停", "正常"))
    moved = tmp_path / "moved.csv"
    moved.write_text(
        f"身份证号码,姓名,人员状态\n{CARDS[0].id_number},{CARDS[0].name},正常\n", encoding="utf-8"
    )
    hq = HqStore.open(hq_home)
    try:
        load_roster(hq, moved, cycle=CYCLE, region="130403")
        assert mark_fraud(hq, CARDS[3].id_number) == (REGION, CYCLE)
    finally:
        hq.close()
    delta = _download(store, hq_home, hq_url)
    assert (delta.people_withdrawn, delta.withdrawals_deferred) == (3, 1)
    assert not _in_region(store, uuids[0]) and store.people.get(uuids[0]).status == "active"
    assert store.people.get(uuids[1]).status == "deceased" and not _in_region(store, uuids[1])
    assert store.people.get(uuids[2]).status == "suspended"
    # person 3 kept as they were, with their work still queued for headquarters
    assert _in_region(store, uuids[3]) and store.people.get(uuids[3]).status == "active"
    assert store.outbox.pending_about_person(uuids[3]) == 1
    assert CARDS[3].id_number not in (store.meta(DEFERRED_KEY) or "")
    events = [e for e in store.audit_events() if e.action == "roster.withdrawn"]
    assert sorted(e.details["reason"] for e in events) == ["deceased", "moved", "suspended"]
    trail = json.dumps([e.details for e in store.audit_events()], ensure_ascii=False)
    assert not any(c.id_number in trail for c in CARDS)  # masked only
    # the same delta again changes nothing
    again = _download(store, hq_home, hq_url)
    assert (again.people_withdrawn, again.withdrawals_deferred) == (0, 1)
    # the work reaches headquarters (signed acks), then the next package withdraws person 3 too
    synced = sync(
        store,
        url=hq_url,
        hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
        hq_signing_key=hq_signing(hq_home),
        actor="op",
    )
    assert synced.acknowledged == synced.sent and store.outbox.pending_about_person(uuids[3]) == 0
    later = _download(store, hq_home, hq_url)
    assert (later.people_withdrawn, later.withdrawals_deferred) == (1, 0)
    assert store.people.get(uuids[3]).status == "suspended" and not _in_region(store, uuids[3])
    assert store.cases.get(case.uuid).person_uuid == uuids[3]  # withdrawn, not deleted: the work stays
    fraud = [e for e in store.audit_events() if e.action == "roster.withdrawn" and e.record_uuid == uuids[3]]
    assert [e.details["reason"] for e in fraud] == ["fraud"]
    # someone who moved back is not withdrawn again by a full package
    hq = HqStore.open(hq_home)
    try:
        load_roster(hq, moved, cycle=CYCLE, region=REGION)
    finally:
        hq.close()
    back = _download(store, hq_home, hq_url)
    assert back.people_withdrawn == 0 and _in_region(store, uuids[0])
