"""Network sync against a real headquarters HTTP server (uvicorn on loopback): the outbox empties,
re-sending is harmless, and refusals are clear."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from fieldkit.device_key import device_public_key
from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import hq_client, sync
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.records import Person
from storage.store import Store
from tests.fieldkit.hq_helpers import hq_signing
from tests.http_server import free_port as _free_port
from tests.http_server import serve as _serve


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home, max_bytes=64 * 1024))


def _register(store: Store, hq_home: Path) -> None:
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    hq.register_device(wire_keys.key_id(public), public, "team 1")
    hq.close()


def _add(store: Store, *numbers: str) -> None:
    with store.transaction("op"):
        for number in numbers:
            store.people.add(Person(id_number=number, name="测试"))


def test_sync_empties_the_outbox_and_resending_is_harmless(store: Store, hq_home: Path, hq_url: str) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    _register(store, hq_home)
    _add(store, "130402195306151228", "11010519491231002X")
    signing = hq_signing(hq_home)
    result = sync(store, url=hq_url, hq_public_key=key, hq_signing_key=signing, actor="op")
    assert (result.sent, result.acknowledged, result.problems) == (2, 2, {})
    assert store.outbox.pending_count() == 0
    assert sync(store, url=hq_url, hq_public_key=key, hq_signing_key=signing, actor="op").sent == 0
    # a response lost on the way back: the laptop re-sends a batch HQ already took in
    _add(store, "440524195001010012")
    from fieldkit.sync.batch import build_batch

    batch = build_batch(store, actor="op", hq_public_key=key)
    client = hq_client(store, url=hq_url, actor="op", hq_signing_key=signing)
    first = client.json("POST", "/v1/batches", body=batch.data)
    again = client.json("POST", "/v1/batches", body=batch.data)
    assert list(first["statuses"].values()) == ["accepted"] and list(again["statuses"].values()) == [
        "already_had"
    ]
    assert requests.get(f"{hq_url}/openapi.json", timeout=5).status_code == 200


def test_refusals_are_clear_and_store_nothing(store: Store, hq_home: Path, hq_url: str) -> None:
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    _add(store, "130402195306151228")
    with pytest.raises(UserError) as info:
        sync(store, url=hq_url, hq_public_key=key, hq_signing_key=hq_signing(hq_home), actor="op")  # unknown
    assert info.value.params["status"] == 403 and store.outbox.pending_count() == 1
    # note: an unsigned body is refused from its headers, whatever its size (before it is read)
    for body, status in ((b"garbage", 401), (b"x" * 100_000, 401)):
        response = requests.post(f"{hq_url}/v1/batches", data=body, timeout=5)
        assert response.status_code == status
    hq = HqStore.open(hq_home)
    assert hq.db.execute("SELECT count(*) FROM records").fetchone()[0] == 0
    hq.close()


def test_unreachable_headquarters_keeps_everything_queued(store: Store) -> None:
    _add(store, "130402195306151228")
    waits: list[float] = []
    with pytest.raises(UserError) as info:
        sync(
            store,
            url=f"http://127.0.0.1:{_free_port()}",
            hq_public_key=X25519PrivateKey.generate().public_key().public_bytes_raw(),
            hq_signing_key=Ed25519PrivateKey.generate().public_key().public_bytes_raw(),
            actor="op",
            attempts=3,
            timeout=0.5,
            sleep=waits.append,
        )
    assert info.value.code == "sync.unreachable" and len(waits) == 2
    assert 0.25 <= waits[0] <= 0.75 and 0.5 <= waits[1] <= 1.5  # doubling backoff with ±50 % jitter
    assert store.outbox.pending_count() == 1
