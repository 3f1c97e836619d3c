"""Sync, batch export, roster import and the offline-limit status, one call each (store thread).

Why the sync runs on the store thread: ``fieldkit.sync.client.sync`` reads the outbox, waits for
headquarters, marks what was acknowledged and applies HQ's decisions — one connection, one owner
thread. The screen stays live (it shows the progress the client reports); other store work queues
behind it. The composition copies ``fieldkit sync``: the same spool folder (an interrupted upload
resumes, from the CLI or the GUI), then retention. ``sync`` is called with keyword arguments only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.config import load_config, save_config
from fieldkit.errors import UserError
from fieldkit.sync import batch as batch_module
from fieldkit.sync import client as sync_client
from fieldkit.sync import package as package_module
from fieldkit.sync.retention import apply_retention, days_since_sync
from fieldkit.wire import package as wire_package
from fieldkit.wire.keys import read_hq_keys, read_public_key_file
from fieldkit.workflows import roster_import
from storage.store import Store

SPOOL_DIR = "outgoing"  # note: the same folder ``fieldkit sync`` spools to (fieldkit.cli.hq_cmds)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class HqSettings:
    """The ``[sync]`` part of fieldkit.toml the Sync screen edits."""

    url: str
    key_file: str


def read_hq(home: Path) -> HqSettings:
    sync = load_config(home).sync
    return HqSettings(sync.hq_url, sync.hq_key)


def write_hq(home: Path, settings: HqSettings) -> HqSettings:
    """Save the address and key file (the key file is checked first)."""
    if settings.key_file.strip():
        read_public_key_file(Path(settings.key_file.strip()))
    config = load_config(home)
    config.sync.hq_url, config.sync.hq_key = settings.url.strip(), settings.key_file.strip()
    save_config(home, config)
    return read_hq(home)


def _hq_key(home: Path) -> bytes:
    """Headquarters' encryption key (a batch file needs only the key, not the address)."""
    sync = load_config(home).sync
    if not sync.hq_key:
        raise UserError("No headquarters key is set.", code="sync.no_hq")
    return read_public_key_file(Path(sync.hq_key))


def _hq(home: Path) -> tuple[str, bytes, bool | str]:
    sync = load_config(home).sync
    if not sync.hq_url or not sync.hq_key:
        raise UserError("No headquarters address or key is set.", code="sync.no_hq")
    return sync.hq_url, read_public_key_file(Path(sync.hq_key)), sync.hq_cert or True


@dataclass
class SyncReport:
    """What happened, in numbers the screen shows."""

    pending_before: int
    sent: int = 0
    acknowledged: int = 0
    needs_review: int = 0
    pending_after: int = 0
    problems: dict[str, str] = field(default_factory=dict)
    missing: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    images_dropped: int = 0


def run_sync(store: Store, home: Path, actor: str, *, progress: Progress | None = None) -> SyncReport:
    """Send the outbox, apply HQ's answers and decisions, then drop palm images HQ holds."""
    url, key, verify = _hq(home)
    report = SyncReport(pending_before=store.outbox.pending_count())
    result = sync_client.sync(
        store,
        url=url,
        hq_public_key=key,
        actor=actor,
        verify=verify,
        spool=home / SPOOL_DIR,
        progress=progress,
    )
    report.sent, report.acknowledged = result.sent, result.acknowledged
    report.needs_review, report.problems = result.needs_review, dict(result.problems)
    report.missing = len(result.missing_sequences)
    report.decisions = dict(result.decisions)
    report.pending_after = store.outbox.pending_count()
    report.images_dropped = apply_retention(
        store, keep_days=load_config(home).sync.keep_images_days, actor=actor
    )
    return report


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    days_since: float | None
    warn_after_days: int

    @property
    def overdue(self) -> bool:
        return bool(self.pending) and (self.days_since is None or self.days_since > self.warn_after_days)


def sync_status(store: Store, home: Path) -> SyncStatus:
    """What waits, and how long since headquarters last acknowledged anything."""
    return SyncStatus(
        store.outbox.pending_count(), days_since_sync(store), load_config(home).sync.warn_after_days
    )


def export_batch(store: Store, home: Path, actor: str, target: Path) -> int:
    """Write the outbox as a sealed batch file (for a USB stick); returns the record count."""
    key = _hq_key(home)
    built = batch_module.build_batch(store, actor=actor, hq_public_key=key)
    batch_module.write_batch_file(target, built)
    return len(built.manifest["entries"])


@dataclass(frozen=True)
class RosterResult:
    accepted: int
    rejected: int
    refused: bool


def import_roster_file(store: Store, home: Path, actor: str, path: Path, *, cycle: int) -> RosterResult:
    """Take in headquarters' roster CSV (from a USB stick) for this cycle and the team's region."""
    region = load_config(home).sync.region or "local"
    report = roster_import.import_roster(store, path, cycle=cycle, region=region, actor=actor)
    return RosterResult(report.accepted, report.rejected, report.strict_refused)


@dataclass(frozen=True)
class PackageResult:
    """What a work package brought (counts only: the screen never lists people from it)."""

    region: str
    cycle: int
    people_added: int
    people_updated: int
    enrollments_added: int
    certifications_added: int
    skipped_people: int


def import_work_package(store: Store, home: Path, actor: str, path: Path) -> PackageResult:
    """Verify headquarters' signed work package (from a USB stick) and take it in.

    The same steps as ``fieldkit package apply``: the signing key from the team's hq_public.key, the
    package checked offline, then applied (additive, idempotent).
    """
    sync = load_config(home).sync
    if not sync.hq_key:
        raise UserError("No headquarters key is set.", code="sync.no_hq")
    signing = read_hq_keys(Path(sync.hq_key)).signing
    if signing is None:
        raise UserError("This hq_public.key has no package-signing key.", code="package.no_signing_key")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path.name}: {exc.strerror}.", code="package.unreadable") from None
    summary = package_module.apply_package(store, wire_package.read_package(data, signing), actor=actor)
    return PackageResult(
        summary.region,
        summary.cycle,
        summary.people_added,
        summary.people_updated,
        summary.enrollments_added,
        summary.certifications_added,
        len(summary.unknown_people),
    )
