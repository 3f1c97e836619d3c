"""A certification that does not pass is never a dead end: retry, the other hand, then a case."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication

from fieldkit.paths import store_path
from storage.store import Store
from tests.gui.conftest import (
    CLERK,
    CLERK_PASSWORD,
    CYCLE,
    GUI_PASSPHRASE,
    ROWS,
    enrol_directly,
    unlock,
    wait_idle,
    write_palm_folder,
)

STRANGER = 611  # a synthetic hand that is not the enrolled person's


def test_not_matched_offers_retry_other_hand_and_a_case(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])
    write_palm_folder(gui_home / "palms", STRANGER)  # the scanner now sees someone else's palm
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=20_000)
    first = decided[0]
    assert first.decision.outcome == "reject", first.decision.reason
    # the message names only what was compared: a palm, no face (none is enrolled)
    assert screen.banner.reason.text() == QCoreApplication.translate(
        "Certify", "The palm does not match this person's enrolment."
    )
    bar = screen.followup
    assert bar.offering and bar.retry_button.isVisible() and bar.case_button.isVisible()
    assert bar.other_hand_button.isVisible() and not bar.face_button.isVisible()
    assert bar.retry_button.hasFocus() and bar.retry_button.isDefault()  # Enter = try again
    assert screen.hand.currentData() == "right"

    bar.retry_button.click()  # attempt 2, same hand
    qtbot.waitUntil(lambda: len(decided) == 2, timeout=20_000)
    assert decided[1].certification.evidence["attempt"] == 2
    bar.other_hand_button.click()  # attempt 3 with the left palm
    assert screen.hand.currentData() == "left"
    qtbot.waitUntil(lambda: len(decided) == 3, timeout=20_000)
    third = decided[2]
    assert third.certification.evidence["attempt"] == 3 and "palm_left" in third.certification.scores
    assert bar.offering and bar.case_button.isVisible()
    wait_idle(qtbot, app.tasks)

    bar.case_button.click()
    qtbot.waitUntil(lambda: screen.case_reference is not None, timeout=10_000)
    wait_idle(qtbot, app.tasks)
    assert not bar.case_button.isEnabled()  # one case, not one per click
    assert screen.case_reference in bar.guidance.text()
    assert screen.next_button.hasFocus()

    screen.next_button.click()  # the next person starts clean: no result, no stale message
    assert not bar.offering and not bar.retry_button.isVisible() and not screen.banner.isVisible()
    assert screen.case_reference is None

    app.session.store.close()
    app.session.store = None
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        person = store.people.find_by_id_number(ROWS[0][0])
        cases = [c for c in store.cases.list() if c.kind == "certification_review"]
        assert len(cases) == 1 and cases[0].person_uuid == person.uuid
        details = cases[0].details
        assert details["attempts"] == 3 and details["last_result"] == "reject"
        assert details["certification_uuid"] == third.certification.uuid
        assert details["tried"] == ["palm_left", "palm_right"]
        assert details["reason"] == "decision.no_match"
        assert len(store.certifications.for_person(person.uuid, cycle=CYCLE)) == 3
