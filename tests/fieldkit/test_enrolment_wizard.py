"""The enrolment wizard's state without a window (fieldkit.services.enrolment_wizard): the step map,
the navigation rules the screen follows, and the one save the GUI and ``fieldkit enroll`` share."""

from __future__ import annotations

import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.errors import UserError
from fieldkit.services.enrolment_wizard import STEPS, EnrolmentWizard
from fieldkit.services.visit import check_for_enrolment
from matching.synthetic_palm import synthetic_hand
from storage.store import Store

CYCLE = 2026
CARD = synthetic_cards(1, seed=31)[0]


def test_the_step_map_and_its_navigation_rules() -> None:
    wizard = EnrolmentWizard()
    assert wizard.current == "card" and not wizard.can_go_back
    assert wizard.back() == "card"  # nothing before the card
    assert wizard.missing("match") == ["card"] and wizard.missing("review") == ["card", "check", "duplicates"]
    assert [wizard.next() for _ in STEPS[1:]] == list(STEPS[1:])
    assert wizard.next() == "receipt" and not wizard.can_go_back  # the saved receipt is final
    wizard.go(STEPS.index("review"))
    assert wizard.can_go_back and wizard.back() == "duplicates"
    with pytest.raises(ValueError):
        wizard.go(len(STEPS))
    wizard.draft.card = CARD
    assert wizard.draft.in_progress
    wizard.restart()
    assert wizard.current == "card" and not wizard.draft.in_progress


def test_a_scripted_walk_saves_once_and_the_draft_keeps_the_outcome(store: Store) -> None:
    wizard = EnrolmentWizard()
    with pytest.raises(UserError) as no_card:
        wizard.save(store, actor="op", device="sim", place="丛台区", cycle=CYCLE)
    assert no_card.value.code == "enroll.no_card"
    draft = wizard.draft
    draft.card = CARD
    wizard.next()
    draft.check = check_for_enrolment(store, CARD, cycle=CYCLE)
    assert not draft.check.already_enrolled and wizard.missing("face") == []
    draft.face_skipped = True
    draft.samples = {"left": [synthetic_hand(7, i) for i in range(3)], "right": [synthetic_hand(8, 0)]}
    draft.failures = {"right": "injury"}  # the right hand's stray sample does not count
    assert set(draft.palm_images()) == {"left"}
    draft.duplicates = []
    outcome, problem = wizard.save(store, actor="op", device="sim", place="丛台区", cycle=CYCLE)
    assert outcome.status == "complete" and problem == "" and draft.outcome is None  # not yet recorded
    wizard.record(outcome, problem)
    assert draft.outcome is outcome and not draft.in_progress
    assert check_for_enrolment(store, CARD, cycle=CYCLE).already_enrolled
