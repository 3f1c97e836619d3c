"""Downloading work-package updates from headquarters (``fieldkit package download``).

Why the laptop sends the change number it holds: headquarters then builds only what changed since,
which is small enough for a hotel connection. The answer is signed by headquarters for this very
request (checked by the client), and the package in it is encrypted to this laptop's device key and
signed by headquarters; all is checked before anything is stored (a proxy or a fake server cannot
plant people or templates, nor replay an old package), and a body cut off in transit is fetched
again rather than reported as an attack.
"""

from __future__ import annotations

from fieldkit.device_key import device_key
from fieldkit.errors import UserError
from fieldkit.sync.http import HqClient
from fieldkit.sync.package import ApplySummary, apply_package, remembered
from fieldkit.wire.package import check_region, open_package
from storage.store import Store


def download_package(
    store: Store, client: HqClient, *, region: str, cycle: int, hq_signing_key: bytes, actor: str
) -> ApplySummary:
    """Fetch the changes of ``region``/``cycle`` after the ones applied here, verify, apply."""
    check_region(region)
    since, _ = remembered(store, region, cycle)
    params = {"region": region, "cycle": cycle, "since": since}
    damaged: UserError | None = None
    for _ in range(max(1, client.attempts)):
        response = client.request("GET", "/v1/packages", params=params)
        try:
            package = open_package(response.content, hq_signing_key, device_key(store, actor))
        except UserError as exc:
            if exc.code != "package.damaged":
                raise
            damaged = exc  # note: a body cut short on the way; ask again
            continue
        if (package.region, package.cycle, package.since) != (region, cycle, since):
            raise UserError(
                "Headquarters answered with a package for another region, cycle or starting point.",
                code="package.mismatch",
            )
        return apply_package(store, package, actor=actor)
    assert damaged is not None
    raise damaged
