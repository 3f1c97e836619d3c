"""What the console's operations pages show and change: devices, reconciliation, cycle progress.

Why plain functions over :class:`HqStore` and not code in the routes: the pages, the screenshot
script, the benchmark and the tests all read the same figures, and every change goes through the
same HQ functions the CLI uses (``register_device``, ``revoke_device``, ``set_regions``), plus one
line in the staff audit trail naming the staff login (see :mod:`fieldkit.hq.console.ops_audit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.errors import UserError
from fieldkit.hq.console.ops_audit import staff_event
from fieldkit.hq.console.queue import fill_districts
from fieldkit.hq.device_regions import parse_regions, regions_of, set_regions
from fieldkit.hq.intake import missing_count, missing_sequences
from fieldkit.hq.report import DeviceReconciliation, reconciliation
from fieldkit.hq.store import HqStore
from fieldkit.wire import keys as wire_keys

GAPS_SHOWN = 5  # note: a device page lists the first few gaps; the PDF report has up to 10,000 numbers


@dataclass(frozen=True)
class DeviceRow:
    """One registered laptop as the devices page lists it."""

    key_id: str
    name: str
    status: str  # approved | revoked
    registered_at: str
    regions: list[str]
    last_sync: str | None  # when its latest batch arrived (UTC ISO text), None if never
    batches: int
    missing_count: int  # sequence numbers below its highest that never arrived
    gaps: list[tuple[int, int]] = field(default_factory=list)  # the first GAPS_SHOWN gaps (first, last)

    @property
    def gaps_complete(self) -> bool:
        """True if :attr:`gaps` holds every missing number (else the page adds "…")."""
        return sum(last - first + 1 for first, last in self.gaps) >= self.missing_count


def device_rows(hq: HqStore) -> list[DeviceRow]:
    """Every registered device with its regions, last sync and gaps (ordered by name)."""
    last = {
        str(key): (str(at) if at is not None else None, int(n))
        for key, at, n in hq.db.execute(
            "SELECT device_key_id, max(received_at), count(*) FROM batches GROUP BY device_key_id"
        ).fetchall()
    }
    rows = []
    for key_id, name, status, registered in hq.devices():
        synced, batches = last.get(key_id, (None, 0))
        rows.append(
            DeviceRow(
                key_id=key_id,
                name=name,
                status=status,
                registered_at=registered,
                regions=regions_of(hq, key_id),
                last_sync=synced,
                batches=batches,
                missing_count=missing_count(hq, key_id),
                gaps=missing_sequences(hq, key_id, limit=GAPS_SHOWN),
            )
        )
    return rows


def parse_public_key(text: str) -> bytes:
    """A device public key typed or pasted as 64 hex characters (spaces and line breaks allowed)."""
    cleaned = "".join(text.split())
    try:
        public = bytes.fromhex(cleaned)
    except ValueError:
        public = b""
    if len(public) != 32:
        raise UserError(
            "设备公钥是 64 个十六进制字符（见笔记本上的 `fieldkit device-key`）。 "
            "A device public key is 64 hex characters (see `fieldkit device-key` on the laptop).",
            code="hq.bad_device_key",
        )
    return public


def register_device(hq: HqStore, *, public_key: str, name: str, regions: str, staff: str) -> str:
    """Approve a laptop (as ``fieldkit hq register-device``); returns its key id.

    ``regions`` is a comma list of GB/T 2260 codes; blank keeps a re-registered device's regions.
    """
    public = parse_public_key(public_key)
    name = name.strip()
    if not name:
        raise UserError("请填写设备名称。 Give the device a name (e.g. the team).", code="hq.no_device_name")
    codes = parse_regions([regions])
    key_id = wire_keys.key_id(public)
    with hq.db.transaction():
        hq.register_device(key_id, public, name)
        if codes:
            set_regions(hq, key_id, codes)
        staff_event(
            hq,
            staff,
            "device.register",
            f"device:{key_id}",
            {"name": name, "regions": regions_of(hq, key_id)},
        )
    return key_id


def revoke_device(hq: HqStore, *, key_id: str, staff: str) -> None:
    """Refuse a lost or retired laptop from now on (as ``fieldkit hq revoke-device``)."""
    with hq.db.transaction():
        hq.revoke_device(key_id)
        staff_event(hq, staff, "device.revoke", f"device:{key_id}", {})


def bind_regions(hq: HqStore, *, key_id: str, regions: str, staff: str) -> list[str]:
    """Replace the regions whose work packages a device receives; returns them (sorted)."""
    if hq.device_status(key_id) is None:
        raise UserError(f"没有此设备。 No device with key {key_id}.", code="hq.no_device")
    codes = parse_regions([regions])
    with hq.db.transaction():
        before = regions_of(hq, key_id)
        set_regions(hq, key_id, codes)
        after = regions_of(hq, key_id)
        staff_event(hq, staff, "device.regions", f"device:{key_id}", {"before": before, "after": after})
    return after


@dataclass(frozen=True)
class RegionRow:
    """A region: what the master roster holds for it and which devices receive its packages."""

    region: str
    people: int  # roster lines (all cycles)
    cycles: list[int]
    devices: list[tuple[str, str, str]]  # (key id, name, status) bound to it


def region_rows(hq: HqStore) -> list[RegionRow]:
    """Every region in the roster or bound to a device (sorted by code)."""
    people: dict[str, int] = {}
    held: dict[str, list[int]] = {}
    for region, cycle, n in hq.db.execute(
        "SELECT region, cycle, count(*) FROM roster GROUP BY region, cycle ORDER BY region, cycle"
    ).fetchall():
        people[str(region)] = people.get(str(region), 0) + int(n)
        held.setdefault(str(region), []).append(int(cycle))
    bound: dict[str, list[tuple[str, str, str]]] = {}
    for region, key_id, name, status in hq.db.execute(
        "SELECT r.region, d.key_id, d.name, d.status FROM device_regions r "
        "JOIN devices d ON d.key_id = r.key_id ORDER BY r.region, d.name"
    ).fetchall():
        bound.setdefault(str(region), []).append((str(key_id), str(name), str(status)))
    return [
        RegionRow(code, people.get(code, 0), held.get(code, []), bound.get(code, []))
        for code in sorted(set(people) | set(bound))
    ]


def bind_device_region(hq: HqStore, *, key_id: str, region: str, add: bool, staff: str) -> list[str]:
    """Add one region to a device's regions, or take it away (the device's other regions stay)."""
    code = parse_regions([region])
    if len(code) != 1:
        raise UserError("请填写一个区域代码。 Give one region code.", code="region.invalid")
    current = regions_of(hq, key_id)
    wanted = sorted(set(current) | set(code)) if add else [r for r in current if r != code[0]]
    return bind_regions(hq, key_id=key_id, regions=",".join(wanted), staff=staff)


# -- reconciliation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TeamReconciliation:
    """One team's (device's) line: expected vs received, and what is still open."""

    line: DeviceReconciliation
    open_reviews: int
    decided_reviews: int

    @property
    def ok(self) -> bool:
        return self.line.missing_count == 0 and self.open_reviews == 0


def team_reconciliation(hq: HqStore) -> list[TeamReconciliation]:
    """The reconciliation report's lines (:func:`fieldkit.hq.report.reconciliation`), problems first."""
    rows = []
    for line in reconciliation(hq):
        open_n = sum(n for key, n in line.review_counts.items() if key.endswith("/open"))
        decided = sum(n for key, n in line.review_counts.items() if not key.endswith("/open"))
        rows.append(TeamReconciliation(line=line, open_reviews=open_n, decided_reviews=decided))
    return sorted(rows, key=lambda r: (r.ok, r.line.name))


