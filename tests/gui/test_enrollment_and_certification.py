"""A full enrolment and a certification driven through the real screens with replay devices."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication

from fieldkit.errors import UserError
from fieldkit.gui.errors import describe
from fieldkit.paths import store_path
from storage.store import Store
from tests.gui.conftest import (
    CLERK,
    CLERK_PASSWORD,
    GUI_PASSPHRASE,
    PALM_IDENTITY,
    ROWS,
    enrol_directly,
    unlock,
    wait_idle,
    write_palm_folder,
)

STROKE = [(0.1, 0.6), (0.3, 0.3), (0.5, 0.7), (0.8, 0.4)]


def _at(wizard, key: str) -> bool:  # type: ignore[no-untyped-def]
    return wizard.current_step().key == key


def enrol_first_person(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    """Card from the replay reader → roster → skip face → both palms → duplicates → sign → save."""
    window = app.window
    window.show_screen("enrol")
    wizard = window.enrol
    assert _at(wizard, "card")
    wizard.step("card").input.read_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    match = wizard.step("match")
    assert match.next_button.isEnabled() and not match.notes.text()  # in the roster, details agree
    match.next_button.click()
    assert _at(wizard, "face")
    wizard.step("face").skip_button.click()  # the replay kit's camera shows rooms, not faces
    for hand in ("left", "right"):
        assert _at(wizard, hand)
        step = wizard.step(hand)
        qtbot.waitUntil(lambda step=step: step.next_button.isEnabled(), timeout=20_000)
        assert len(wizard.draft.hands[hand].captures) == 3
        assert step.preview.quality.value() > 0  # the live preview showed the quality bar
        step.next_button.click()
    assert _at(wizard, "duplicates")
    duplicates = wizard.step("duplicates")
    qtbot.waitUntil(lambda: duplicates.next_button.isEnabled(), timeout=10_000)
    assert wizard.draft.duplicates == []
    duplicates.next_button.click()
    review = wizard.step("review")
    review.save_button.click()  # both pads are empty: refused, nothing saved, still on this step
    assert review.message.text() == QCoreApplication.translate(
        "Enrolment", "Both signatures are needed (or tick: cannot sign)."
    )
    assert _at(wizard, "review") and wizard.draft.outcome is None
    review.retiree_pad.add_stroke(STROKE)
    review.operator_pad.add_stroke(STROKE)
    review.save_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "receipt"), timeout=20_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)


def test_full_enrolment_through_the_wizard(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    enrol_first_person(qtbot, app)
    wizard = app.window.enrol
    outcome = wizard.draft.outcome
    assert outcome is not None and outcome.status == "complete" and not outcome.cases
    panel = wizard.step("receipt").panel
    qtbot.waitUntil(lambda: panel.view is not None, timeout=10_000)
    assert panel.view.number == outcome.receipt.number
    assert panel.view.genuine
    wait_idle(qtbot, app.tasks, timeout=20_000)
    # the page as printed (receipt documents drawn by PDFium), with nothing left to explain
    assert panel.page is not None and not panel.page.isNull() and panel.notice.text() == ""
    wizard.step("receipt").next_person.click()
    assert _at(wizard, "card") and wizard.draft.card is None
    app.session.store.close()
    app.session.store = None
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        person = store.people.find_by_id_number(ROWS[0][0])
        enrollments = store.enrollments.for_person(person.uuid)
        assert [e.status for e in enrollments] == ["complete"]
        palms = [s for s in enrollments[0].samples if s.modality == "palm"]
        assert len(palms) == 6 and enrollments[0].operator_uuid == store.operators.find_by_login(CLERK).uuid
        kinds = {a.kind for a in store.attachments.for_record(enrollments[0].uuid)}
        assert {"retiree_signature", "operator_signature"} <= kinds


def test_certification_after_enrolment(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_certification(ROWS[0][0], ROWS[0][1])  # as from the Today list: details typed in
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    outcome = decided[0]
    assert outcome.decision.outcome == "accept", outcome.decision.reason
    assert screen.banner.isVisible() and screen.banner.outcome == "accept"
    assert outcome.receipt is not None and screen.receipt_button.isVisible()
    wait_idle(qtbot, app.tasks)
    # the same person again: already certified this cycle, said with the date; nothing recorded twice
    decided.clear()
    screen.reset()
    screen.input.prefill(ROWS[0][0], ROWS[0][1])
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: screen.banner.outcome == "already_certified", timeout=10_000)
    # someone who is not enrolled is told so, with the way to enrol them
    screen.reset()
    screen.input.prefill(ROWS[1][0], ROWS[1][1])
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: screen.banner.outcome == "not_enrolled", timeout=10_000)
    assert screen.enrol_button.isVisible()
    screen.enrol_button.click()
    assert window.current == "enrol" and window.enrol.step("card").input.number.text() == ROWS[1][0]


def test_a_palm_already_enrolled_under_another_id_is_held(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[5])  # the replay scanner's palm, under someone else's ID number
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_enrolment(ROWS[0][0], ROWS[0][1])
    wizard = window.enrol
    wizard.step("card").input.use_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    wizard.step("match").next_button.click()
    wizard.step("face").skip_button.click()
    left = wizard.step("left")
    qtbot.waitUntil(lambda: left.next_button.isEnabled(), timeout=20_000)
    left.next_button.click()
    right = wizard.step("right")
    right.cannot_button.click()  # the right hand is bandaged: recorded with its reason, not captured
    duplicates = wizard.step("duplicates")
    qtbot.waitUntil(lambda: duplicates.next_button.isEnabled(), timeout=10_000)
    assert wizard.draft.duplicates and duplicates.result.property("role") == "warning"
    duplicates.next_button.click()
    review = wizard.step("review")
    review.cannot_sign.setChecked(True)
    review.operator_pad.add_stroke(STROKE)
    review.save_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "receipt"), timeout=20_000)
    outcome = wizard.draft.outcome
    assert outcome.status == "held"
    assert {case.kind for case in outcome.cases} == {"capture_failure", "suspected_duplicate"}
    wait_idle(qtbot, app.tasks, timeout=20_000)
    from fieldkit.workflows.receipt_documents import receipt_data

    number = outcome.receipt.number
    printed = app.tasks.store(lambda: receipt_data(app.session.store, number))
    qtbot.waitUntil(printed.done, timeout=10_000)
    assert any(row[2] == "无法签名" for row in printed.result().extra)  # the tick reaches the signed page
    # certifying the held person: the clerk is told which case a supervisor must decide, not to enrol
    held_case = next(c.reference for c in outcome.cases if c.kind == "suspected_duplicate")
    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: screen.banner.outcome == "enrolment_held", timeout=10_000)
    assert held_case in screen.banner.reason.text() and not screen.enrol_button.isVisible()


def test_an_unplugged_scanner_loses_no_sample(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    toml = gui_home / "fieldkit.toml"
    text = toml.read_text(encoding="utf-8")
    # one frame, then the replay ends exactly like an unplugged scanner
    write_palm_folder(gui_home / "palms", PALM_IDENTITY, count=1)
    toml.write_text(text.replace("fps = 25", "fps = 25\nloop = false"), encoding="utf-8")
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_enrolment(ROWS[0][0], ROWS[0][1])
    wizard = window.enrol
    wizard.step("card").input.use_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    wizard.step("match").next_button.click()
    wizard.step("face").skip_button.click()
    left = wizard.step("left")
    unplugged = describe(UserError("", code="device.unplugged")).text
    qtbot.waitUntil(lambda: unplugged in left.message.text() and not left.running, timeout=20_000)
    kept = list(wizard.draft.samples["left"])
    assert len(kept) == 1
    write_palm_folder(gui_home / "palms", PALM_IDENTITY)
    toml.write_text(text, encoding="utf-8")  # plugged back in
    left.retake_button.click()
    qtbot.waitUntil(lambda: left.next_button.isEnabled(), timeout=20_000)
    assert wizard.draft.samples["left"][0] is kept[0]  # the sample taken before the unplug was kept
    assert len(wizard.draft.hands["left"].captures) == 3
