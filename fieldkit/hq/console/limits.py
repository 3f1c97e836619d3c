"""Every console request: a small, parsed form body and headers that keep pages out of caches.

Why here and not in the API's ``RequestLimits``: that middleware checks device signatures on
``/v1/`` paths, and a browser signs nothing; the console is exempt from device signing but not from
size limits. A POST body (login, decision, reveal) is at most :data:`MAX_FORM_BYTES`, counted as it
arrives (a Content-Length can lie), URL-encoded only, parsed once here into the scope
(:data:`FORM_KEY`) so that the CSRF check and the route read the same fields. Every answer carries
``Cache-Control: no-store`` (evidence and ID numbers must not stay in an office PC's cache), a
content security policy that allows only the console's own scripts, styles and images, and refuses
framing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import PlainTextResponse

from fieldkit.hq.request_limits import replay_body

MAX_FORM_BYTES = 64 * 1024
MAX_FIELDS = 64
FORM_KEY = "fieldkit.console.form"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"pragma", b"no-cache"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
]


class ConsoleRequests:
    """ASGI middleware of the console sub-application."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message["headers"] = [*kept, *_HEADERS]
            await send(message)

        if scope["method"] != "POST":
            await self.app(scope, receive, send_with_headers)
            return
        body, problem = await _read(scope, receive)
        if problem is not None:
            await PlainTextResponse(problem[1], status_code=problem[0])(scope, receive, send_with_headers)
            return
        try:
            scope[FORM_KEY] = dict(
                parse_qsl(
                    body.decode("utf-8"),
                    keep_blank_values=True,
                    max_num_fields=MAX_FIELDS,
                    strict_parsing=False,
                )
            )
        except (UnicodeDecodeError, ValueError):
            refusal = PlainTextResponse("表单无法读取 / the form could not be read", status_code=400)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, replay_body(body), send_with_headers)


async def _read(scope: Scope, receive: Receive) -> tuple[bytes, tuple[int, str] | None]:
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    kind = headers.get("content-type", "application/x-www-form-urlencoded").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return b"", (415, "只接受普通表单 / only URL-encoded forms are accepted")
    too_large = (413, f"请求过大 / the request is over {MAX_FORM_BYTES} bytes")
    declared = headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and (len(declared) > 12 or int(declared) > MAX_FORM_BYTES):
        return b"", too_large
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        part = bytes(message.get("body", b""))
        size += len(part)
        if size > MAX_FORM_BYTES:
            return b"", too_large
        parts.append(part)
        if not message.get("more_body", False):
            break
    return b"".join(parts), None