def reconciliation_pdf(hq: HqStore) -> bytes:
    """The same report as ``fieldkit hq report --out FILE.pdf``, as bytes for a download."""
    from fieldkit.hq.report_pdf import reconciliation_pdf_bytes

    return reconciliation_pdf_bytes(reconciliation(hq))


# -- cycle progress ------------------------------------------------------------------------------
NOT_DUE = ("deceased", "suspended")  # note: the roster statuses checks.py refuses certification for
NO_DISTRICT = "—"


@dataclass(frozen=True)
class DistrictProgress:
    """One district in one certification cycle."""

    district: str
    due: int  # roster people in the cycle who should certify (not deceased or suspended)
    certified: int  # of those, certified this cycle
    cases: int  # open review items about people of this district

    @property
    def remaining(self) -> int:
        return max(self.due - self.certified, 0)

    @property
    def percent(self) -> int:
        return 0 if self.due == 0 else round(100 * self.certified / self.due)


def cycles(hq: HqStore) -> list[int]:
    """The cycles the master roster holds (newest first)."""
    rows = hq.db.execute("SELECT DISTINCT cycle FROM roster ORDER BY cycle DESC").fetchall()
    return [int(row[0]) for row in rows]


def _open_cases_by_district(hq: HqStore) -> dict[str, int]:
    """Open review items per district — the district the review queue files them under.

    Why the queue's own column: the number a reviewer reads here is the number the queue shows for
    the same district filter. Like the queue, a view fills the districts of a bounded number of new
    items (so it never stalls after a large intake); items not yet placed, and items of a person
    the roster does not know, count under "—".
    """
    fill_districts(hq)
    rows = hq.db.execute(
        "SELECT COALESCE(district, ''), count(*) FROM reviews WHERE status = 'open' "
        "GROUP BY COALESCE(district, '')"
    ).fetchall()
    found: dict[str, int] = {}
    for district, n in rows:
        key = str(district) or NO_DISTRICT
        found[key] = found.get(key, 0) + int(n)
    return found


def district_progress(hq: HqStore, cycle: int | None = None) -> tuple[int | None, list[DistrictProgress]]:
    """(the cycle shown, one line per district): due, certified and open cases (the newest cycle
    by default)."""
    if cycle is None:
        held = cycles(hq)
        cycle = held[0] if held else None
    if cycle is None:
        return None, []
    marks = ", ".join("?" for _ in NOT_DUE)
    rows = hq.db.execute(
        "SELECT COALESCE(r.district, ''), count(*), count(c.id_number) FROM roster r "
        "LEFT JOIN certified c ON c.id_number = r.id_number AND c.cycle = r.cycle "
        f"WHERE r.cycle = ? AND r.status NOT IN ({marks}) GROUP BY COALESCE(r.district, '')",
        (cycle, *NOT_DUE),
    ).fetchall()
    cases = _open_cases_by_district(hq)
    lines: dict[str, DistrictProgress] = {}
    for district, due, done in rows:
        key = str(district) or NO_DISTRICT  # note: as the queue files items of a person without one
        lines[key] = DistrictProgress(key, int(due), int(done), cases.get(key, 0))
    for district, n in cases.items():
        if district not in lines:
            lines[district] = DistrictProgress(district, 0, 0, n)
    return cycle, sorted(lines.values(), key=lambda p: p.district)
