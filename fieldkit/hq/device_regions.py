"""Which regions a registered device may receive work packages for.

Why: a work package holds the identity data and templates of a whole region. A team's laptop needs
its own region(s), never another's, so headquarters records the regions at registration
(``fieldkit hq register-device … --region CODE``) and serves or exports a package only for those.
Region codes are checked against GB/T 2260 (``fieldkit.identity.region``) before they are stored.
"""

from __future__ import annotations

from fieldkit.errors import UserError
from fieldkit.hq.store import HqStore
from fieldkit.identity.region import parse_region


def parse_regions(values: list[str] | None) -> list[str]:
    """``--region A --region B,C`` → ``["A", "B", "C"]`` (order kept, duplicates and blanks dropped).

    Each code must be a GB/T 2260 region code (RegionError, exit 1): a device bound to ``../../x``
    would never match a package, and the code also names files.
    """
    found: list[str] = []
    for value in values or []:
        for text in value.split(","):
            if not text.strip():
                continue
            code = parse_region(text)
            if code not in found:
                found.append(code)
    return found


def set_regions(hq: HqStore, device_key_id: str, regions: list[str]) -> None:
    """Replace the device's regions."""
    with hq.db.transaction():
        hq.db.execute("DELETE FROM device_regions WHERE key_id = ?", (device_key_id,))
        for region in regions:
            hq.db.execute(
                "INSERT INTO device_regions (key_id, region) VALUES (?, ?)", (device_key_id, region)
            )


def regions_of(hq: HqStore, device_key_id: str) -> list[str]:
    """The regions a device is registered for (sorted)."""
    rows = hq.db.execute(
        "SELECT region FROM device_regions WHERE key_id = ? ORDER BY region", (device_key_id,)
    ).fetchall()
    return [str(row[0]) for row in rows]


def device_public_key(hq: HqStore, device_key_id: str) -> bytes:
    """The approved device's public key, or a clear refusal."""
    known = hq.device_status(device_key_id)
    if known is None:
        raise UserError(f"No device with key {device_key_id} is registered.", code="hq.no_device")
    status, public = known
    if status != "approved":
        raise UserError(f"Device {device_key_id} was revoked.", code="package.device_revoked")
    return public


def check_device_region(hq: HqStore, device_key_id: str, region: str) -> bytes:
    """The device's public key if it may receive ``region``'s package; else ``package.region_not_allowed``."""
    public = device_public_key(hq, device_key_id)
    allowed = regions_of(hq, device_key_id)
    if region not in allowed:
        shown = ", ".join(allowed) or "none"
        raise UserError(
            f"Device {device_key_id} is not registered for region {region} (its regions: {shown}); "
            f"headquarters adds a region with `fieldkit hq register-device --public-key … --name … "
            f"--region {region}`.",
            code="package.region_not_allowed",
        )
    return public
