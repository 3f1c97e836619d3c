"""An HTTP proxy on loopback that lies on purpose, in front of a real headquarters server.

Beside :mod:`tests.fieldkit.faulty_proxy` (an unreliable network), this one is an attacker on the
path — a hotel middlebox, a fake access point, anyone on a plain-http hop. It sees every request in
clear and answers as it likes:

- ``pass``: forwards everything (and records each answer, signature headers included);
- ``ack_all``: answers every upload step itself — "complete, every record accepted", with the hashes
  copied from the declaration it saw — and forwards nothing of the upload;
- ``forge_decisions``: forwards ``GET /v1/decisions`` but replaces the answer's body with
  :attr:`forged_decisions`, keeping HQ's signature headers;
- ``forge_package``: forwards ``GET /v1/packages`` (and each piece of a prepared, resumable download)
  but replaces the body with :attr:`forged_package`;
- ``replay``: answers each request with the recorded answer of an earlier request to the same
  method and path (UUIDs ignored), signature headers and all, without forwarding;
- ``strip``: forwards and removes headquarters' answer signature headers.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from fieldkit.wire.answer_auth import KEY_HEADER, SIGNATURE_HEADER

MODES = ("pass", "ack_all", "forge_decisions", "forge_package", "replay", "strip")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}
Answer = tuple[int, list[tuple[str, str]], bytes]


class HostileProxy:
    """Listens on a free loopback port in front of ``upstream`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, upstream: str, mode: str = "pass") -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", int(parts.port or 80))
        self.mode = mode
        self.recorded: dict[tuple[str, str], Answer] = {}
        self.declared: dict[str, dict[str, Any]] = {}  # batch id → the declaration seen in transit
        self.forged_decisions: list[dict[str, Any]] = []
        self.forged_package = b""
        self.log: list[str] = []  # "MODE METHOD PATH -> what the proxy did"
        self.forwarded = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # note: quiet test output
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, headers, answer = proxy.answer(self.command, self.path, dict(self.headers), body)
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in _HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer)
                self.close_connection = True

            do_GET = do_POST = do_PUT = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    # -- what the proxy says -------------------------------------------------------------------------
    def _forward(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            sent = {k: v for k, v in headers.items() if k.lower() not in _HOP}
            connection.request(method, target, body=body or None, headers=sent)
            response = connection.getresponse()
            answer = (response.status, list(response.getheaders()), response.read())
        finally:
            connection.close()
        self.forwarded += 1
        self.recorded[(method, _UUID.sub("{id}", target.split("?")[0]))] = answer
        return answer

    def _last_signature(self) -> list[tuple[str, str]]:
        """Signature headers of the last genuine answer seen (an attacker re-uses what it has)."""
        for _, headers, _ in reversed(list(self.recorded.values())):
            signed = [
                (k, v) for k, v in headers if k.lower() in (SIGNATURE_HEADER.lower(), KEY_HEADER.lower())
            ]
            if signed:
                return signed
        return []

    def _ack_all(self, method: str, path: str, body: bytes) -> Answer | None:
        json_headers = [("Content-Type", "application/json"), *self._last_signature()]
        if method == "POST" and path == "/v1/uploads":
            declaration = json.loads(body)
            self.declared[declaration["batch_id"]] = declaration
            state = {"batch_id": declaration["batch_id"], "offset": declaration["size"], "complete": True}
            return 200, json_headers, json.dumps(state | {"answer": None}).encode()
        match = re.fullmatch(r"/v1/uploads/([0-9a-f-]{36})(/complete)?", path)
        if match is None:
            return None
        declaration = self.declared.get(match.group(1), {"size": 0, "manifest": {"entries": []}})
        if match.group(2) is None:
            state = {"batch_id": match.group(1), "offset": declaration["size"], "complete": True}
            return 200, json_headers, json.dumps(state).encode()
        entries = declaration["manifest"]["entries"]
        answer = {
            "batch_id": match.group(1),
            "statuses": {e["record_uuid"]: "accepted" for e in entries},
            "reasons": {},
            "missing_sequences": [],
            "repeated_batch": False,
            "held": {e["record_uuid"]: {str(e["version"]): e["sha256"]} for e in entries},
        }
        return 200, json_headers, json.dumps(answer).encode()

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        path = target.split("?")[0]
        mode = self.mode
        if mode == "ack_all" and (forged := self._ack_all(method, path, body)) is not None:
            self.log.append(f"{mode} {method} {path} -> answered itself")
            return forged
        if mode == "replay":
            old = self.recorded.get((method, _UUID.sub("{id}", path)))
            if old is not None:
                self.log.append(f"{mode} {method} {path} -> old answer replayed")
                return old
        status, answer_headers, answer = self._forward(method, target, headers, body)
        if mode == "forge_decisions" and path == "/v1/decisions":
            self.log.append(f"{mode} {method} {path} -> body replaced")
            return status, answer_headers, json.dumps({"decisions": self.forged_decisions}).encode()
        if mode == "forge_package" and (
            path == "/v1/packages" or (method == "GET" and path.startswith("/v1/packages/prepared/"))
        ):
            self.log.append(f"{mode} {method} {path} -> package replaced")
            return 200, answer_headers, self.forged_package
        if mode == "strip":
            stripped = [
                (k, v)
                for k, v in answer_headers
                if k.lower() not in (SIGNATURE_HEADER.lower(), KEY_HEADER.lower())
            ]
            self.log.append(f"{mode} {method} {path} -> signature removed")
            return status, stripped, answer
        return status, answer_headers, answer
