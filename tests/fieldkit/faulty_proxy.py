"""A TCP proxy for HTTP/1.1 that misbehaves on purpose (seeded): cuts requests part-way, drops the
response after headquarters has acted on the request, delays, and replays requests a second time."""

from __future__ import annotations

import random
import socket
import threading
import time

MODES = ("pass", "cut_request", "cut_response", "delay", "duplicate")


def _read_message(sock: socket.socket) -> bytes:
    """One HTTP message (headers + Content-Length body), or b"" if the peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class FaultyProxy:
    """Listens on a free loopback port and forwards to ``upstream_port`` with injected faults."""

    def __init__(self, upstream_port: int, seed: int) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.05)  # note: a blocked accept() does not wake when the socket is closed
        self.port = int(self.listener.getsockname()[1])
        self.faults: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            mode = self.rng.choice(MODES)
            self.faults.append(mode)
            threading.Thread(target=self._handle, args=(client, mode, self.rng.random()), daemon=True).start()

    def _upstream(self, request: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10) as upstream:
            upstream.sendall(request.replace(b"keep-alive", b"close"))
            return _read_message(upstream)

    def _replay(self, request: bytes) -> None:
        try:
            self._upstream(request)
        except OSError:
            pass  # note: headquarters may be down; the replay was a fault anyway

    def _handle(self, client: socket.socket, mode: str, fraction: float) -> None:
        try:
            self._forward(client, mode, fraction)
        except OSError:
            pass  # note: headquarters was killed or the client gave up; the client sees a dead connection

    def _forward(self, client: socket.socket, mode: str, fraction: float) -> None:
        with client:
            client.settimeout(10)
            request = _read_message(client)
            if not request:
                return
            if mode == "cut_request":
                with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10) as upstream:
                    upstream.sendall(request[: int(len(request) * fraction)])
                return  # the client sees its connection die mid-upload
            if mode == "delay":
                time.sleep(0.05 + fraction * 0.2)
            response = self._upstream(request)
            if mode == "duplicate":
                threading.Thread(target=self._replay, args=(request,), daemon=True).start()
            if mode == "cut_response":
                client.sendall(response[: int(len(response) * fraction * 0.5)])
                return  # headquarters acted, the laptop never hears about it
            client.sendall(response)
