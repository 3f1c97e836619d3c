"""Every kind of bad request is refused with a clear status and code, and nothing is stored:
unknown and revoked devices, a bad signature, a replayed request, a stale clock, an altered batch,
an oversize body, malformed JSON and path-like IDs (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.wire.request_auth import WINDOW_SECONDS, signed_headers
from storage.store import Store
from tests.fieldkit.hq_helpers import add_people, count, detail_code, register, signed, store_key
from tests.fieldkit.test_http_sync import _serve


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home, max_bytes=256 * 1024, max_chunk=64 * 1024))


def _batch(store: Store, hq_home: Path) -> bytes:
    add_people(store, "130402195306151228")
    return build_batch(store, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE)).data


def _nothing_stored(hq_home: Path) -> None:
    assert count(hq_home, "records") == 0
    assert count(hq_home, "upload_chunks") == 0


def test_unsigned_and_unknown_and_revoked_devices_are_refused(
    store: Store, hq_home: Path, hq_url: str
) -> None:
    data = _batch(store, hq_home)
    unsigned = signed(hq_url, "POST", "/v1/batches", data, key=None, key_id="", headers={})  # type: ignore[arg-type]
    assert (unsigned.status_code, detail_code(unsigned)) == (401, "auth.missing")
    key, key_id = store_key(store)
    unknown = signed(hq_url, "POST", "/v1/batches", data, key=key, key_id=key_id)
    assert (unknown.status_code, detail_code(unknown)) == (403, "auth.unknown_device")
    register(store, hq_home)
    hq = HqStore.open(hq_home)
    hq.revoke_device(key_id)
    hq.close()
    revoked = signed(hq_url, "POST", "/v1/batches", data, key=key, key_id=key_id)
    assert (revoked.status_code, detail_code(revoked)) == (403, "auth.revoked_device")
    assert "revoked" in revoked.json()["detail"]["message"]
    _nothing_stored(hq_home)


def test_bad_signature_stale_clock_and_replay_are_refused(store: Store, hq_home: Path, hq_url: str) -> None:
    data = _batch(store, hq_home)
    key, key_id = store_key(store)
    register(store, hq_home)
    forged = signed(hq_url, "POST", "/v1/batches", data, key=Ed25519PrivateKey.generate(), key_id=key_id)
    assert (forged.status_code, detail_code(forged)) == (401, "auth.bad_signature")
    stale = signed(
        hq_url, "POST", "/v1/batches", data, key=key, key_id=key_id, now=time.time() - 2 * WINDOW_SECONDS
    )
    assert (stale.status_code, detail_code(stale)) == (401, "auth.clock")
    # the body is changed under a valid signature: the signature covers the body's hash
    headers = signed_headers(key, key_id, "POST", "/v1/batches", data)
    swapped = signed(hq_url, "POST", "/v1/batches", data + b"x", key=key, key_id=key_id, headers=headers)
    assert (swapped.status_code, detail_code(swapped)) == (401, "auth.bad_signature")
    _nothing_stored(hq_home)
    headers = signed_headers(key, key_id, "POST", "/v1/batches", data)
    first = signed(hq_url, "POST", "/v1/batches", data, key=key, key_id=key_id, headers=headers)
    replay = signed(hq_url, "POST", "/v1/batches", data, key=key, key_id=key_id, headers=headers)
    assert first.status_code == 200 and list(first.json()["statuses"].values()) == ["accepted"]
    assert (replay.status_code, detail_code(replay)) == (409, "auth.replay")
    assert count(hq_home, "records") == 1


def test_altered_batch_oversize_body_and_malformed_json_are_refused(
    store: Store, hq_home: Path, hq_url: str
) -> None:
    data = bytearray(_batch(store, hq_home))
    key, key_id = store_key(store)
    register(store, hq_home)
    data[-20] ^= 0x01
    altered = signed(hq_url, "POST", "/v1/batches", bytes(data), key=key, key_id=key_id)
    assert (altered.status_code, detail_code(altered)) == (400, "batch.altered")
    big = b"x" * (300 * 1024)
    oversize = signed(hq_url, "POST", "/v1/batches", big, key=key, key_id=key_id)
    assert (oversize.status_code, detail_code(oversize)) == (413, "body.too_large")
    chunk = signed(
        hq_url,
        "PUT",
        "/v1/uploads/00000000-0000-4000-8000-000000000000?offset=0",
        big[:100_000],
        key=key,
        key_id=key_id,
    )
    assert chunk.status_code == 413
    bad_json = signed(hq_url, "POST", "/v1/uploads", b"{not json", key=key, key_id=key_id)
    assert (bad_json.status_code, detail_code(bad_json)) == (400, "request.malformed_json")
    wrong_shape = signed(hq_url, "POST", "/v1/uploads", b'{"batch_id": 5}', key=key, key_id=key_id)
    assert wrong_shape.status_code == 400
    _nothing_stored(hq_home)
    assert count(hq_home, "uploads") == 0


@pytest.mark.parametrize(
    "batch_id", ["..%2F..%2Fetc%2Fpasswd", "abc", "00000000-0000-4000-8000-000000000000%2F..", "%00"]
)
def test_path_like_ids_are_refused(store: Store, hq_home: Path, hq_url: str, batch_id: str) -> None:
    key, key_id = store_key(store)
    register(store, hq_home)
    response = signed(hq_url, "POST", f"/v1/uploads/{batch_id}/complete", key=key, key_id=key_id)
    assert response.status_code in (400, 404)
    declaration = json.dumps({"batch_id": "../../etc/passwd", "size": 10, "sha256": "0" * 64, "manifest": {}})
    declared = signed(hq_url, "POST", "/v1/uploads", declaration.encode(), key=key, key_id=key_id)
    assert (declared.status_code, detail_code(declared)) == (400, "request.bad_id")
    assert count(hq_home, "uploads") == 0
