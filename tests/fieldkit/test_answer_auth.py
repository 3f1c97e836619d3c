"""The signed-answer format both sides share (fieldkit.wire.answer_auth) and the device-key
conversion packages are encrypted with (fieldkit.wire.keys)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.wire.answer_auth import (
    KEY_HEADER,
    SIGNATURE_HEADER,
    UnverifiedAnswer,
    answer_headers,
    verify_answer,
)
from fieldkit.wire.keys import x25519_private_from_ed25519, x25519_public_from_ed25519

HQ = Ed25519PrivateKey.generate()
PUBLIC = HQ.public_key().public_bytes_raw()
REQUEST = {
    "method": "POST",
    "target": "/v1/uploads/x/complete",
    "device_key_id": "abcd" * 4,
    "nonce": "11" * 16,
}


def _headers(status: int = 200, body: bytes = b'{"ok":1}', **request: str) -> dict[str, str]:
    return answer_headers(HQ, **(REQUEST | request), status=status, body=body)  # type: ignore[arg-type]


def _code(
    headers: dict[str, str],
    *,
    key: bytes = PUBLIC,
    status: int = 200,
    body: bytes = b'{"ok":1}',
    **request: str,
) -> str:
    with pytest.raises(UnverifiedAnswer) as info:
        verify_answer(key, headers, **(REQUEST | request), status=status, body=body)  # type: ignore[arg-type]
    return str(info.value.code)


def test_a_signed_answer_verifies_and_every_change_is_refused() -> None:
    headers = _headers()
    verify_answer(PUBLIC, headers, **REQUEST, status=200, body=b'{"ok":1}')  # type: ignore[arg-type]
    assert _code(headers, body=b'{"ok":2}') == "answer.bad_signature"  # forged body
    assert _code(headers, status=201) == "answer.bad_signature"  # another status
    assert _code(headers, nonce="22" * 16) == "answer.bad_signature"  # replayed to a new request
    assert _code(headers, target="/v1/decisions") == "answer.bad_signature"  # another endpoint
    assert _code(headers, device_key_id="ffff" * 4) == "answer.bad_signature"  # another laptop's
    assert _code({}) == "answer.unsigned"  # stripped
    assert _code({KEY_HEADER: headers[KEY_HEADER]}) == "answer.unsigned"
    assert _code(headers | {SIGNATURE_HEADER: "not base64!"}) == "answer.bad_signature"
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert _code(headers, key=other) == "answer.other_hq"
    assert _code({SIGNATURE_HEADER: headers[SIGNATURE_HEADER]}, key=other) == "answer.bad_signature"


def test_device_keys_convert_to_matching_x25519_pairs() -> None:
    for _ in range(20):
        key = Ed25519PrivateKey.generate()
        public = x25519_public_from_ed25519(key.public_key().public_bytes_raw())
        assert x25519_private_from_ed25519(key).public_key().public_bytes_raw() == public
    with pytest.raises(ValueError):
        x25519_public_from_ed25519(b"short")
