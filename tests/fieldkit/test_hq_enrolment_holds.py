"""A held enrolment reaches other laptops' work packages once every case that held it is approved
on its laptop — and never while one is open or rejected (SQLite and PostgreSQL, real intake, real
package building and opening)."""

from __future__ import annotations

from pathlib import Path

from fieldkit import auth
from fieldkit.hq.enrolment_holds import HOLDING_CASE_KINDS
from fieldkit.hq.schema import SCHEMA_VERSION
from fieldkit.hq.store import HqStore
from fieldkit.workflows.cases import decide_case
from fieldkit.workflows.enrolment_holds import HOLDING_CASES
from storage.store import Store
from tests.fieldkit.test_packages import (
    CARDS,
    _enroll,
    _hq_public,
    _package,
    _register,
    _roster,
    _send,
    read_package,
    store_b,
)

assert store_b  # note: the fixture, imported for pytest


def test_headquarters_and_the_laptop_agree_on_what_holds_an_enrolment() -> None:
    assert set(HOLDING_CASE_KINDS) == set(HOLDING_CASES)


def _shipped(hq_home: Path, laptop: Store, since: int = 0) -> tuple[list[str], int]:
    package = read_package(_package(hq_home, laptop, since=since), _hq_public(hq_home), laptop)
    return sorted(number for number, _ in package.enrollments), package.change_seq


def test_a_released_enrolment_is_shipped_and_a_rejected_one_is_not(
    store: Store, store_b: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    _register(store, hq_home, "team A")
    _enroll(store, CARDS[0], 11, 12)
    twin = _enroll(store, CARDS[1], 11, 14)  # the same left palm: held as a suspected duplicate
    copy = _enroll(store, CARDS[2], 11, 16)  # and again, for a case that will be rejected
    assert twin.status == copy.status == "held"
    _send(store, hq_home)
    shipped, seen = _shipped(hq_home, store_b)
    assert shipped == [CARDS[0].id_number]  # held ones stay home
    lead = auth.add_operator(
        store, login="wu", name="吴", role="supervisor", password="lead pass 12", actor="t"
    )
    for case in twin.cases:
        decide_case(store, case.reference, approve=True, note="双胞胎，已核对", supervisor=lead)
    for case in copy.cases:
        decide_case(store, case.reference, approve=False, note="同一人两个证件", supervisor=lead)
    _send(store, hq_home)  # the decided cases travel as their next versions
    delta, _ = _shipped(hq_home, store_b, since=seen)
    assert delta == [CARDS[1].id_number]
    everything, _ = _shipped(hq_home, store_b)
    assert everything == sorted([CARDS[0].id_number, CARDS[1].id_number])
    # a headquarters upgraded from schema 9 reads the cases it already holds back once
    with HqStore.open(hq_home) as hq:
        hq.db.execute(
            "UPDATE package_enrollments SET status = 'held' WHERE enrollment_uuid = ?",
            (twin.enrollment.uuid,),
        )
        hq.db.execute("DROP TABLE enrolment_hold_cases")
        hq.db.execute("UPDATE hq_meta SET value = '9' WHERE key = 'schema_version'")
    with HqStore.open(hq_home) as hq:  # migrates: step 10, and the cases read back
        assert hq.meta("schema_version") == str(SCHEMA_VERSION)
        held = hq.db.scalar("SELECT count(*) FROM enrolment_hold_cases WHERE status = 'approved'")
    assert held == sum(c.kind == "suspected_duplicate" for c in twin.cases) == 1
    assert _shipped(hq_home, store_b)[0] == sorted([CARDS[0].id_number, CARDS[1].id_number])
