"""Limits before work: headquarters refuses from the headers, before reading a body; bounds JSON
depth and numbers with a 400 (never a 500); and a batch header nested to the recursion limit is a
clear refusal at the command line too."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.hq.db import Database
from fieldkit.hq.server import create_app
from fieldkit.hq.store import DB_ENV
from fieldkit.wire.envelope import MAGIC
from fieldkit.wire.request_auth import BODY_HEADER, signed_headers
from storage.store import Store
from tests.fieldkit.hq_helpers import detail_code, register, signed, store_key
from tests.fieldkit.test_http_sync import _serve

BIG = 200 * 1024 * 1024


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home))


def _raw_post(url: str, target: str, headers: dict[str, str], *, declared: int, send: int) -> tuple[int, int]:
    """POST declaring ``declared`` body bytes but sending only ``send`` of them, then read the answer.

    Returns (status, bytes sent). A server that waited for the body would time out here instead.
    """
    parts = urlsplit(url)
    lines = [f"POST {target} HTTP/1.1", f"Host: {parts.hostname}", f"Content-Length: {declared}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        sock.sendall(b"x" * send)
        answer = b""
        deadline = time.monotonic() + 10
        while b"\r\n" not in answer and time.monotonic() < deadline:
            answer += sock.recv(4096)
    return int(answer.split(b" ", 2)[1]), send


def test_a_200_mb_unsigned_or_forged_post_is_refused_before_its_body(
    store: Store, hq_home: Path, hq_url: str
) -> None:
    status, sent = _raw_post(hq_url, "/v1/batches", {}, declared=BIG, send=64 * 1024)
    assert status == 401 and sent < BIG // 1000  # answered after 64 kB of a declared 200 MB
    key, key_id = store_key(store)
    register(store, hq_home)
    # a registered device's key id (printed on receipts) with a forged signature over a declared digest
    forged = signed_headers(Ed25519PrivateKey.generate(), key_id, "POST", "/v1/batches", b"x" * 10)
    assert _raw_post(hq_url, "/v1/batches", forged, declared=BIG, send=64 * 1024)[0] == 401
    # a correctly signed request that does not declare its digest may carry only a few kilobytes
    undeclared = signed_headers(key, key_id, "POST", "/v1/batches", b"x" * BIG)
    del undeclared[BODY_HEADER]
    assert _raw_post(hq_url, "/v1/batches", undeclared, declared=BIG, send=64 * 1024)[0] == 413


def test_deep_json_and_huge_numbers_are_400_not_500(store: Store, hq_home: Path, hq_url: str) -> None:
    key, key_id = store_key(store)
    register(store, hq_home)
    bodies = [
        b"[" * 100_000 + b"]" * 100_000,  # beyond Python's recursion limit
        json.dumps(
            {
                "batch_id": "00000000-0000-4000-8000-000000000000",
                "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
            }
        ).encode(),
        b'{"batch_id": "00000000-0000-4000-8000-000000000000", "size": 1e400, "sha256": "0", "manifest": {}}',
        b'{"batch_id": "00000000-0000-4000-8000-000000000000", "size": ' + b"9" * 4000 + b"}",
        b'{"size": NaN}',
    ]
    for body in bodies:
        response = signed(hq_url, "POST", "/v1/uploads", body, key=key, key_id=key_id)
        assert (response.status_code, detail_code(response)) == (400, "request.malformed_json"), body[:60]
    for target in (
        f"/v1/decisions?since={2**63}",
        f"/v1/decisions?since=-{2**63}",
        f"/v1/packages?region=130402&cycle=2026&since={2**64}",
        f"/v1/uploads/00000000-0000-4000-8000-000000000000?offset={10**30}",
    ):
        method = "PUT" if "offset" in target else "GET"
        response = signed(hq_url, method, target, b"", key=key, key_id=key_id)
        assert response.status_code == 400, (target, response.text)
    bad_id = signed(hq_url, "POST", "/v1/uploads/not-a-uuid/complete", b"", key=key, key_id=key_id)
    assert bad_id.status_code == 400


def test_openapi_documents_refusals_and_types_batch_id(hq_url: str) -> None:
    import requests

    spec = requests.get(f"{hq_url}/openapi.json", timeout=10).json()
    complete = spec["paths"]["/v1/uploads/{batch_id}/complete"]["post"]
    assert {"200", "400", "401", "403", "404", "409", "413"} <= set(complete["responses"])
    parameter = next(p for p in complete["parameters"] if p["name"] == "batch_id")
    assert parameter["schema"]["pattern"].startswith("^[0-9a-f]{8}-")
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if path != "/v1/health":
                assert {"400", "401", "403", "409"} <= set(operation["responses"]), (method, path)


def test_import_batch_with_a_deeply_nested_header_is_a_clear_refusal(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    header = b"[" * 2000 + b"]" * 2000
    nested = tmp_path / "nested.fkbatch"
    nested.write_bytes(MAGIC + struct.pack(">I", len(header)) + header + base64.b64decode("AA==") * 200)
    result = cli("hq", "--hq-home", str(hq), "import-batch", str(nested))
    assert result.code == 1 and "header is damaged" in result.err and "Traceback" not in result.err


@contextlib.contextmanager
def _database_busy(db: Database) -> Iterator[None]:
    """Make the server's database work wait: SQLite's one connection lock; on PostgreSQL (a pool,
    no process lock) another connection holding the devices table every signed request reads."""
    if db.dialect == "sqlite":
        with db.lock:
            yield
        return
    import psycopg

    with psycopg.connect(os.environ[DB_ENV]) as other, other.transaction():
        other.execute("LOCK TABLE devices IN ACCESS EXCLUSIVE MODE")
        yield


def test_database_work_waits_in_a_worker_thread_not_on_the_event_loop(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    """While the database is busy (its lock held here), a signed request waits in a worker thread and
    the server still answers others: the event loop is never the one waiting."""
    import threading

    import requests

    from tests.http_server import serve

    key, key_id = store_key(store)
    register(store, hq_home)
    app = create_app(hq_home)
    running = serve(app)
    url = next(running)
    answers: list[int] = []
    try:
        with _database_busy(app.state.fieldkit.hq.db):
            waiting = threading.Thread(
                target=lambda: answers.append(
                    signed(url, "GET", "/v1/decisions?since=0", key=key, key_id=key_id).status_code
                )
            )
            waiting.start()
            time.sleep(0.3)  # the signed request is now blocked on the database lock
            started = time.monotonic()
            health = requests.get(f"{url}/v1/health", timeout=5)
            assert health.status_code == 200 and time.monotonic() - started < 2
            assert not answers  # still waiting for the database
        waiting.join(timeout=10)
        assert answers == [200]
    finally:
        running.close()


def _resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read a process's memory")
def test_a_whole_200_mb_unsigned_post_leaves_hq_memory_flat(hq_home: Path, hq_backend: str) -> None:
    """The issue's figure was 94 MB -> 485 MB for this request; the server now answers 401 from the
    headers and discards the body as it comes (measured on `fieldkit hq serve` in its own process)."""
    from tests.fieldkit.hq_helpers import HqProcess

    if hq_backend != "sqlite":
        pytest.skip("memory is measured once (the refusal happens before any database work)")
    server = HqProcess(hq_home)
    server.start()
    try:
        assert server.process is not None
        before = _resident_kb(server.process.pid)
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(f"POST /v1/batches HTTP/1.1\r\nHost: hq\r\nContent-Length: {BIG}\r\n\r\n".encode())
            chunk, pushed = b"x" * (1024 * 1024), 0
            try:
                while pushed < BIG:
                    sock.sendall(chunk)
                    pushed += len(chunk)
            except OSError:
                pass  # note: the server may close the connection once it has answered
            status = sock.recv(64).split(b" ", 2)[1]
        after = _resident_kb(server.process.pid)
    finally:
        server.kill()
    assert status == b"401"
    assert after - before < 50_000, (before, after)
