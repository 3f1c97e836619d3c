"""Uploads resumed, and ten laptops at once (the seeded fault runs, with HQ killed mid-request, are
in test_sync_faults.py).

- An upload interrupted on the laptop side resumes from the offset HQ confirms, from the spooled
  batch, at the next sync (same batch id, nothing sent twice).
- Ten simulated laptops, each with 1,000 records, sync concurrently into one HQ; all reconciled.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Case
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import hq_signing, register
from tests.fieldkit.test_http_sync import _serve


def _make_cases(store: Store, n: int) -> set[str]:
    with store.transaction("op"):
        return {
            store.cases.open(
                Case(kind="capture_failure", person_uuid=None, opened_by="op", details={"note": "x" * 2000})
            ).uuid
            for _ in range(n)
        }


def _held(hq_home: Path) -> dict[str, int]:
    hq = HqStore.open(hq_home)
    try:
        rows = hq.db.execute("SELECT record_uuid, count(*) FROM records GROUP BY record_uuid").fetchall()
    finally:
        hq.close()
    return {str(uuid): int(n) for uuid, n in rows}


def test_interrupted_upload_resumes_from_the_spooled_batch(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    made = _make_cases(store, 100)
    spool = tmp_path / "spool"
    seen: list[int] = []

    def pull_the_plug(stage: str, done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 4:
            raise ConnectionAbortedError("laptop closed")

    serving = _serve(create_app(hq_home))
    url = next(serving)
    try:
        with pytest.raises(ConnectionAbortedError):
            sync(
                store,
                url=url,
                hq_public_key=key,
                hq_signing_key=hq_signing(hq_home),
                actor="op",
                spool=spool,
                chunk=16 * 1024,
                progress=pull_the_plug,
            )
        assert (spool / "batch.fkbatch").exists() and store.outbox.pending_count() == len(made)
        hq = HqStore.open(hq_home)
        held_bytes = int(hq.db.scalar("SELECT received FROM uploads"))
        hq.close()
        assert held_bytes == 3 * 16 * 1024  # three chunks confirmed before the plug was pulled
        resumed: list[int] = []
        sync(
            store,
            url=url,
            hq_public_key=key,
            hq_signing_key=hq_signing(hq_home),
            actor="op",
            spool=spool,
            chunk=16 * 1024,
            progress=lambda s, d, t: resumed.append(d),
        )
        assert resumed[0] == held_bytes  # continued where HQ stood, not from zero
    finally:
        serving.close()
    assert store.outbox.pending_count() == 0 and not (spool / "batch.fkbatch").exists()
    assert made <= set(_held(hq_home))
    hq = HqStore.open(hq_home)
    assert (
        hq.db.scalar("SELECT count(*) FROM uploads") == 1
        and hq.db.scalar("SELECT count(*) FROM batches") == 1
    )
    hq.close()


@pytest.mark.slow
def test_ten_laptops_sync_concurrently(template_store: Path, hq_home: Path, tmp_path: Path) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    laptops: list[Store] = []
    made: set[str] = set()
    for n in range(10):
        path = tmp_path / f"laptop{n}.db"
        shutil.copyfile(template_store, path)
        laptop = Store.open(path, PASSPHRASE)
        register(laptop, hq_home, f"laptop {n}")
        made |= _make_cases(laptop, 1000)
        laptops.append(laptop)
    errors: list[BaseException] = []
    serving = _serve(create_app(hq_home))
    url = next(serving)
    try:

        def run(laptop: Store) -> None:
            try:
                sync(
                    laptop,
                    url=url,
                    hq_public_key=key,
                    hq_signing_key=hq_signing(hq_home),
                    actor="op",
                    timeout=120,
                )
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(laptop,)) for laptop in laptops]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        serving.close()
    assert errors == []
    assert all(laptop.outbox.pending_count() == 0 for laptop in laptops)
    held = _held(hq_home)
    assert made <= set(held) and all(n == 1 for n in held.values())
    print(f"\n10 laptops × 1,000 records: {elapsed:.1f} s, {len(made) / elapsed:.0f} records/s")
    for laptop in laptops:
        laptop.close()
