"""Nothing lost, nothing counted twice: seeded runs through a proxy that cuts uploads, drops answers,
delays and replays requests, with the headquarters server restarted between every ten runs (not yet
killed in the middle of a request). Headquarters ends with exactly the records the laptop made, and
the laptop's outbox is empty once a sync gets through."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.errors import UserError
from fieldkit.hq.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.workflows.receipts import device_key_id, device_public_key
from storage.records import Case
from storage.store import Store
from tests.fieldkit.faulty_proxy import FaultyProxy
from tests.fieldkit.test_http_sync import _serve

RUNS = 100
RESTART_EVERY = 10  # headquarters is stopped and started again (new process state, same database)


class Headquarters:
    """A headquarters server that can be restarted between runs."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._serving: Iterator[str] | None = None
        self.port = 0
        self.start()

    def start(self) -> None:
        self._serving = _serve(create_app(self.home))
        self.port = int(next(self._serving).rsplit(":", 1)[1])

    def stop(self) -> None:
        if self._serving is not None:
            self._serving.close()  # runs the generator's finally: the server exits
            self._serving = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def headquarters(hq_home: Path) -> Iterator[Headquarters]:
    server = Headquarters(hq_home)
    yield server
    server.stop()


def test_seeded_fault_runs_lose_nothing_and_double_nothing(
    store: Store, hq_home: Path, headquarters: Headquarters
) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    hq.register_device(device_key_id(public), public, "laptop")
    made: set[str] = set()
    faults: list[str] = []
    for run in range(RUNS):
        rng = random.Random(run)
        with store.transaction("op"):
            for _ in range(rng.randint(1, 4)):
                made.add(
                    store.cases.open(Case(kind="capture_failure", person_uuid=None, opened_by="op")).uuid
                )
        if run and run % RESTART_EVERY == 0:
            headquarters.restart()
        proxy = FaultyProxy(headquarters.port, seed=run)
        try:
            for _ in range(30):  # the laptop keeps trying at its next opportunity
                try:
                    sync(
                        store,
                        url=f"http://127.0.0.1:{proxy.port}",
                        hq_public_key=key,
                        actor="op",
                        attempts=2,
                        timeout=1,
                        sleep=lambda _: None,
                    )
                except UserError:
                    continue
                if store.outbox.pending_count() == 0:
                    break
        finally:
            proxy.close()
            faults += proxy.faults
        assert store.outbox.pending_count() == 0, f"run {run}: outbox not empty"
    rows = hq.db.execute("SELECT record_uuid, count(*) FROM records GROUP BY record_uuid").fetchall()
    hq.close()
    held = {uuid for uuid, _ in rows}
    assert all(count == 1 for _, count in rows)  # nothing counted twice
    assert (
        made <= held
    )  # nothing lost (the store's other records — the device key event etc. — may travel too)
    assert {"cut_request", "cut_response", "duplicate", "delay"} <= set(faults)  # every fault was exercised
