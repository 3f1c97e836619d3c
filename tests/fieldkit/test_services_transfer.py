"""The transfer use cases both front-ends call (fieldkit.services.transfer), and the behaviour that
won where the CLI's and the GUI's copies used to disagree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.config import load_config, save_config
from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.services.transfer import apply_package_file, plan_sync, run_sync
from fieldkit.wire.keys import PUBLIC_FILE
from storage.store import Store
from tests.fieldkit.hq_helpers import add_people, register
from tests.fieldkit.test_packages import CYCLE, REGION, _roster
from tests.http_server import serve


@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from serve(create_app(hq_home))


def _home(tmp_path: Path, *, url: str, key: Path, region: str = REGION, cycle: int = CYCLE) -> Path:
    home = tmp_path / "laptop"
    home.mkdir()
    config = load_config(home)
    config.sync.hq_url, config.sync.hq_key = url, str(key)
    config.sync.region, config.sync.cycle = region, cycle
    save_config(home, config)
    return home


def test_sync_downloads_the_work_package_for_every_front_end(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    # note: the Sync screen used to send the outbox only; ``fieldkit sync`` also took the package
    _roster(hq_home, tmp_path)
    register(store, hq_home)
    add_people(store, "130402195306151228")
    home = _home(tmp_path, url=hq_url, key=hq_home / PUBLIC_FILE)
    report = run_sync(store, home, "op", plan_sync(home))
    assert report.pending_before == 1 and report.pending_after == 0
    assert report.package is not None and report.package.people_added == 4
    assert report.package_error is None


def test_a_key_file_that_cannot_check_packages_does_not_stop_the_records(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    # note: ``fieldkit sync`` used to refuse to send anything here; records leaving the laptop win
    register(store, hq_home)
    add_people(store, "130402195306151228")
    old_key = tmp_path / "old_hq_public.key"
    old_key.write_text((hq_home / PUBLIC_FILE).read_text().splitlines()[0] + "\n")
    home = _home(tmp_path, url=hq_url, key=old_key)
    report = run_sync(store, home, "op", plan_sync(home))
    assert report.pending_after == 0 and report.package is None
    assert report.package_error is not None and report.package_error.code == "package.no_signing_key"


def test_cli_sync_reports_the_missing_package_after_sending(
    store: Store,
    hq_home: Path,
    hq_url: str,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    register(store, hq_home)
    add_people(store, "130402195306151228")
    old_key = tmp_path / "old_hq_public.key"
    old_key.write_text((hq_home / PUBLIC_FILE).read_text().splitlines()[0] + "\n")
    store.close()  # the CLI opens the store itself
    result = cli("sync", "--hq", hq_url, "--hq-key", str(old_key), "--region", REGION, "--cycle", str(CYCLE))
    assert result.code == 1
    assert "Sent 1 records" in result.out
    assert "work package not downloaded" in result.err and "package-signing key" in result.err


def test_package_file_refusals_are_the_same_for_both_front_ends(tmp_path: Path, hq_home: Path) -> None:
    package = tmp_path / "region.fkpkg"
    package.write_bytes(b"whatever")
    nothing = tmp_path / "empty"
    nothing.mkdir()
    with pytest.raises(UserError) as no_key:
        apply_package_file(None, nothing, "op", package)  # type: ignore[arg-type]
    assert no_key.value.code == "sync.no_hq_key"
    old_key = tmp_path / "old_hq_public.key"
    old_key.write_text((hq_home / PUBLIC_FILE).read_text().splitlines()[0] + "\n")
    with pytest.raises(UserError) as old:
        apply_package_file(None, nothing, "op", package, key_file=str(old_key))  # type: ignore[arg-type]
    assert old.value.code == "package.no_signing_key"
    with pytest.raises(UserError) as damaged:
        apply_package_file(  # type: ignore[arg-type]
            None, nothing, "op", package, key_file=str(hq_home / PUBLIC_FILE)
        )
    assert damaged.value.code == "package.foreign"
