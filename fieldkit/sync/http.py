"""The laptop's connection to headquarters: signed requests, timeouts, retries, optional TLS pinning.

Why retries live here, for every request: field connections drop, time out and come back; a
connection error, a 5xx, an answer cut off in transit or a "replay" refusal (the proxy or network
sent our request twice, the first copy was handled) is retried with exponential backoff and jitter,
each attempt signed afresh (a new nonce), because every headquarters endpoint is safe to repeat.
A 4xx other than a replay is a real refusal and is raised at once with headquarters' words.

Every answer the laptop returns to its callers (2xx, or a status they asked for, like the upload's
409 "you are at offset N") carries headquarters' signature bound to this attempt's nonce
(:mod:`fieldkit.wire.answer_auth`); an answer that does not verify is refused at once with
``UnverifiedAnswer`` — callers act on nothing. It is not retried: a body cut off in transit is
caught earlier (by its length), so a complete answer with a wrong or missing signature means that
someone on the path answers instead of headquarters (or the key file is wrong), and asking again
changes nothing. TLS: ``--hq-cert`` pins headquarters' public key (:mod:`fieldkit.sync.tls_pin`);
a non-loopback ``http://`` address is refused unless the operator allows it
(:func:`fieldkit.sync.hq_url.check_hq_url`).
"""

from __future__ import annotations

import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.errors import UserError
from fieldkit.wire.answer_auth import verify_answer
from fieldkit.wire.request_auth import NONCE_HEADER, signed_headers


def refusal(response: Any) -> UserError:
    """Headquarters' refusal in words (its code kept for callers that act on it)."""
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = response.text[:200]
    message = detail.get("message") if isinstance(detail, dict) else str(detail)
    code = detail.get("code") if isinstance(detail, dict) else None
    error = UserError(
        f"Headquarters refused the request ({response.status_code}): {message}",
        code=f"sync.refused.{code}" if code else "sync.refused",
        status=response.status_code,
    )
    error.detail = detail  # type: ignore[attr-defined]
    return error


@dataclass
class HqClient:
    """Signed requests to one headquarters on behalf of one device."""

    url: str
    key: Ed25519PrivateKey
    key_id: str
    hq_signing_key: bytes  # HQ's Ed25519 public key (hq_public.key): every answer must verify with it
    attempts: int = 5
    timeout: float = 30.0
    verify: bool | str = True
    sleep: Callable[[float], None] = time.sleep
    session: Any = field(default_factory=requests.Session)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        params: dict[str, Any] | None = None,
        accept: tuple[int, ...] = (),
        content_type: str = "application/octet-stream",
    ) -> Any:
        """Send with retries; returns the response (2xx, or a status listed in ``accept``)."""
        target = path + (f"?{urlencode(params)}" if params else "")
        last = "no attempt made"
        for attempt in range(self.attempts):
            headers = signed_headers(self.key, self.key_id, method, target, body)
            headers["Content-Type"] = content_type
            try:
                response = self.session.request(
                    method,
                    self.url.rstrip("/") + target,
                    data=body,
                    headers=headers,
                    timeout=self.timeout,
                    verify=self.verify,
                )
                if response.status_code < 400 or response.status_code in accept:
                    body = response.content  # note: read it all now: a cut-off body raises here
                    verify_answer(
                        self.hq_signing_key,
                        response.headers,
                        method=method,
                        target=target,
                        device_key_id=self.key_id,
                        nonce=headers[NONCE_HEADER],
                        status=response.status_code,
                        body=body,
                    )
                    return response
                if response.status_code == 409 and _code(response) == "auth.replay":
                    last = "a replayed request"
                elif response.status_code < 500:
                    raise refusal(response)
                else:
                    last = f"HTTP {response.status_code}"
            except requests.RequestException as exc:
                if _tls_failure(exc):
                    raise UserError(
                        f"The headquarters certificate is not the expected one ({type(exc).__name__}); "
                        "nothing was sent.",
                        code="sync.tls",
                    ) from None
                last = type(exc).__name__
            if attempt + 1 < self.attempts:
                self.sleep(min(30.0, 0.5 * 2**attempt) * (0.5 + random.random()))  # jitter, not cryptography
        raise UserError(
            f"Headquarters could not be reached after {self.attempts} tries ({last}); nothing was lost, "
            "the records stay queued.",
            code="sync.unreachable",
        )

    def json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A request whose answer is JSON (an answer that is not is retried as a cut-off one)."""
        for _ in range(self.attempts):
            response = self.request(method, path, **kwargs)
            try:
                return dict(response.json())
            except ValueError:
                continue
        raise UserError("Headquarters' answers were cut off repeatedly; try again.", code="sync.unreachable")


def _code(response: Any) -> str | None:
    try:
        detail = response.json().get("detail")
    except ValueError:
        return None
    return detail.get("code") if isinstance(detail, dict) else None


def _tls_failure(exc: BaseException, depth: int = 0) -> bool:
    """Whether a request failed on TLS (a certificate or pinned key refused), also when requests
    reports it as a proxy or connection error (through ``HTTPS_PROXY`` the handshake happens inside
    the tunnel and surfaces as ``ProxyError``): that is not "unreachable" and retrying is pointless."""
    if isinstance(exc, ssl.SSLError | requests.exceptions.SSLError):
        return True
    if depth > 6:
        return False
    nested = [getattr(exc, "reason", None), exc.__cause__, exc.__context__, *exc.args]
    return any(isinstance(n, BaseException) and _tls_failure(n, depth + 1) for n in nested)
