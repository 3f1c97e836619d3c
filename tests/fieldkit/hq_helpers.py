"""Helpers for the headquarters tests: register a laptop, count what HQ stored, send signed requests."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.device_key import device_key, device_public_key
from fieldkit.hq.device_regions import set_regions
from fieldkit.hq.store import HqStore
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.request_auth import signed_headers
from storage.records import Person
from storage.store import Store
from tests.http_server import HQ_PASSPHRASE, free_port

__all__ = ["HQ_PASSPHRASE"]  # note: importing this module sets $FIELDKIT_HQ_PASSPHRASE for the test HQs


def register(store: Store, hq_home: Path, name: str = "team 1", regions: tuple[str, ...] = ()) -> str:
    """Approve the store's device key at HQ (for ``regions``' work packages); returns its key id."""
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    try:
        hq.register_device(wire_keys.key_id(public), public, name)
        if regions:
            set_regions(hq, wire_keys.key_id(public), list(regions))
    finally:
        hq.close()
    return wire_keys.key_id(public)


def hq_signing(hq_home: Path) -> bytes:
    """Headquarters' Ed25519 public key, as a laptop reads it from ``hq_public.key``."""
    signing = wire_keys.read_hq_keys(hq_home / wire_keys.PUBLIC_FILE).signing
    assert signing is not None
    return signing


def count(hq_home: Path, table: str) -> int:
    hq = HqStore.open(hq_home)
    try:
        return int(hq.db.scalar(f"SELECT count(*) FROM {table}"))
    finally:
        hq.close()


def add_people(store: Store, *numbers: str) -> None:
    with store.transaction("op"):
        for number in numbers:
            store.people.add(Person(id_number=number, name="测试"))


def signed(
    url: str,
    method: str,
    target: str,
    body: bytes = b"",
    *,
    key: Ed25519PrivateKey,
    key_id: str,
    now: float | None = None,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """One signed request (no retries), for probing refusals."""
    sent = headers if headers is not None else signed_headers(key, key_id, method, target, body, now=now)
    return requests.request(method, url + target, data=body, headers=sent, timeout=10)


def store_key(store: Store) -> tuple[Ed25519PrivateKey, str]:
    return device_key(store, "op"), wire_keys.key_id(device_public_key(store, "op"))


def detail_code(response: requests.Response) -> Any:
    try:
        detail = response.json().get("detail")
    except ValueError:
        return None
    return detail.get("code") if isinstance(detail, dict) else detail


class HqProcess:
    """``fieldkit hq serve`` in its own process, which the test can kill outright."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log = open(self.home / "serve.log", "ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fieldkit",
                "hq",
                "--hq-home",
                str(self.home),
                "serve",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60  # note: generous; two busy cores can make imports slow
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        log = (self.home / "serve.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"headquarters did not start; its log ends with:\n{log}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None
            self.log.close()


def run_search_worker(hq_home: Path) -> Any:
    """Work HQ's duplicate-search queue until it is empty (what `fieldkit hq worker --once` does)."""
    from fieldkit.hq.search_worker import run_worker

    hq = HqStore.open(hq_home)
    try:
        return run_worker(hq, once=True)
    finally:
        hq.close()
