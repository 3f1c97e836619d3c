"""Batch format v2 (issue 18): images travel as separate encrypted binary parts; headquarters takes
in v1 and v2 batches alike (same records, same hashes), refuses a tampered v2 part with nothing
taken in, and the USB route carries v2 too."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from capture.idcard.synthetic import synthetic_cards
from fieldkit.device_key import device_public_key
from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.hq.uploads import complete
from fieldkit.sync.batch import build_batch
from fieldkit.sync.client import hq_client, sync, upload
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.batch_parts import join_record, split_record
from fieldkit.wire.envelope import open_batch
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import count, hq_signing, register
from tests.fieldkit.test_http_sync import _serve

CARDS = list(synthetic_cards(4, seed=23))


def _enroll(store: Store, index: int) -> str:
    return enroll(
        store,
        card=CARDS[index],
        face_image=None,
        palm_images={
            "left": [synthetic_hand(40 + 2 * index, s) for s in range(3)],
            "right": [synthetic_hand(41 + 2 * index, s) for s in range(3)],
        },
        actor="op",
        device="sim",
        place="丛台区",
        cycle=2026,
    ).enrollment.uuid


def _keys(store: Store) -> dict[str, bytes]:
    public = device_public_key(store, "op")
    return {wire_keys.key_id(public): public}


def _contents(body: bytes) -> dict[str, tuple[str, bytes]]:
    """record UUID → (manifest SHA-256, content) of an opened (format-1 shaped) body."""
    parsed = json.loads(body)
    return {
        e["record_uuid"]: (e["sha256"], base64.b64decode(parsed["records"][e["outbox_uuid"]]))
        for e in parsed["manifest"]["entries"]
    }


def test_split_and_join_give_back_the_canonical_json() -> None:
    plain = {"b": [b"\x00\xffimage", {"z": b"", "a": '名字 "quoted" fkpart'}], "a": 1.5, "c": None}
    texts, parts = split_record(plain)
    assert parts == [b"\x00\xffimage", b""] and all("base64" not in p.decode("latin-1") for p in parts)
    expected = json.dumps(
        {
            "b": [
                {"base64": base64.b64encode(b"\x00\xffimage").decode()},
                {"z": {"base64": ""}, "a": '名字 "quoted" fkpart'},
            ],
            "a": 1.5,
            "c": None,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    assert join_record(texts, parts) == expected
    with pytest.raises(ValueError):
        join_record(texts, parts[:1])


def test_v2_carries_images_apart_and_opens_to_the_same_records(store: Store) -> None:
    hq = X25519PrivateKey.generate()
    _enroll(store, 0)
    public = hq.public_key().public_bytes_raw()
    v1 = build_batch(store, actor="op", hq_public_key=public, batch_format=1)
    v2 = build_batch(store, actor="op", hq_public_key=public)  # the default
    assert b'"version":2' in v2.data[:300] and b'"version":1' in v1.data[:300]
    assert len(v2.data) < 0.8 * len(v1.data)  # no base64 of base64: the images cross the wire once
    opened1 = open_batch(v1.data, hq_private_key=hq, device_keys=_keys(store))
    opened2 = open_batch(v2.data, hq_private_key=hq, device_keys=_keys(store))
    records1, records2 = _contents(opened1.body), _contents(opened2.body)
    assert records1 == records2 and len(records2) >= 2
    enrollment = next(c for _, c in records2.values() if b'"samples"' in c or b"palm" in c)
    assert b'"base64"' in enrollment  # HQ stores the same canonical JSON as from a v1 batch


def test_tampered_truncated_or_padded_v2_is_refused_by_name(store: Store) -> None:
    hq = X25519PrivateKey.generate()
    _enroll(store, 0)
    data = build_batch(store, actor="op", hq_public_key=hq.public_key().public_bytes_raw()).data
    keys = _keys(store)
    middle = len(data) // 2  # inside an image part
    cases = {
        "batch.altered": data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :],
        "batch.damaged": data[: len(data) - 1000],
    }
    for code, blob in cases.items():
        with pytest.raises(UserError) as info:
            open_batch(blob, hq_private_key=hq, device_keys=keys)
        assert info.value.code == code, code
    with pytest.raises(UserError) as info:
        open_batch(data + b"\x00" * 8, hq_private_key=hq, device_keys=keys)
    assert info.value.code in ("batch.damaged", "batch.altered")
    with pytest.raises(UserError) as info:
        open_batch(data, hq_private_key=hq, device_keys={})
    assert info.value.code == "batch.unknown_device"
    with pytest.raises(UserError) as info:
        open_batch(data, hq_private_key=X25519PrivateKey.generate(), device_keys=keys)
    assert info.value.code == "batch.altered"


@pytest.fixture
def url(hq_home: Path) -> Iterator[str]:
    yield from _serve(create_app(hq_home))


def test_hq_accepts_v1_and_v2_and_refuses_a_tampered_part(store: Store, hq_home: Path, url: str) -> None:
    register(store, hq_home)
    key, signing = read_public_key_file(hq_home / PUBLIC_FILE), hq_signing(hq_home)
    _enroll(store, 0)
    first = sync(store, url=url, hq_public_key=key, hq_signing_key=signing, actor="op", batch_format=1)
    assert first.problems == {} and first.acknowledged == first.sent > 0
    _enroll(store, 1)
    second = sync(store, url=url, hq_public_key=key, hq_signing_key=signing, actor="op")
    assert second.problems == {} and second.acknowledged == second.sent > 0
    assert store.outbox.pending_count() == 0
    held = count(hq_home, "records")
    assert held == first.sent + second.sent
    # a v2 batch with one byte of an image part changed on the way: refused, nothing taken in
    _enroll(store, 2)
    batch = build_batch(store, actor="op", hq_public_key=key)
    middle = len(batch.data) // 2
    tampered = type(batch)(
        data=batch.data[:middle] + bytes([batch.data[middle] ^ 1]) + batch.data[middle + 1 :],
        manifest=batch.manifest,
    )
    client = hq_client(store, url=url, actor="op", hq_signing_key=signing)
    with pytest.raises(UserError) as info:
        upload(client, tampered)
    assert "altered" in str(info.value)
    assert count(hq_home, "records") == held and store.outbox.pending_count() > 0
    hq = HqStore.open(hq_home)
    try:
        with pytest.raises(UserError):
            complete(hq, wire_keys.key_id(device_public_key(store, "op")), batch.manifest["batch_id"])
    finally:
        hq.close()
    third = sync(store, url=url, hq_public_key=key, hq_signing_key=signing, actor="op")
    assert third.problems == {} and store.outbox.pending_count() == 0


def test_usb_route_carries_v2_with_images(store_file: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = tmp_path / "hq"
    assert cli("hq", "--hq-home", str(hq), "init").code == 0
    with Store.open(store_file, PASSPHRASE) as store:
        _enroll(store, 0)
    batch = tmp_path / "day1.fkbatch"
    assert cli("export-batch", str(batch), "--hq-key", str(hq / "hq_public.key")).code == 0
    assert b'"version":2' in batch.read_bytes()[:300]
    device = cli("device-key").out
    public = re.search(r"public key\s+([0-9a-f]{64})", device)
    assert public
    assert (
        cli(
            "hq", "--hq-home", str(hq), "register-device", "--public-key", public.group(1), "--name", "t"
        ).code
        == 0
    )
    first = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert first.code == 0 and "accepted" in first.out and "rejected" not in first.out
    again = cli("hq", "--hq-home", str(hq), "import-batch", str(batch))
    assert again.code == 0 and "already_had" in again.out


class _Recording:
    """A requests session that logs each upload completion (and can go dead after ``alive`` of them)."""

    def __init__(self, events: list[str], alive: int = 1_000, gate: Any = None) -> None:
        import requests

        self.inner, self.events, self.alive, self.gate = requests.Session(), events, alive, gate

    def request(self, method: str, url: str, **kwargs):  # type: ignore[no-untyped-def]
        import requests

        completing = url.endswith("/complete")
        if completing:
            if self.alive == 0:
                raise requests.ConnectionError("the line dropped")
            self.alive -= 1
            self.events.append("complete start")
            if self.gate is not None:
                self.gate.wait(timeout=10)  # note: HQ "busy" until the next batch is built, or 10 s
        response = self.inner.request(method, url, **kwargs)
        if completing:
            self.events.append("complete end")
        return response


def test_pipelined_sync_builds_one_ahead_and_marks_sent_only_on_acks(
    store: Store, hq_home: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from fieldkit.sync import client as client_module
    from tests.fieldkit.hq_helpers import add_people

    register(store, hq_home)
    key, signing = read_public_key_file(hq_home / PUBLIC_FILE), hq_signing(hq_home)
    add_people(store, *[card.id_number for card in synthetic_cards(7, seed=5)])
    events: list[str] = []
    real_build = client_module.build_batch
    second_built = threading.Event()

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("build")
        built = real_build(*args, **kwargs)
        if events.count("build") == 2:
            second_built.set()
        return built

    monkeypatch.setattr(client_module, "build_batch", build)
    common = {"url": url, "hq_public_key": key, "hq_signing_key": signing, "actor": "op", "batch_limit": 2}
    # the line drops at the third batch's completion: two batches acknowledged, the rest still queued
    with pytest.raises(UserError):
        sync(store, session=_Recording(events, alive=2), attempts=2, sleep=lambda _: None, **common)
    assert store.outbox.pending_count() == 3 and count(hq_home, "records") == 4
    assert threading.active_count() < 20  # the upload thread ended with the sync
    events.clear()
    second_built.clear()
    result = sync(store, session=_Recording(events, gate=second_built), **common)
    assert (result.sent, result.acknowledged, result.problems) == (3, 3, {})
    assert store.outbox.pending_count() == 0 and count(hq_home, "records") == 7
    # the second batch was built before HQ finished the first, and never two ahead
    assert events.index("complete end") > [i for i, e in enumerate(events) if e == "build"][1]
    ahead = 0
    for event in events:
        ahead += {"build": 1, "complete end": -1}.get(event, 0)
        assert ahead <= 2
    assert events.count("build") == 2


def test_a_headquarters_that_reads_format_1_only_gets_format_1(
    store: Store, hq_home: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.wire import envelope

    register(store, hq_home)
    monkeypatch.setattr(envelope, "FORMAT_VERSION", 1)  # the server in this process is "not upgraded"
    _enroll(store, 0)
    result = sync(
        store,
        url=url,
        hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
        hq_signing_key=hq_signing(hq_home),
        actor="op",
    )
    assert result.problems == {} and result.acknowledged == result.sent > 0
    assert store.outbox.pending_count() == 0


def test_chunks_shrink_when_headquarters_takes_smaller_bodies(store: Store, hq_home: Path) -> None:
    register(store, hq_home)
    _enroll(store, 0)
    key, signing = read_public_key_file(hq_home / PUBLIC_FILE), hq_signing(hq_home)
    for url in _serve(create_app(hq_home, max_chunk=256 * 1024)):  # smaller than the 4 MB default
        result = sync(store, url=url, hq_public_key=key, hq_signing_key=signing, actor="op")
        assert result.problems == {} and result.acknowledged == result.sent > 0
    assert store.outbox.pending_count() == 0
