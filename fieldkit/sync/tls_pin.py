"""``--hq-cert``: pin headquarters' TLS public key (SPKI SHA-256), not trust a CA bundle.

Why a pin on the public key: headquarters runs with a self-signed certificate handed to teams as a
file. Used as a CA bundle (what it was before), that file also vouches for any certificate it could
have signed, and hostname rules decide the rest. Pinning the SHA-256 of the certificate's
SubjectPublicKeyInfo accepts exactly one server key — a certificate renewed with the same key still
passes, any other key is refused before a byte of the request is sent.

How: requests offers no hook after the TLS handshake, and urllib3's ``assert_fingerprint`` compares
the whole certificate's digest (a renewal would break it) rather than its key. So a transport
adapter gives urllib3 an HTTPS connection class whose ``connect`` — after the handshake, before any
request is written — reads the peer's leaf certificate (``getpeercert(binary_form=True)``), hashes
its SPKI and closes the socket on a mismatch, raising ``ssl.SSLError`` (which requests reports as
``SSLError``). With a pin the CA check is off: the pin is the stronger check, and a self-signed
certificate has no CA to check.
"""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPSConnectionPool

from fieldkit.errors import UserError


def spki_sha256(certificate: x509.Certificate) -> str:
    """Hex SHA-256 of a certificate's SubjectPublicKeyInfo (DER)."""
    spki = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def pin_of_file(path: Path) -> str:
    """The pin of the certificate in ``path`` (PEM or DER), or a clear error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            f"The headquarters certificate {path} cannot be read: {exc.strerror}.", code="sync.no_cert"
        ) from None
    try:
        certificate = (
            x509.load_pem_x509_certificate(data)
            if b"-----BEGIN" in data
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        raise UserError(f"{path} is not a certificate (PEM or DER).", code="sync.bad_cert") from None
    return spki_sha256(certificate)


class PinMismatch(ssl.SSLError):
    """The server's key is not the pinned one (the connection was closed before sending anything)."""


class _PinnedConnection(HTTPSConnection):
    pin = ""

    def connect(self) -> None:
        super().connect()
        der = self.sock.getpeercert(binary_form=True) if isinstance(self.sock, ssl.SSLSocket) else None
        found = spki_sha256(x509.load_der_x509_certificate(der)) if der else "none"
        if found != self.pin:
            self.close()
            raise PinMismatch(f"server key {found[:16]} is not the pinned {self.pin[:16]}")
        self.is_verified = True  # note: verified by the pin, so urllib3 does not warn "unverified"


class PinnedAdapter(HTTPAdapter):
    """A requests adapter whose HTTPS connections accept only the server key with SPKI ``pin``."""

    def __init__(self, pin: str, **kwargs: Any) -> None:
        self.pin = pin  # note: set before HTTPAdapter.__init__, which builds the pool manager
        super().__init__(**kwargs)

    def _pinned(self, manager: Any) -> Any:
        connection = type("PinnedConnection", (_PinnedConnection,), {"pin": self.pin})
        pool = type("PinnedPool", (HTTPSConnectionPool,), {"ConnectionCls": connection})
        manager.pool_classes_by_scheme = {**manager.pool_classes_by_scheme, "https": pool}
        return manager

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._pinned(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # note: through a proxy from the environment (HTTPS_PROXY) the tunnelled connection must be
        # pinned too, or the CA check that the pin switched off would be switched off for nothing
        return self._pinned(super().proxy_manager_for(proxy, **proxy_kwargs))
