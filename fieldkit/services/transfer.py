"""Reconciling with headquarters: sync, work packages, batch files, the offline-limit status.

Why one module for the CLI and the GUI: ``fieldkit sync`` and the Sync screen must do the same thing
in the same order — send the outbox (resuming a spooled upload from either front-end), apply
headquarters' answers and decisions, download the team's work-package changes when a region is set,
then drop palm images headquarters holds. Settings come from ``[sync]`` in ``fieldkit.toml``; the CLI
may override each one from its options (an empty override means "use the file").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.config import SyncSettings, load_config, save_config
from fieldkit.device_key import stored_device_key
from fieldkit.errors import UserError
from fieldkit.sync import batch as batch_module
from fieldkit.sync import client as sync_client
from fieldkit.sync.hq_url import check_hq_url
from fieldkit.sync.package import ApplySummary, apply_package
from fieldkit.sync.package_client import download_package
from fieldkit.sync.retention import apply_retention, days_since_sync
from fieldkit.sync.tls_pin import pin_of_file
from fieldkit.wire.keys import HqPublicKeys, read_hq_keys, read_public_key_file
from fieldkit.wire.package import Package, open_package, sealed_header
from fieldkit.workflows import roster_import
from storage.store import Store

SPOOL_DIR = "outgoing"  # under the data folder: an interrupted upload resumes from here (CLI or GUI)
Progress = Callable[[str, int, int], None]


# -- settings ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HqSettings:
    """The ``[sync]`` part of fieldkit.toml a supervisor edits: address and key file."""

    url: str
    key_file: str


def read_hq(home: Path) -> HqSettings:
    sync = load_config(home).sync
    return HqSettings(sync.hq_url, sync.hq_key)


def write_hq(home: Path, settings: HqSettings) -> HqSettings:
    """Save the address and key file (both are checked first: a plain-http address to another
    machine is refused unless ``insecure_http`` is set in ``[sync]``)."""
    if settings.key_file.strip():
        read_public_key_file(Path(settings.key_file.strip()))
    config = load_config(home)
    if settings.url.strip():
        check_hq_url(settings.url, insecure_http=config.sync.insecure_http)
    config.sync.hq_url, config.sync.hq_key = settings.url.strip(), settings.key_file.strip()
    save_config(home, config)
    return read_hq(home)


def hq_keys(key_file: str | Path | None, settings: SyncSettings) -> HqPublicKeys:
    """Headquarters' public keys from ``key_file`` or, if not given, the file named in ``[sync]``."""
    path = key_file or settings.hq_key
    if not path:
        raise UserError(
            "Give headquarters' key file with --hq-key (or set hq_key in [sync] of fieldkit.toml).",
            code="sync.no_hq_key",
        )
    return read_hq_keys(Path(path))


def signing_key(keys: HqPublicKeys, source: str | Path) -> bytes:
    """The key that checks work packages; an old key file without one is named as such."""
    if keys.signing is None:
        raise UserError(
            f"{source} has no package-signing key (it is from an older headquarters): ask headquarters for "
            "a new hq_public.key.",
            code="package.no_signing_key",
        )
    return keys.signing


def _pin(cert: str) -> str:
    """The SPKI pin of the named headquarters certificate ("" when none: the system's CAs decide)."""
    if not cert:
        return ""
    if not Path(cert).is_file():
        raise UserError(f"The headquarters certificate {cert} does not exist.", code="sync.no_cert")
    return pin_of_file(Path(cert))


# -- sync --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HqPlan:
    """Where and how to reach headquarters, resolved and checked before the store is touched."""

    url: str
    keys: HqPublicKeys
    pin: str  # SPKI SHA-256 of HQ's certificate (--hq-cert), "" for the system's CAs
    region: str
    cycle: int
    key_source: str  # the key file's name, for messages
    timeout: float
    keep_images_days: int
    insecure_http: bool = False


def plan_sync(
    home: Path,
    *,
    url: str | None = None,
    key_file: str | None = None,
    cert: str | None = None,
    region: str | None = None,
    cycle: int | None = None,
    timeout: float = 30.0,
    insecure_http: bool = False,
) -> HqPlan:
    """Resolve ``[sync]`` with the CLI's overrides; every missing or broken setting is named here.

    A non-loopback ``http://`` address is refused unless ``insecure_http`` (``--insecure-http``, or
    ``insecure_http = true`` in ``[sync]`` for the GUI on a closed LAN); ``cert`` is pinned by its key.
    """
    settings = load_config(home).sync
    url = url or settings.hq_url
    if not url:
        raise UserError(
            "Give headquarters' address with --hq URL (or hq_url in [sync]).", code="sync.no_hq_url"
        )
    insecure_http = insecure_http or settings.insecure_http
    check_hq_url(url, insecure_http=insecure_http)
    keys = hq_keys(key_file, settings)
    if keys.signing is None:
        raise UserError(
            f"{key_file or settings.hq_key} has no headquarters signing key (it is from an older "
            "headquarters), so headquarters' answers cannot be checked; nothing was sent. Ask "
            "headquarters for a new hq_public.key.",
            code="sync.no_signing_key",
        )
    region, cycle = region or settings.region, cycle or settings.cycle
    pin = _pin(cert or settings.hq_cert)
    return HqPlan(
        url,
        keys,
        pin,
        region,
        cycle,
        str(key_file or settings.hq_key),
        timeout,
        settings.keep_images_days,
        insecure_http,
    )


