"""Resumable work-package downloads (issue 18): headquarters builds a package once and serves it in
pieces by offset; a stream cut on the way (the faulty proxy) costs one piece, a laptop switched off
mid-download continues from the bytes it kept, and nothing is applied before the whole package's
SHA-256 and headquarters' signature check out."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from fieldkit.device_key import device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.hq.package_downloads import FOLDER
from fieldkit.hq.server import create_app
from fieldkit.sync import package_client
from fieldkit.sync.http import HqClient
from fieldkit.sync.package_client import download_package
from fieldkit.wire import keys as wire_keys
from storage.store import Store
from tests.fieldkit.faulty_proxy import FaultyProxy
from tests.fieldkit.hq_helpers import hq_signing, register
from tests.fieldkit.test_packages import CYCLE, REGION, _hq_public, _roster
from tests.http_server import serve


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from serve(create_app(hq_home))


class _Counting:
    """A requests session that records each request's path and query, and can die after N pieces."""

    def __init__(self, die_after_pieces: int = 10**6) -> None:
        self.inner, self.seen, self.left = requests.Session(), [], die_after_pieces

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.seen.append(f"{method} {url.split('/v1/', 1)[1]}")
        if "/prepared/" in url:
            if self.left == 0:
                raise requests.ConnectionError("the laptop was switched off")
            self.left -= 1
        return self.inner.request(method, url, **kwargs)


def _client(store: Store, url: str, hq_home: Path, session: Any, attempts: int = 2) -> HqClient:
    return HqClient(
        url=url,
        key=device_key(store, "op"),
        key_id=wire_keys.key_id(device_public_key(store, "op")),
        hq_signing_key=hq_signing(hq_home),
        attempts=attempts,
        timeout=5,
        sleep=lambda _: None,
        session=session,
    )


def test_interrupted_download_continues_from_the_kept_bytes(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _roster(hq_home, tmp_path)
    register(store, hq_home, "team A", regions=(REGION,))
    monkeypatch.setattr(package_client, "PIECE_BYTES", 256)
    spool, key = tmp_path / "spool", _hq_public(hq_home)
    first = _Counting(die_after_pieces=2)
    with pytest.raises(UserError) as info:
        download_package(
            store,
            _client(store, hq_url, hq_home, first, attempts=1),
            region=REGION,
            cycle=CYCLE,
            hq_signing_key=key,
            actor="op",
            spool=spool,
        )
    assert info.value.code == "sync.unreachable" and store.people.count() == 0  # nothing applied
    kept = (spool / "package.partial").read_bytes()
    assert len(kept) == 512 and os.stat(spool / "package.partial").st_mode & 0o077 == 0
    second = _Counting()
    summary = download_package(
        store,
        _client(store, hq_url, hq_home, second),
        region=REGION,
        cycle=CYCLE,
        hq_signing_key=key,
        actor="op",
        spool=spool,
    )
    assert summary.people_added == 4 and store.people.count() == 4
    assert not any(s.startswith("POST") for s in second.seen)  # the same prepared package, no rebuild
    assert "offset=512" in second.seen[0]  # continued where the bytes stopped
    assert not (spool / "package.partial").exists()
    assert os.stat(hq_home / FOLDER).st_mode & 0o077 == 0


def test_cut_streams_cost_a_piece(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _roster(hq_home, tmp_path)
    register(store, hq_home, "team A", regions=(REGION,))
    monkeypatch.setattr(package_client, "PIECE_BYTES", 128)
    port = int(hq_url.rsplit(":", 1)[1])
    proxy = FaultyProxy(port, seed=7)
    try:
        summary = download_package(
            store,
            _client(store, f"http://127.0.0.1:{proxy.port}", hq_home, requests.Session(), attempts=12),
            region=REGION,
            cycle=CYCLE,
            hq_signing_key=_hq_public(hq_home),
            actor="op",
        )
    finally:
        proxy.close()
    assert {"cut_response", "cut_request"} & set(proxy.faults)
    assert summary.people_added == 4 and store.people.count() == 4


def test_wrong_bytes_are_never_applied(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.hq import package_downloads

    _roster(hq_home, tmp_path)
    register(store, hq_home, "team A", regions=(REGION,))
    real = package_downloads.read_piece

    def flipped(*args: Any, **kwargs: Any) -> bytes:
        data = bytearray(real(*args, **kwargs))
        data[len(data) // 2] ^= 1
        return bytes(data)

    monkeypatch.setattr(package_downloads, "read_piece", flipped)
    with pytest.raises(UserError) as info:
        download_package(
            store,
            _client(store, hq_url, hq_home, requests.Session()),
            region=REGION,
            cycle=CYCLE,
            hq_signing_key=_hq_public(hq_home),
            actor="op",
            spool=tmp_path / "spool",
        )
    assert info.value.code == "package.damaged" and store.people.count() == 0


def test_pieces_only_for_the_device_they_were_made_for(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    register(store, hq_home, "team A", regions=(REGION,))
    client = _client(store, hq_url, hq_home, requests.Session())
    prepared = client.json("POST", "/v1/packages/prepared", params={"region": REGION, "cycle": CYCLE})
    assert prepared["size"] > 0 and len(prepared["sha256"]) == 64
    with pytest.raises(UserError) as info:
        client.request(
            "GET", f"/v1/packages/prepared/{prepared['package_id']}", params={"offset": -1, "length": 10}
        )
    assert info.value.code == "sync.refused.package.bad_range"
    with pytest.raises(UserError) as info:
        client.request(
            "GET",
            "/v1/packages/prepared/00000000-0000-4000-8000-000000000000",
            params={"offset": 0, "length": 10},
        )
    assert info.value.code == "sync.refused.package.unknown_download"
    with pytest.raises(UserError) as info:
        client.request("GET", "/v1/packages/prepared/..%2F..%2Fhq.db", params={"offset": 0, "length": 10})
    assert info.value.params["status"] in (400, 404)
    # preparing again replaces this device's earlier package (asking repeatedly cannot fill the disk)
    again = client.json("POST", "/v1/packages/prepared", params={"region": REGION, "cycle": CYCLE})
    assert sorted(p.name for p in (hq_home / FOLDER).iterdir()) == sorted(
        f"{again['package_id']}{suffix}" for suffix in (".fkpkg", ".json")
    )
