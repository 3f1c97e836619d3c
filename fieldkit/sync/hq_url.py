"""Which headquarters addresses a laptop talks to: ``https://``, or ``http://`` only on loopback or
when the operator says the network is a closed LAN (``--insecure-http``).

Why: over plain ``http://`` anyone on the path reads the traffic and can drop or delay it; answers
are signed (a forged one is refused), but identity data in work packages and the metadata of every
upload should not cross an open network in clear. Loopback stays allowed (tests, an HQ on the same
machine): nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from fieldkit.errors import UserError


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP address (127.0.0.0/8, ::1)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_hq_url(url: str, *, insecure_http: bool = False) -> str:
    """``url`` if the laptop may use it; else a clear refusal (nothing is sent)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise UserError(
            f"{url!r} is not a headquarters address (expected https://host:port).", code="sync.bad_hq_url"
        )
    if parts.scheme == "http" and not is_loopback(host) and not insecure_http:
        raise UserError(
            f"Refusing plain http:// to {host}: anyone on the network could read and alter the traffic. "
            "Use https:// (with --hq-cert to pin headquarters' certificate), or pass --insecure-http "
            "only on a closed LAN.",
            code="sync.insecure_http",
        )
    return url.strip()
