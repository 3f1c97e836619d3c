"""The transfer use cases both front-ends call (fieldkit.services.transfer), and the behaviour that
won where the CLI's and the GUI's copies used to disagree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.config import load_config, save_config
from fieldkit.errors import UserError
from fieldkit.hq.server import create_app
from fieldkit.services.transfer import HqSettings, apply_package_file, plan_sync, run_sync, write_hq
from fieldkit.sync.hq_url import check_hq_url
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
    register(store, hq_home, regions=(REGION,))
    add_people(store, "130402195306151228")
    home = _home(tmp_path, url=hq_url, key=hq_home / PUBLIC_FILE)
    report = run_sync(store, home, "op", plan_sync(home))
    assert report.pending_before == 1 and report.pending_after == 0
    assert report.package is not None and report.package.people_added == 4
    assert report.package_error is None


def test_a_key_file_that_cannot_check_answers_sends_nothing(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    # note: before answers were signed, records went out with such a file; now nothing HQ answers
    # could be checked, so nothing is sent (and nothing acknowledged) until the file is replaced
    register(store, hq_home)
    add_people(store, "130402195306151228")
    old_key = tmp_path / "old_hq_public.key"
    old_key.write_text((hq_home / PUBLIC_FILE).read_text().splitlines()[0] + "\n")
    home = _home(tmp_path, url=hq_url, key=old_key)
    with pytest.raises(UserError) as refused:
        plan_sync(home)
    assert refused.value.code == "sync.no_signing_key" and store.outbox.pending_count() == 1


def test_cli_sync_refuses_a_key_file_without_signing_key(
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
    assert result.code == 1 and "Sent" not in result.out
    assert "answers cannot be checked" in result.err and "nothing was sent" in result.err


def test_plain_http_to_another_host_is_refused_unless_allowed(
    store: Store,
    hq_home: Path,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    far = "http://192.0.2.10:8600"  # TEST-NET-1: never reached, the refusal comes first
    home = _home(tmp_path, url=far, key=hq_home / PUBLIC_FILE)
    with pytest.raises(UserError) as refused:
        plan_sync(home)
    assert refused.value.code == "sync.insecure_http" and "--insecure-http" in refused.value.message
    assert plan_sync(home, insecure_http=True).url == far  # a closed LAN, said so by the operator
    with pytest.raises(UserError) as saving:  # the Sync screen's settings are checked when saved
        write_hq(home, HqSettings("http://192.0.2.11:8600", str(hq_home / PUBLIC_FILE)))
    assert saving.value.code == "sync.insecure_http" and load_config(home).sync.hq_url == far
    config = load_config(home)
    config.sync.insecure_http = True  # the GUI's way: the supervisor's setting in [sync]
    save_config(home, config)
    assert load_config(home).sync.insecure_http and plan_sync(home).insecure_http
    assert plan_sync(tmp_path / "laptop", url="https://hq.example:8600").url.startswith("https://")
    for loopback in ("http://127.0.0.1:8600", "http://localhost:8600", "http://[::1]:8600"):
        assert check_hq_url(loopback) == loopback
    for bad in ("ftp://hq.example", "hq.example:8600", "http://"):
        with pytest.raises(UserError):
            check_hq_url(bad)
    store.close()
    key = str(hq_home / PUBLIC_FILE)
    for argv in (
        ("sync", "--hq", far, "--hq-key", key),
        ("package", "download", "--hq", far, "--hq-key", key, "--region", REGION, "--cycle", str(CYCLE)),
    ):
        result = cli(*argv)
        assert result.code == 1 and "Refusing plain http://" in result.err and "Traceback" not in result.err


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
