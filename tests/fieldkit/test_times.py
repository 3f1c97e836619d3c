"""One way to show stored (UTC) times: local time, the zone named where a time leaves the machine."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from fieldkit.times import display_date, display_time, zone_name


@pytest.fixture
def in_china(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.skipif(
    not hasattr(time, "tzset") or not os.path.exists("/usr/share/zoneinfo/Asia/Shanghai"),
    reason="needs tzset and the zone database",
)
def test_stored_utc_is_shown_local_with_the_zone_named(in_china: None) -> None:
    # note: the old ``[:16]`` slice showed "2026-11-28 13:50" — eight hours early in China
    assert display_time("2026-11-28T13:50:05.123456Z") == "2026-11-28 21:50"
    assert display_time("2026-11-28T13:50:05.123456Z", zone=True) == "2026-11-28 21:50 (UTC+08:00)"
    assert display_date("2026-11-28T17:30:00Z") == "2026-11-29"  # after midnight in Beijing
    assert zone_name(dt.datetime(2026, 1, 1).astimezone()) == "UTC+08:00"


def test_empty_and_unreadable_times_are_shown_as_they_are() -> None:
    assert display_time(None) == "" and display_time("") == ""
    assert display_time("yesterday") == "yesterday"
    assert display_date("2026-11-28 garbage") == "2026-11-28 garbage"[:10]
