"""Headquarters signs every answer to a signed request (format: :mod:`fieldkit.wire.answer_auth`).

Why an ASGI middleware rather than a line in each endpoint: every answer a laptop may act on — upload
offsets, per-record statuses, decisions, work packages, and the refusals too — must be signed, and a
new endpoint must not be able to forget it. The middleware holds the answer until its last byte,
signs status + body bound to the request's nonce, method, target and device, then sends it with two
extra headers. Requests without a nonce (the health check, a browser) get unsigned answers: the
laptop never sends one, so it never acts on one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.wire.answer_auth import answer_headers
from fieldkit.wire.request_auth import DEVICE_HEADER, NONCE_HEADER

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Message, Receive, Send], Awaitable[None]]
_MAX_FIELD = 256  # note: a nonce or key id longer than this is malformed; nothing that size is signed


class AnswerSigning:
    """Wraps the app: answers to requests that carry a nonce leave signed."""

    def __init__(self, app: App, key: Ed25519PrivateKey) -> None:
        self.app = app
        self.key = key

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        nonce = headers.get(NONCE_HEADER.lower(), "")
        device = headers.get(DEVICE_HEADER.lower(), "")
        if not nonce or len(nonce) > _MAX_FIELD or len(device) > _MAX_FIELD:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        target = scope["path"] + (f"?{query}" if query else "")
        start: Message = {}
        parts: list[bytes] = []

        async def signing_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            parts.append(bytes(message.get("body", b"")))
            if message.get("more_body", False):
                return
            body = b"".join(parts)
            signed = answer_headers(
                self.key,
                method=scope["method"],
                target=target,
                device_key_id=device,
                nonce=nonce,
                status=int(start["status"]),
                body=body,
            )
            start["headers"] = [
                *start.get("headers", []),
                *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in signed.items()),
            ]
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, signing_send)
