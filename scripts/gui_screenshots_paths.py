"""The screens of issue 17 for ``scripts/gui_screenshots.py``: the ways on after "not matched", the
field paths (home visit, delegated, no card), the print preview, Start over's question, operators,
and the settings in plain words. Driven like a clerk would; imported by the main script (which
owns the X server, the data and the window), so both stay short.
"""

from __future__ import annotations

from typing import Any


def not_matched_and_case(shooter: Any, window: Any, tasks: Any, row: list[str], tag: str = "") -> None:
    """A palm that does not match: the ways on, then a case sent to a supervisor."""
    certify = window.certify
    window.start_certification(row[0], row[1])
    certify.input.use_typed()
    shooter.wait(lambda: certify.banner.outcome != "", 30, "not matched")
    shooter.wait(lambda: tasks.pending == 0, 30, "idle")
    shooter.shot(window, f"{tag}certify-not-matched-ways-on")
    for _ in range(3):  # "close, try again" until the policy's last attempt: then a case is offered
        if certify.followup.case_button.isVisible() or not certify.followup.retry_button.isVisible():
            break
        before = certify.attempt
        certify.followup.retry_button.click()
        shooter.wait(lambda b=before: certify.attempt > b and certify.banner.outcome != "", 30, "retry")
        shooter.wait(lambda: tasks.pending == 0, 30, "idle")
    if certify.followup.case_button.isVisible():
        certify.open_case()
        shooter.wait(lambda: certify.case_reference is not None, 20, "case")
        shooter.shot(window, f"{tag}certify-case-opened")
    certify.reset()


def field_paths(shooter: Any, window: Any, tasks: Any, tag: str = "") -> None:
    """The certification screen's forms for a home visit, a delegated office and a person without a card."""
    window.show_screen("certify")
    certify = window.certify
    certify.reset()
    paths = certify.paths
    paths.mode.setCurrentIndex(paths.mode.findData("home_visit"))
    paths.witness.setText("李四")
    paths.relation.setCurrentIndex(1)
    paths.take_photo()
    shooter.wait(lambda: paths.photo is not None, 20, "visit photo")
    paths.place.setText("邯郸市丛台区光明南大街 88 号 3 单元 502")
    shooter.shot(window, f"{tag}certify-home-visit")
    paths.mode.setCurrentIndex(paths.mode.findData("delegated"))
    paths.office.setText("天津市河西区社保所")
    paths.documents["retirement_certificate"].setChecked(True)
    paths.documents["id_card"].setChecked(True)
    shooter.shot(window, f"{tag}certify-delegated")
    paths.mode.setCurrentIndex(paths.mode.findData("office"))
    paths.no_card.setChecked(True)
    paths.reference.setText("邯人社审〔2026〕17号")
    paths.approver.setText("赵局长")
    shooter.shot(window, f"{tag}certify-no-card")
    certify.reset()


def print_preview(shooter: Any, window: Any, tasks: Any, tag: str = "") -> None:
    """The receipt panel on an 80 mm roll, then Qt's print preview of the whole page."""
    window.show_screen("receipts")
    receipts = window.screens["receipts"]
    shooter.wait(lambda: receipts.table.rowCount() > 0, 20, "receipts")
    receipts.table.selectRow(0)
    panel = receipts.panel
    shooter.wait(lambda: panel.view is not None, 20, "receipt")
    shooter.wait(lambda: tasks.pending == 0, 30, "idle")
    panel.paper.setCurrentIndex(panel.paper.findData("roll80"))
    panel.preview()
    shooter.wait(lambda: panel.preview_dialog is not None and panel.preview_dialog.isVisible(), 30, "preview")
    shooter.pause(1.0)
    shooter.shot(panel.preview_dialog, f"{tag}receipt-print-preview-roll80")
    panel.preview_dialog.reject()
    panel.paper.setCurrentIndex(panel.paper.findData("a4"))


def start_over_question(shooter: Any, window: Any, tag: str = "") -> None:
    """Start over during an enrolment: the question, with No as the default."""
    window.show_screen("enrol")
    wizard = window.enrol
    if not wizard.draft.in_progress:
        return
    wizard.ask_restart()
    shooter.pause(0.5)
    shooter.shot(wizard.restart_question, f"{tag}enrol-start-over-question")
    wizard.restart_question.reject()


def settings_pages(shooter: Any, window: Any, session: Any, tag: str = "") -> None:
    """Operators (a supervisor is logged in) and the policy in plain words with its Advanced part."""
    window.show_screen("settings")
    settings = window.screens["settings"]
    settings.tabs.setCurrentIndex(3)
    shooter.wait(lambda: len(settings.operators.rows) > 0, 20, "operators")
    shooter.shot(window, f"{tag}settings-operators")
    settings.tabs.setCurrentIndex(2)
    settings.advanced_toggle.setChecked(session.is_supervisor)
    shooter.shot(window, f"{tag}settings-policy-plain")
    settings.advanced_toggle.setChecked(False)
    settings.tabs.setCurrentIndex(0)
