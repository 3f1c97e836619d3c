"""Headquarters over HTTPS, with the laptop pinning HQ's certificate: the pinned certificate works,
any other certificate (a man in the middle, a wrong server) is refused with clear words and nothing
is sent (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.sync.client import sync
from fieldkit.wire.keys import PUBLIC_FILE, read_public_key_file
from storage.store import Store
from tests.fieldkit.hq_helpers import add_people, register
from tests.http_server import serve


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
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
def https_hq(hq_home: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert, key = _certificate(tmp_path, "hq")
    served = serve(create_app(hq_home), ssl_certfile=str(cert), ssl_keyfile=str(key))
    yield next(served), cert
    served.close()


def test_pinned_certificate_works_and_another_is_refused(
    store: Store, hq_home: Path, https_hq: tuple[str, Path], tmp_path: Path
) -> None:
    url, cert = https_hq
    key = read_public_key_file(hq_home / PUBLIC_FILE)
    register(store, hq_home)
    add_people(store, "130402195306151228")
    impostor, _ = _certificate(tmp_path, "impostor")
    with pytest.raises(UserError) as refused:
        sync(
            store,
            url=url,
            hq_public_key=key,
            actor="op",
            verify=str(impostor),
            attempts=2,
            sleep=lambda _: None,
        )
    assert refused.value.code == "sync.tls" and store.outbox.pending_count() == 1
    result = sync(store, url=url, hq_public_key=key, actor="op", verify=str(cert))
    assert result.acknowledged == 1 and store.outbox.pending_count() == 0


def test_serve_refuses_half_a_tls_configuration(cli, hq_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert, _ = _certificate(tmp_path, "hq")
    half = cli("hq", "--hq-home", str(hq_home), "serve", "--tls-cert", str(cert))
    assert half.code == 1 and "--tls-key" in half.err
    missing = cli("hq", "--hq-home", str(hq_home), "serve", "--tls-cert", str(cert), "--tls-key", "nope.key")
    assert missing.code == 1 and "does not exist" in missing.err
