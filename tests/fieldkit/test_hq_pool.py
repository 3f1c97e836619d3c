"""Headquarters without a process-wide lock (issue 18): rules that relied on one connection under a
lock now rely on keys, row locks and transaction advisory locks. Each test runs on SQLite (one
writer) and on PostgreSQL (a connection pool, so the threads here really run side by side).

- The same sealed batch completed twice at once (a laptop retrying while the first request is still
  working): every record stored once, one batch row, and both answers the same.
- The same batch posted twice at once through intake: stored once, the second sees "already_had".
- Change numbers taken by concurrent transactions are all different (deltas "after N").
- A review decided twice at once is decided once (one decision message for the laptop).
- Several processes opening a fresh PostgreSQL database at once migrate it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldkit.device_key import device_public_key
from fieldkit.hq import uploads
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import key_for_batch
from fieldkit.hq.reviews import decide_review, list_reviews
from fieldkit.hq.schema import SCHEMA_VERSION
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.envelope import open_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Case
from storage.store import Store
from tests.fieldkit.hq_helpers import register


def _at_once(actions: list[Callable[[], Any]]) -> list[Any]:
    """Run the actions in threads started together; their results (or exceptions) in order."""
    results: list[Any] = [None] * len(actions)
    start = threading.Barrier(len(actions))

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = actions[index]()
        except BaseException as exc:  # note: returned, so the test names it
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _cases_batch(store: Store, hq_home: Path, n: int) -> tuple[bytes, dict[str, Any], str]:
    register(store, hq_home)
    with store.transaction("op"):
        for _ in range(n):
            store.cases.open(Case(kind="capture_failure", person_uuid=None, opened_by="op", details={}))
    built = build_batch(store, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE))
    device = wire_keys.key_id(device_public_key(store, "op"))
    return built.data, built.manifest, device


def _scalar(hq: HqStore, sql: str) -> int:
    return int(hq.db.scalar(sql))


def test_one_upload_completed_twice_at_once_is_taken_in_once(store: Store, hq_home: Path) -> None:
    import hashlib

    data, manifest, device = _cases_batch(store, hq_home, 300)
    hq = HqStore.open(hq_home)
    try:
        batch_id = str(manifest["batch_id"])
        declaration = {
            "batch_id": batch_id,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "manifest": manifest,
        }
        twice = _at_once([lambda: uploads.declare(hq, device, declaration, max_bytes=len(data))] * 2)
        assert [state["offset"] for state in twice] == [0, 0]
        chunks = _at_once([lambda: uploads.put_chunk(hq, device, batch_id, 0, data)] * 2)
        assert sum(isinstance(c, dict) for c in chunks) >= 1
        assert all(isinstance(c, dict | uploads.OffsetMismatch) for c in chunks), chunks
        answers = _at_once([lambda: uploads.complete(hq, device, batch_id)] * 2)
        assert all(isinstance(a, dict) for a in answers), answers
        assert answers[0] == answers[1]
        assert set(answers[0]["statuses"].values()) == {"needs_review"}  # an open field case each
        assert _scalar(hq, "SELECT count(*) FROM records") == 300
        assert _scalar(hq, "SELECT count(*) FROM batches") == 1
        assert _scalar(hq, "SELECT count(*) FROM reviews") == 300
    finally:
        hq.close()


def test_one_batch_posted_twice_at_once_is_stored_once(store: Store, hq_home: Path) -> None:
    data, _, _ = _cases_batch(store, hq_home, 200)
    hq = HqStore.open(hq_home)
    try:
        opened = open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys())
        reports = _at_once([lambda: intake(hq, opened)] * 2)
        assert not [r for r in reports if isinstance(r, BaseException)], reports
        seen = sorted(tuple(sorted(set(r.statuses.values()))) for r in reports)
        assert seen == [("already_had",), ("needs_review",)]
        assert sorted(r.repeated_batch for r in reports) == [False, True]
        assert _scalar(hq, "SELECT count(*) FROM records") == 200
        assert _scalar(hq, "SELECT count(*) FROM batches") == 1
    finally:
        hq.close()


def test_concurrent_change_numbers_are_all_different(hq_home: Path) -> None:
    hq = HqStore.open(hq_home)
    try:

        def take(n: int = 25) -> list[int]:
            numbers = []
            for _ in range(n):
                with hq.db.transaction():
                    numbers.append(hq.next_change())
            return numbers

        taken = [number for part in _at_once([take] * 4) for number in part]
        assert len(taken) == 100 and len(set(taken)) == 100
    finally:
        hq.close()


def test_a_review_decided_twice_at_once_is_decided_once(store: Store, hq_home: Path) -> None:
    data, _, _ = _cases_batch(store, hq_home, 1)
    hq = HqStore.open(hq_home)
    try:
        intake(hq, open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys()))
        (review,) = list_reviews(hq)
        results = _at_once(
            [
                lambda: decide_review(hq, review.id, approve=True, note="ok", decided_by="a"),
                lambda: decide_review(hq, review.id, approve=False, note="no", decided_by="b"),
            ]
        )
        assert sum(not isinstance(r, BaseException) for r in results) == 1, results
        assert _scalar(hq, "SELECT count(*) FROM decisions") == 1
    finally:
        hq.close()


def test_processes_starting_together_migrate_once(tmp_path: Path, hq_backend: str) -> None:
    """API processes and workers started at once on a fresh (or just upgraded) PostgreSQL database:
    one creates the schema, the others wait and find it current."""
    if hq_backend != "postgresql":
        pytest.skip("one SQLite file is opened by one HQ process")
    homes = [tmp_path / f"hq{n}" for n in range(3)]
    opened = _at_once([lambda home=home: HqStore.open(home, create=True) for home in homes])
    try:
        assert all(isinstance(hq, HqStore) for hq in opened), opened
        assert opened[0].meta("schema_version") == str(SCHEMA_VERSION)
    finally:
        for hq in opened:
            if isinstance(hq, HqStore):
                hq.close()
