"""Enter always means "next / the safe thing": a walk through the whole enrolment wizard pressing
Enter on whatever has focus (twice at each step, as an impatient clerk does) never discards."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import CLERK, CLERK_PASSWORD, unlock, wait_idle

STROKE = [(0.1, 0.6), (0.3, 0.3), (0.5, 0.7), (0.8, 0.4)]


def _enter(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused is not wizard.restart_button, "Enter would press Start over"
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()), (
        "Enter opened a question"
    )


def _at(wizard, key: str) -> bool:  # type: ignore[no-untyped-def]
    return wizard.current_step().key == key


def test_an_enter_walk_through_the_wizard_never_discards(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("enrol")
    wizard = window.enrol
    card_input = wizard.step("card").input
    card_input.number.setText("12345")
    card_input.use_button.click()
    assert card_input.message.text()  # a bad number is refused with a message ...
    qtbot.keyClicks(card_input.number, "6")
    assert card_input.message.text() == ""  # ... that goes as soon as the clerk corrects it
    card_input.number.clear()
    card_input.read_button.setFocus()
    assert wizard.restart_button.focusPolicy() == Qt.FocusPolicy.ClickFocus
    assert not wizard.restart_button.autoDefault() and not wizard.restart_button.isDefault()
    _enter(qtbot, wizard)  # reads the card from the (replay) reader
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    wait_idle(qtbot, app.tasks)
    qtbot.waitUntil(lambda: wizard.step("match").next_button.isEnabled(), timeout=10_000)
    card = wizard.draft.card
    _enter(qtbot, wizard)
    assert _at(wizard, "face")
    _enter(qtbot, wizard)  # the camera is still looking: Enter does nothing
    assert _at(wizard, "face") and wizard.draft.card is card
    wizard.step("face").skip_button.click()  # the replay camera shows rooms: a deliberate skip
    for hand in ("left", "right"):
        assert _at(wizard, hand)
        _enter(qtbot, wizard)  # while capturing: nothing happens
        step = wizard.step(hand)
        qtbot.waitUntil(lambda step=step: step.next_button.isEnabled(), timeout=20_000)
        assert len(wizard.draft.hands[hand].captures) == 3
        _enter(qtbot, wizard)
    assert _at(wizard, "duplicates")
    qtbot.waitUntil(lambda: wizard.step("duplicates").next_button.isEnabled(), timeout=10_000)
    assert "本机" in wizard.step("duplicates").result.text()  # says it covered this laptop only
    assert QApplication.focusWidget() is wizard.step("duplicates").next_button
    _enter(qtbot, wizard)
    assert _at(wizard, "review")
    review = wizard.step("review")
    assert QApplication.focusWidget() is review.save_button  # not the red Start over (the reported bug)
    _enter(qtbot, wizard)  # nothing signed: refused with a message, still here, nothing lost
    assert _at(wizard, "review") and wizard.draft.outcome is None
    assert all(len(wizard.draft.hands[h].captures) == 3 for h in ("left", "right"))
    assert wizard.draft.card is card
    assert review.message.text() and review.message.property("role") == "error"
    review.retiree_pad.add_stroke(STROKE)
    assert review.message.text() == ""  # the fixed mistake's message goes at once
    review.operator_pad.add_stroke(STROKE)
    review.save_button.setFocus()
    _enter(qtbot, wizard)
    qtbot.waitUntil(lambda: _at(wizard, "receipt"), timeout=20_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)
    assert wizard.draft.outcome is not None and wizard.draft.outcome.status == "complete"


def test_start_over_asks_with_no_as_the_default(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("enrol")
    wizard = window.enrol
    wizard.step("card").input.read_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    wizard.restart_button.click()
    box = wizard.restart_question
    assert box.isVisible() and box.defaultButton() is box.escapeButton()
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)  # Enter = No: the draft stays
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert _at(wizard, "match") and wizard.draft.card is not None
    wizard.restart_button.click()
    box = wizard.restart_question
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    yes.click()  # a deliberate click on "Yes, throw it away"
    qtbot.waitUntil(lambda: _at(wizard, "card"), timeout=5_000)
    assert wizard.draft.card is None
