"""Headquarters over HTTPS, with the laptop pinning HQ's public key (``--hq-cert``: SPKI SHA-256):
the pinned key works — also in a renewed certificate — and any other key (a man in the middle, a
wrong server) is refused with clear words and nothing is sent (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.sync.client import sync
from fieldkit.sync.tls_pin import pin_of_file
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.store import Store
from tests.fieldkit.hq_helpers import add_people, hq_signing, register
from tests.http_server import serve


def _certificate(folder: Path, name: str, key: ec.EllipticCurvePrivateKey | None = None) -> tuple[Path, Path]:
    key = key or ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def https_hq(hq_home: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    cert, key = _certificate(tmp_path, "hq")
    served = serve(create_app(hq_home), ssl_certfile=str(cert), ssl_keyfile=str(key))
    yield next(served), cert, key
    served.close()


def test_pinned_key_works_and_another_is_refused(
    store: Store, hq_home: Path, https_hq: tuple[str, Path, Path], tmp_path: Path
) -> None:
    url, cert, cert_key = https_hq
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    add_people(store, "130402195306151228")
    impostor, _ = _certificate(tmp_path, "impostor")
    with pytest.raises(UserError) as refused:
        sync(
            store,
            url=url,
            hq_public_key=key,
            hq_signing_key=hq_signing(hq_home),
            actor="op",
            pin=pin_of_file(impostor),
            attempts=2,
            sleep=lambda _: None,
        )
    assert refused.value.code == "sync.tls" and "not the expected one" in refused.value.message
    assert store.outbox.pending_count() == 1
    # a certificate renewed with the same key (another file, another serial): the pin still holds
    private = serialization.load_pem_private_key(cert_key.read_bytes(), None)
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    renewed, _ = _certificate(tmp_path, "renewed", private)
    assert renewed.read_bytes() != cert.read_bytes() and pin_of_file(renewed) == pin_of_file(cert)
    result = sync(
        store,
        url=url,
        hq_public_key=key,
        hq_signing_key=hq_signing(hq_home),
        actor="op",
        pin=pin_of_file(renewed),
    )
    assert result.acknowledged == 1 and store.outbox.pending_count() == 0


def test_cli_hq_cert_pin_mismatch_is_refused(  # type: ignore[no-untyped-def]
    cli, store: Store, hq_home: Path, https_hq: tuple[str, Path, Path], tmp_path: Path
) -> None:
    url, _, _ = https_hq
    register(store, hq_home)
    add_people(store, "130402195306151228")
    store.close()
    impostor, _ = _certificate(tmp_path, "impostor")
    refused = cli("sync", "--hq", url, "--hq-key", str(hq_home / PUBLIC_FILE), "--hq-cert", str(impostor))
    assert refused.code == 1 and "certificate is not the expected one" in refused.err
    assert "Traceback" not in refused.err


def test_serve_refuses_half_a_tls_configuration(cli, hq_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert, _ = _certificate(tmp_path, "hq")
    half = cli("hq", "--hq-home", str(hq_home), "serve", "--tls-cert", str(cert))
    assert half.code == 1 and "--tls-key" in half.err
    missing = cli("hq", "--hq-home", str(hq_home), "serve", "--tls-cert", str(cert), "--tls-key", "nope.key")
    assert missing.code == 1 and "does not exist" in missing.err


class _ConnectProxy:
    """A minimal HTTP CONNECT proxy on loopback (what HTTPS_PROXY points a laptop at)."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.tunnels = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += client.recv(4096)
        host, _, port = head.split(b" ")[1].decode().partition(":")
        upstream = socket.create_connection((host, int(port)))
        self.tunnels += 1
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")

        def pipe(source: socket.socket, target: socket.socket) -> None:
            try:
                while data := source.recv(65536):
                    target.sendall(data)
            except OSError:
                pass
            finally:
                target.close()

        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        pipe(client, upstream)

    def close(self) -> None:
        self.listener.close()


def test_the_pin_holds_through_a_proxy(
    store: Store,
    hq_home: Path,
    https_hq: tuple[str, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    url, cert, _ = https_hq
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    add_people(store, "130402195306151228")
    proxy = _ConnectProxy()
    try:
        impostor, _ = _certificate(tmp_path, "impostor")
        session = requests.Session()
        session.proxies = {"https": proxy.url}
        with pytest.raises(UserError) as refused:
            sync(
                store,
                url=url,
                hq_public_key=key,
                hq_signing_key=hq_signing(hq_home),
                actor="op",
                pin=pin_of_file(impostor),
                attempts=1,
                session=session,
            )
        assert refused.value.code == "sync.tls" and proxy.tunnels >= 1 and store.outbox.pending_count() == 1
        session = requests.Session()
        session.proxies = {"https": proxy.url}
        result = sync(
            store,
            url=url,
            hq_public_key=key,
            hq_signing_key=hq_signing(hq_home),
            actor="op",
            pin=pin_of_file(cert),
            session=session,
        )
        assert result.acknowledged == 1 and proxy.tunnels >= 2
    finally:
        proxy.close()
