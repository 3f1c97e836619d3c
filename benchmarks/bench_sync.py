"""Sync speed on loopback: upload and reconcile 10,000 certification-sized records.

Target (issue 7): 10,000 certification records uploaded and reconciled in <= 30 s on loopback. The
laptop is a real encrypted store; headquarters is the real FastAPI app under uvicorn in a thread.

    .venv/bin/python benchmarks/bench_sync.py [--records 10000]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from fieldkit.hq.keys import create_hq_key
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.workflows.receipts import device_key_id, device_public_key
from storage.records import Certification, Person
from storage.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        hq = HqStore.open(home / "hq", create=True)
        hq_key = create_hq_key(hq)
        store = Store.create(home / "laptop.db", "benchmark passphrase")
        public = device_public_key(store, "bench")
        hq.register_device(device_key_id(public), public, "bench")
        hq.close()
        with store.transaction("bench"):
            person = store.people.add(Person(id_number="130402195306151228", name="测试"))
            for index in range(args.records - 1):
                store.certifications.add(
                    Certification(
                        person_uuid=person.uuid,
                        cycle=2026,
                        method="palm",
                        result="accept",
                        operator_uuid="bench",
                        device="sim",
                        place="p",
                        scores={"palm_right": 0.61, "fused": None},
                        evidence={"attempt": 1, "decision_code": "decision.palm_match", "n": index},
                    )
                )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        server = uvicorn.Server(
            uvicorn.Config(create_app(home / "hq"), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        started = time.perf_counter()
        result = sync(store, url=f"http://127.0.0.1:{port}", hq_public_key=hq_key, actor="bench", timeout=120)
        elapsed = time.perf_counter() - started
        server.should_exit = True
        thread.join(timeout=10)
        left = store.outbox.pending_count()
        store.close()
    print(
        f"sync of {result.sent:,} records (build, sign, encrypt, upload, verify, store, acknowledge): "
        f"{elapsed:.1f} s; {result.acknowledged:,} acknowledged, {left} left in the outbox"
    )


if __name__ == "__main__":
    main()
