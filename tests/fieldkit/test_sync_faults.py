"""Nothing lost, nothing counted twice: 100 seeded runs through a proxy that cuts uploads at random
byte offsets, drops answers after headquarters acted, delays and replays requests — and in every
fourth run the headquarters *process* is killed (SIGKILL) at a random moment of the sync (mid-chunk,
mid-intake or mid-answer) and started again. The laptop keeps trying as it would at its next
opportunity. At the end headquarters holds exactly the records the laptop made (none lost, none
doubled) and the laptop's outbox is empty. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Case
from storage.store import Store
from tests.fieldkit.faulty_proxy import FaultyProxy
from tests.fieldkit.hq_helpers import HqProcess, hq_signing, register

RUNS = 100
KILL_EVERY = 4  # runs 0, 4, 8, ... kill the headquarters process at a random moment


@pytest.fixture
def headquarters(hq_home: Path) -> Iterator[HqProcess]:
    server = HqProcess(hq_home)
    server.start()
    yield server
    server.kill()


def _kill_later(server: HqProcess, delay: float) -> None:
    time.sleep(delay)
    server.kill()


def _make(store: Store, rng: random.Random) -> set[str]:
    """A few cases, some with enough text that a batch spans several upload chunks."""
    with store.transaction("op"):
        return {
            store.cases.open(
                Case(
                    kind="capture_failure",
                    person_uuid=None,
                    opened_by="op",
                    details={"note": "x" * rng.choice((10, 3000))},
                )
            ).uuid
            for _ in range(rng.randint(1, 12))
        }


def test_seeded_fault_runs_lose_nothing_and_double_nothing(
    store: Store, hq_home: Path, headquarters: HqProcess, tmp_path: Path
) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    made: set[str] = set()
    faults: list[str] = []
    kills = 0
    for run in range(RUNS):
        rng = random.Random(run)
        made |= _make(store, rng)
        killer = None
        if run % KILL_EVERY == 0:
            killer = threading.Thread(target=_kill_later, args=(headquarters, rng.uniform(0.01, 0.3)))
            killer.start()
        proxy = FaultyProxy(headquarters.port, seed=run)
        try:
            for _ in range(40):  # the laptop keeps trying at its next opportunity
                try:
                    sync(
                        store,
                        url=f"http://127.0.0.1:{proxy.port}",
                        hq_public_key=key,
                        hq_signing_key=hq_signing(hq_home),
                        actor="op",
                        attempts=2,
                        timeout=2,
                        sleep=lambda _: time.sleep(0.02),
                        spool=tmp_path / "spool",
                        chunk=4 * 1024,
                    )
                except UserError:
                    pass
                if killer is not None and not killer.is_alive() and headquarters.process is None:
                    headquarters.start()
                    kills += 1
                if store.outbox.pending_count() == 0 and (killer is None or not killer.is_alive()):
                    break
        finally:
            proxy.close()
            faults += proxy.faults
        if killer is not None:
            killer.join()
            if headquarters.process is None:  # note: the kill came after the last sync of the run
                headquarters.start()
                kills += 1
        if store.outbox.pending_count():
            sync(
                store,
                url=f"http://127.0.0.1:{headquarters.port}",
                hq_public_key=key,
                hq_signing_key=hq_signing(hq_home),
                actor="op",
                spool=tmp_path / "spool",
            )
        assert store.outbox.pending_count() == 0, f"run {run}: outbox not empty"
    hq = HqStore.open(hq_home)
    rows = hq.db.execute("SELECT record_uuid, count(*) FROM records GROUP BY record_uuid").fetchall()
    hq.close()
    held = {str(uuid) for uuid, _ in rows}
    assert all(int(n) == 1 for _, n in rows), "a record was stored twice"
    assert made <= held, "a record was lost"
    assert kills == RUNS // KILL_EVERY
    assert {"cut_request", "cut_response", "duplicate", "delay"} <= set(faults)  # every fault was exercised
