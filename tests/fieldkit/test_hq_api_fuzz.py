"""A bounded schemathesis run against the real HQ server (uvicorn on loopback): every operation of
``/openapi.json`` gets generated valid and invalid requests, once unsigned and once signed by a
registered device exactly as sent; none may answer 500, and every status must be documented.

Bounded: a few examples per operation and mode (derandomised, so a run is repeatable), under a
minute in all on a busy machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from fieldkit.hq.server import create_app
from fieldkit.wire.request_auth import signed_headers
from storage.store import Store
from tests.fieldkit.hq_helpers import register, store_key
from tests.fieldkit.test_http_sync import _serve

schemathesis = pytest.importorskip("schemathesis")
EXAMPLES = 20


class SigningSession(requests.Session):
    """Signs each request over the exact bytes and target requests is about to send (the test's
    "hook": generated cases need no knowledge of the signature scheme)."""

    def __init__(self, key: Ed25519PrivateKey, key_id: str) -> None:
        super().__init__()
        self.key, self.key_id = key, key_id

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        body = request.body or b""
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)  # type: ignore[arg-type]
        target = request.path_url
        request.headers.update(signed_headers(self.key, self.key_id, str(request.method), target, data))
        return super().send(request, **kwargs)


@pytest.fixture
def hq_url(hq_home: Path, hq_backend: str) -> Iterator[str]:
    if hq_backend != "sqlite":
        pytest.skip("the fuzz run is bounded to one backend (the HQ code paths are the same)")
    yield from _serve(create_app(hq_home, max_bytes=256 * 1024, max_chunk=64 * 1024))


def _fuzz(
    operation: Any,
    mode: Any,
    url: str,
    sessions: dict[str, requests.Session],
    documented: set[str],
    seen: Counter[tuple[str, str, int]],
    undocumented: list[str],
) -> None:
    """Run one operation in one generation mode, every case unsigned and signed."""
    label = f"{operation.method.upper()} {operation.path}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        for name, session in sessions.items():
            try:
                response = case.call(base_url=url, session=session, timeout=20)
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader, UnicodeError):
                continue  # note: a request the client library refuses to send never reaches HQ
            seen[(label, name, response.status_code)] += 1
            assert response.status_code < 500, (label, name, response.status_code, response.text[:300])
            if str(response.status_code) not in documented:
                undocumented.append(f"{label} {name} -> {response.status_code}")

    try:
        run()
    except Unsatisfiable:
        pass  # note: an operation without parameters has no invalid form (negative mode)


def test_no_500_and_every_status_documented(store: Store, hq_home: Path, hq_url: str) -> None:
    key, key_id = store_key(store)
    register(store, hq_home)
    spec = requests.get(f"{hq_url}/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(spec)
    sessions = {"unsigned": requests.Session(), "signed": SigningSession(key, key_id)}
    seen: Counter[tuple[str, str, int]] = Counter()
    undocumented: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:
        documented = set(spec["paths"][operation.path][operation.method.lower()]["responses"])
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            _fuzz(operation, mode, hq_url, sessions, documented, seen, undocumented)
    assert not undocumented, sorted(set(undocumented))
    signed_ok = {status for (_, name, status) in seen if name == "signed"}
    assert signed_ok & {200, 400, 404, 409}, seen  # signed requests got past authentication
    assert {status for (_, name, status) in seen if name == "unsigned"} <= {400, 401, 200}, seen
    print(sorted(seen.items()))
