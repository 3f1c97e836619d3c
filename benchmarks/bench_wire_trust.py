"""What trust costs on the wire: signing and verifying HQ's answers, and encrypting a work package
to one device and opening it.

No target in the issue; the figures show the cost is small beside the network and the database
(an answer signature is one Ed25519 signature over a SHA-256; a package is one X25519 exchange and
one AES-GCM pass). Bodies are random bytes of the sizes a real answer or package has.

    .venv/bin/python benchmarks/bench_wire_trust.py
"""

from __future__ import annotations

import functools
import os
import statistics
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.wire.answer_auth import answer_headers, verify_answer
from fieldkit.wire.keys import key_id
from fieldkit.wire.package import MAGIC, open_package, seal_for_device, seal_package

HQ = Ed25519PrivateKey.generate()
DEVICE = Ed25519PrivateKey.generate()
TARGET, DEVICE_ID, NONCE = "/v1/decisions?since=0", "ab" * 8, "cd" * 16


def _best(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _sign(body: bytes) -> dict[str, str]:
    return answer_headers(
        HQ, method="GET", target=TARGET, device_key_id=DEVICE_ID, nonce=NONCE, status=200, body=body
    )


def _verify(headers: dict[str, str], body: bytes) -> None:
    public = HQ.public_key().public_bytes_raw()
    verify_answer(
        public,
        headers,
        method="GET",
        target=TARGET,
        device_key_id=DEVICE_ID,
        nonce=NONCE,
        status=200,
        body=body,
    )


def answers() -> None:
    for size in (1_000, 1_000_000, 50_000_000):
        body = os.urandom(size)
        headers = _sign(body)
        sign = _best(functools.partial(_sign, body), 5)
        verify = _best(functools.partial(_verify, headers, body), 5)
        print(f"answer of {size:>11,} bytes: sign {sign * 1e3:8.2f} ms, verify {verify * 1e3:8.2f} ms")


def packages() -> None:
    public = HQ.public_key().public_bytes_raw()
    device_public = DEVICE.public_key().public_bytes_raw()
    for people in (1_000, 100_000):
        body = {
            "people": [{"id_number": f"{n:018d}", "name": "测试", "kind": "retiree"} for n in range(people)],
            "enrollments": [],
            "certifications": [],
        }
        header = {
            "format": 2,
            "device_key_id": key_id(device_public),
            "region": "130402",
            "cycle": 2026,
            "since": 0,
            "change_seq": 1,
            "hq_key_id": key_id(public),
            "counts": {"people": people},
        }
        signed = seal_package(header, body, HQ)
        assert signed.startswith(MAGIC)
        sealed = seal_for_device(signed, device_public)
        seal = _best(functools.partial(seal_for_device, signed, device_public), 3)
        opened = _best(functools.partial(open_package, sealed, public, DEVICE), 3)
        print(
            f"package of {people:>7,} people ({len(sealed) / 1e6:6.2f} MB): encrypt to the device "
            f"{seal * 1e3:7.1f} ms, open (decrypt + verify + parse) {opened * 1e3:8.1f} ms"
        )


if __name__ == "__main__":
    answers()
    packages()