@dataclass
class SyncReport:
    """What a sync did, in the numbers both front-ends show."""

    pending_before: int
    sent: int = 0
    acknowledged: int = 0
    needs_review: int = 0
    duplicate_search_pending: int = 0  # enrollments HQ searches after answering (result: a decision later)
    pending_after: int = 0
    problems: dict[str, str] = field(default_factory=dict)
    missing: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    package: ApplySummary | None = None  # None when no region/cycle is set, or the download failed
    package_error: UserError | None = None  # why the work package was not downloaded (records were sent)
    images_dropped: int = 0


def run_sync(
    store: Store, home: Path, actor: str, plan: HqPlan, *, progress: Progress | None = None
) -> SyncReport:
    """Send the outbox, apply HQ's answers and decisions, download the work package, apply retention.

    note: the Sync screen used to skip the work-package download that ``fieldkit sync`` did, and
    ``fieldkit sync`` refused to send anything when the key file could not check packages. Both now
    send first (records leaving the laptop matter most), then download the package whenever a region
    and a cycle are set; a package that cannot be had is reported in ``package_error``, not raised.
    """
    report = SyncReport(pending_before=store.outbox.pending_count())
    result = sync_client.sync(
        store,
        url=plan.url,
        hq_public_key=plan.keys.encryption,
        hq_signing_key=signing_key(plan.keys, plan.key_source),
        actor=actor,
        timeout=plan.timeout,
        pin=plan.pin,
        insecure_http=plan.insecure_http,
        spool=home / SPOOL_DIR,
        progress=progress,
    )
    report.sent, report.acknowledged = result.sent, result.acknowledged
    report.needs_review, report.problems = result.needs_review, dict(result.problems)
    report.missing = result.missing_count
    report.duplicate_search_pending = result.duplicate_search_pending
    report.decisions = dict(result.decisions)
    report.pending_after = store.outbox.pending_count()
    if plan.region and plan.cycle:
        try:
            report.package = download_work_package(store, actor, plan, spool=home / SPOOL_DIR)
        except UserError as exc:
            report.package_error = exc
    report.images_dropped = apply_retention(store, keep_days=plan.keep_images_days, actor=actor)
    return report


def download_work_package(
    store: Store, actor: str, plan: HqPlan, *, spool: Path | None = None
) -> ApplySummary:
    """Fetch the region's changes after the ones applied here, verify them, apply them; with
    ``spool`` a download cut off is continued at the next attempt."""
    signing = signing_key(plan.keys, plan.key_source)
    client = sync_client.hq_client(
        store,
        url=plan.url,
        actor=actor,
        hq_signing_key=signing,
        timeout=plan.timeout,
        pin=plan.pin,
        insecure_http=plan.insecure_http,
    )
    return download_package(
        store,
        client,
        region=plan.region,
        cycle=plan.cycle,
        hq_signing_key=signing,
        actor=actor,
        spool=spool,
    )


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


# -- files for a USB stick ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportedBatch:
    batch_id: str
    records: int


def export_batch(
    store: Store, home: Path, actor: str, target: Path, *, key_file: str | None = None
) -> ExportedBatch:
    """Write the outbox as a sealed batch file (signed by this laptop, encrypted to headquarters)."""
    keys = hq_keys(key_file, load_config(home).sync)
    built = batch_module.build_batch(store, actor=actor, hq_public_key=keys.encryption)
    batch_module.write_batch_file(target, built)
    return ExportedBatch(str(built.manifest["batch_id"]), len(built.manifest["entries"]))


def read_package_file(home: Path, path: Path, *, store: Store, key_file: str | None = None) -> Package:
    """Open a work package file made for this laptop: decrypt with its device key, verify
    headquarters' signature (offline); foreign, unencrypted and other devices' files are refused by name."""
    settings = load_config(home).sync
    signing = signing_key(hq_keys(key_file, settings), key_file or settings.hq_key)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.", code="package.unreadable") from None
    sealed_header(data)  # note: foreign or unencrypted files are named before the store is needed
    key = stored_device_key(store)
    if key is None:
        raise UserError(
            "This laptop has no device key yet, so no package can be made for it: show its key with "
            "`fieldkit device-key` and have headquarters register it.",
            code="package.no_device_key",
        )
    return open_package(data, signing, key)


def apply_package_file(
    store: Store, home: Path, actor: str, path: Path, *, key_file: str | None = None
) -> ApplySummary:
    """Open a work package file made for this laptop and take it in (additive, idempotent)."""
    return apply_package(store, read_package_file(home, path, store=store, key_file=key_file), actor=actor)


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
