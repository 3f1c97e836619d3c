"""The Qt-free helpers the screens call (fieldkit.services.overview and .setup), tested without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.config import load_config
from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.errors import UserError
from fieldkit.paths import store_path
from fieldkit.services.overview import outbox_summary, today_view
from fieldkit.services.setup import FirstStart, first_start, passphrase_strength
from fieldkit.workflows.roster_import import import_roster
from storage.records import Person
from storage.store import Store

CYCLE = 2026
ROWS = list(people_rows(6, seed=5))


def _roster(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_csv(ROWS))
    import_roster(store, path, cycle=CYCLE, region="130400", actor="op")


def test_today_view_searches_by_id_prefix_or_name_and_filters(store: Store, tmp_path: Path) -> None:
    _roster(store, tmp_path)
    everyone = today_view(store, cycle=CYCLE)
    assert len(everyone.rows) == 6 and everyone.pending == 6 and everyone.done == 0
    number, name = ROWS[0][0], ROWS[0][1]
    assert [r.id_number for r in today_view(store, cycle=CYCLE, query=number[:17]).rows] == [number]
    assert number in {r.id_number for r in today_view(store, cycle=CYCLE, query=name[1:]).rows}
    district = everyone.districts[0]
    in_district = today_view(store, cycle=CYCLE, district=district)
    assert in_district.rows and all(r.district == district for r in in_district.rows)
    assert in_district.pending == len(in_district.rows)  # counters follow the filters, not the search
    assert outbox_summary(store) == {}  # the roster came from headquarters: nothing travels back
    with store.transaction("op"):
        store.people.add(Person(id_number="130402195306151228", name="测试"))
    assert outbox_summary(store) == {"person": 1}


def test_passphrase_meter_rewards_length_and_variety() -> None:
    assert passphrase_strength("") == 0
    assert passphrase_strength("aaaaaaaaaaaaaaaaaaaa") <= 1  # long but one letter
    assert passphrase_strength("short1") < passphrase_strength("correct horse battery staple 7")
    assert passphrase_strength("老张的 passphrase 2026!") == 4


def test_first_start_makes_a_supervisor_and_leaves_nothing_when_it_fails(tmp_path: Path) -> None:
    home = tmp_path / "laptop"
    form = FirstStart("a long passphrase", "lead", "组长", "lead-password", team="三组", region="130400")
    with pytest.raises(UserError) as weak:
        first_start(home, FirstStart("too short", "lead", "组长", "lead-password"))
    assert weak.value.code == "store.weak_passphrase" and not store_path(home).exists()
    with pytest.raises(UserError):
        first_start(home, FirstStart("a long passphrase", "lead", "组长", "x"))  # password too weak
    assert not store_path(home).exists()  # note: the half-made store was removed again
    store, operator = first_start(home, form)
    try:
        assert operator.role == "supervisor"
        config = load_config(home)
        assert (config.team, config.sync.region) == ("三组", "130400")
    finally:
        store.close()
