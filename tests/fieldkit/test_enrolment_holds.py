"""A held enrolment becomes usable once every case that held it is approved — by a supervisor on the
laptop or by headquarters — and never when one is rejected (``fieldkit.workflows.enrolment_holds``).

Real parts: a real SQLCipher store, real palm templates of synthetic hands, the real enrolment
duplicate search, certification and headquarters-decision code."""

from __future__ import annotations

import pytest

from fieldkit import auth
from fieldkit.sync.decisions import apply_decisions
from fieldkit.workflows.cases import decide_case, due_list
from fieldkit.workflows.enrolment_holds import cleared_enrolments, enrolled_people, releases_enrolment
from fieldkit.workflows.liveness import ATTACK_CASE
from matching.synthetic_palm import synthetic_hand
from storage.records import Case
from storage.store import Store
from tests.fieldkit.test_workflows import CARDS, CYCLE, _certify, _enroll, _in_roster, _plant_duplicate


@pytest.fixture
def held(store: Store):  # type: ignore[no-untyped-def]
    """CARDS[1] enrolled with a copy of CARDS[0]'s left palm: held as a suspected duplicate."""
    _enroll(store, CARDS[0], 60, 61)
    _in_roster(store, CARDS[1])
    outcome = _plant_duplicate(store, CARDS[1], 60, 62)
    assert outcome.status == "held" and [c.kind for c in outcome.cases] == ["suspected_duplicate"]
    return outcome


def _supervisor(store: Store):  # type: ignore[no-untyped-def]
    return auth.add_operator(
        store, login="wu", name="吴", role="supervisor", password="lead pass 12", actor="t"
    )


def _enrolled(store: Store, person_uuid: str) -> bool:
    return next(e.enrolled for e in due_list(store, cycle=CYCLE) if e.person.uuid == person_uuid)


def test_a_supervisors_approval_releases_the_hold(store: Store, held) -> None:  # type: ignore[no-untyped-def]
    waiting = _certify(store, CARDS[1], "right", synthetic_hand(62, 8))
    assert waiting.status == "not_enrolled" and held.cases[0].reference in waiting.message
    assert not _enrolled(store, held.person.uuid)
    decided = decide_case(
        store, held.cases[0].reference, approve=True, note="双胞胎，已核实", supervisor=_supervisor(store)
    )
    assert cleared_enrolments(store) == {held.enrollment.uuid} and releases_enrolment(store, decided)
    assert _enrolled(store, held.person.uuid) and held.person.uuid in enrolled_people(store)
    accepted = _certify(store, CARDS[1], "right", synthetic_hand(62, 8))
    assert accepted.status == "recorded" and accepted.decision is not None
    assert accepted.decision.outcome == "accept"


def test_a_rejected_case_keeps_the_hold(store: Store, held) -> None:  # type: ignore[no-untyped-def]
    decide_case(
        store, held.cases[0].reference, approve=False, note="同一人两个证件", supervisor=_supervisor(store)
    )
    refused = _certify(store, CARDS[1], "right", synthetic_hand(62, 8))
    assert refused.status == "not_enrolled" and "rejected" in refused.message
    assert not cleared_enrolments(store) and not _enrolled(store, held.person.uuid)


def test_headquarters_approval_releases_it_too(store: Store, held) -> None:  # type: ignore[no-untyped-def]
    decision = {
        "seq": 1,
        "kind": "review_decided",
        "subject_uuid": held.cases[0].uuid,
        "payload": {"record_type": "case", "outcome": "approved", "note": "不是同一人", "decided_by": "wang"},
    }
    assert apply_decisions(store, [decision], actor="sync")["case_decided"] == 1
    assert _certify(store, CARDS[1], "right", synthetic_hand(62, 8)).status == "recorded"


def test_every_holding_case_must_be_approved(store: Store, held) -> None:  # type: ignore[no-untyped-def]
    with store.transaction("op"):  # the same enrolment also failed a required liveness check
        attack = store.cases.open(
            Case(kind=ATTACK_CASE, person_uuid=held.person.uuid, opened_by="op",
                 details={"enrollment_uuid": held.enrollment.uuid, "reasons": ["planar"]})
        )  # fmt: skip
    lead = _supervisor(store)
    first = decide_case(store, held.cases[0].reference, approve=True, note="不是同一人", supervisor=lead)
    assert not cleared_enrolments(store) and not releases_enrolment(store, first)
    assert _certify(store, CARDS[1], "right", synthetic_hand(62, 8)).status == "not_enrolled"
    decide_case(store, attack.reference, approve=True, note="本人在场，已核实", supervisor=lead)
    assert cleared_enrolments(store) == {held.enrollment.uuid}


def _hq_duplicate_decision(enrollment_uuid: str, outcome: str, seq: int) -> dict[str, object]:
    """What a duplicate review decided at headquarters sends the laptop that made the enrolment."""
    return {
        "seq": seq,
        "kind": "review_decided",
        "subject_uuid": enrollment_uuid,
        "payload": {
            "record_type": "enrollment",
            "review_kind": "duplicate",
            "outcome": outcome,
            "note": "同一掌静脉，另一身份证" if outcome == "rejected" else "双胞胎",
            "decided_by": "wang",
            "summary": "palm matches another person",
        },
    }


def test_an_enrolment_headquarters_rejects_as_a_duplicate_is_not_used(store: Store) -> None:
    _in_roster(store, CARDS[2])
    _in_roster(store, CARDS[3])
    rejected = _enroll(store, CARDS[2], 70, 71)
    approved = _enroll(store, CARDS[3], 72, 73)
    assert rejected.status == approved.status == "complete"
    decisions = [
        _hq_duplicate_decision(rejected.enrollment.uuid, "rejected", 1),
        _hq_duplicate_decision(approved.enrollment.uuid, "approved", 2),
    ]
    assert apply_decisions(store, decisions, actor="sync")["review_recorded"] == 2
    refused = _certify(store, CARDS[2], "right", synthetic_hand(71, 8))
    assert refused.status == "not_enrolled" and "rejected on review (case " in refused.message
    assert not _enrolled(store, rejected.person.uuid) and _enrolled(store, approved.person.uuid)
    assert _certify(store, CARDS[3], "right", synthetic_hand(73, 8)).status == "recorded"
