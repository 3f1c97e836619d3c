"""Certification in the desktop app runs the face liveness challenge the policy requires.

The face camera is the replay kit's ``replay-face`` driver (a drawn synthetic face, no real person)
acting out the prompts: a "live" script turns its head in depth, a "spoof" script is the same
drawing on a flat sheet turned towards the prompts, a "still" script never moves.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fieldkit import auth
from fieldkit.config import load_config, save_config
from fieldkit.devices.settings import DeviceSetting
from fieldkit.paths import store_path
from fieldkit.workflows.liveness import LivenessPolicy
from fieldkit.workflows.stored_policy import read_policy, write_policy
from matching.liveness.challenge import Timing
from storage.store import Store
from tests.gui.conftest import (
    CLERK,
    CLERK_PASSWORD,
    GUI_PASSPHRASE,
    LEAD,
    LEAD_PASSWORD,
    ROWS,
    enrol_directly,
    unlock,
    wait_idle,
)


def _prepare(home: Path, script: str, *, palm: str = "off") -> None:
    """Enrol ROWS[0], require face liveness, and make the face camera a scripted synthetic face."""
    enrol_directly(home, ROWS[0])
    with Store.open(store_path(home), GUI_PASSPHRASE) as store:
        lead = auth.log_in(store, LEAD, LEAD_PASSWORD)
        settings = dataclasses.replace(
            read_policy(store), liveness=LivenessPolicy(face_active="required", palm=palm)
        )
        write_policy(store, lead, settings)
    config = load_config(home)
    config.devices["face_camera"] = DeviceSetting(
        "replay-face", {"script": script, "fps": 30, "queue_size": 64}
    )
    save_config(home, config)


def _start(qtbot, make_app, home: Path):  # type: ignore[no-untyped-def]
    app = make_app(home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    return app, screen, decided


def _cases(app, home: Path) -> list[object]:  # type: ignore[no-untyped-def]
    app.session.store.close()
    app.session.store = None
    with Store.open(store_path(home), GUI_PASSPHRASE) as store:
        return list(store.cases.list())


def test_a_live_face_passes_the_challenge_and_certifies(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(gui_home, "live", palm="if_available")
    app, screen, decided = _start(qtbot, make_app, gui_home)
    panel = screen.liveness_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.code in ("turn_left", "turn_right"), timeout=20_000)
    assert panel.prompt.text() in ("请慢慢向左转头", "请慢慢向右转头")  # Chinese, large, to read out
    assert panel.skip_button.isVisible() and panel.skip_button.isEnabled()
    assert panel.steps[1] == 3 and "共 3 个" in panel.progress.text()
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=40_000)
    outcome = decided[0]
    assert outcome.decision.outcome == "accept", outcome.decision.reason
    assert outcome.receipt is not None
    liveness = outcome.certification.evidence["liveness"]
    assert liveness["status"] == "passed" and liveness["face"]["verdict"] == "live"
    # the capture job kept the frames after the kept one (the replay kit's recorded placements
    # follow each other, so the hand is not still): the sequence checks ran and are shown
    assert liveness["palm"]["status"] == "live" and "micro_motion_px" in liveness["palm"]
    assert "掌静脉活体：通过 ✔" in screen.status.text()
    assert "人脸动作验证：通过" in panel.outcome.text()
    wait_idle(qtbot, app.tasks)
    assert not [
        c for c in _cases(app, gui_home) if c.kind in ("presentation_attack", "liveness_not_possible")
    ]


def test_a_flat_picture_opens_a_presentation_attack_case_and_no_receipt(
    qtbot, make_app, gui_home: Path
) -> None:  # type: ignore[no-untyped-def]
    _prepare(gui_home, "spoof")
    app, screen, decided = _start(qtbot, make_app, gui_home)
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=40_000)
    outcome = decided[0]
    assert outcome.decision.outcome != "accept" and outcome.receipt is None
    assert outcome.certification.evidence["liveness"]["status"] == "attack"
    assert "疑似假体攻击" in screen.liveness_panel.outcome.text()
    assert [c.kind for c in outcome.cases] == ["presentation_attack"]
    assert screen.case_reference == outcome.cases[0].reference
    assert not screen.receipt_button.isVisible()
    wait_idle(qtbot, app.tasks)
    attacks = [c for c in _cases(app, gui_home) if c.kind == "presentation_attack"]
    assert len(attacks) == 1 and attacks[0].details["evidence_frames"] >= 1


def test_the_skip_button_replaces_one_gesture(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(gui_home, "live")
    app, screen, decided = _start(qtbot, make_app, gui_home)
    panel = screen.liveness_panel
    qtbot.waitUntil(lambda: panel.skip_button.isEnabled(), timeout=20_000)
    run = screen.liveness.job.run
    first = list(run.gestures)
    panel.skip_button.click()
    qtbot.waitUntil(lambda: run.skips_left == 0 or run.finished, timeout=10_000)
    assert len(run.session.challenge.skipped) == 1
    assert run.gestures != first and len(run.gestures) == len(first)  # replaced, not dropped
    assert not panel.skip_button.isEnabled()  # one skip only
    qtbot.waitUntil(lambda: len(decided) == 1 or panel.continue_button.isVisible(), timeout=60_000)
    if panel.continue_button.isVisible():  # the drawn face may not act out the replacement (a nod)
        panel.continue_button.click()
        qtbot.waitUntil(lambda: len(decided) == 1, timeout=30_000)
    skipped = decided[0].certification.evidence["liveness"]["face"]["skipped"]
    assert len(skipped) == 1 and skipped[0] in first  # recorded with the certification
    wait_idle(qtbot, app.tasks)


def test_a_prompt_not_followed_times_out_with_a_clear_message(
    qtbot, make_app, gui_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        "fieldkit.gui.liveness_job.TIMING", Timing(find_face=3.0, per_gesture=1.5, back_to_centre=1.5)
    )
    _prepare(gui_home, "still")
    app, screen, decided = _start(qtbot, make_app, gui_home)
    panel = screen.liveness_panel
    qtbot.waitUntil(lambda: panel.continue_button.isVisible(), timeout=20_000)
    assert "没有在规定时间内" in panel.outcome.text() or "not followed in time" in panel.outcome.text()
    assert not decided  # nothing decided yet: the clerk chooses
    assert panel.repeat_button.isVisible()
    panel.continue_button.click()  # go on: "liveness not possible" becomes a case, never an accept
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=30_000)
    outcome = decided[0]
    assert outcome.receipt is None and outcome.decision.outcome != "accept"
    assert [c.kind for c in outcome.cases] == ["liveness_not_possible"]
    wait_idle(qtbot, app.tasks)


def test_the_supervisor_sets_liveness_in_plain_words(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app)  # the lead: a supervisor saves without a second password
    window = app.window
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert [screen.face_liveness.itemText(i) for i in range(screen.face_liveness.count())] == ["关闭", "必须"]
    assert [screen.palm_liveness.itemText(i) for i in range(screen.palm_liveness.count())] == [
        "关闭",
        "设备支持时",
        "必须",
    ]
    assert screen.face_liveness.currentData() == "off"  # nothing required until a supervisor says so
    screen.face_liveness.setCurrentIndex(screen.face_liveness.findData("required"))
    screen.palm_liveness.setCurrentIndex(screen.palm_liveness.findData("if_available"))
    assert screen.enrol_face_liveness.currentData() == "off"  # enrolment: its own two choices
    assert screen.enrol_palm_liveness.itemText(1) == "设备支持时"
    screen.enrol_palm_liveness.setCurrentIndex(screen.enrol_palm_liveness.findData("required"))
    screen.save_policy()
    qtbot.waitUntil(lambda: app.session.policy.liveness.face_active == "required", timeout=10_000)
    wait_idle(qtbot, app.tasks)
    assert app.session.policy.liveness == LivenessPolicy(
        face_active="required", palm="if_available", enrolment_palm="required"
    )
    assert read_policy(app.session.store).liveness.palm == "if_available"  # stored, not only shown
    screen.refresh()
    assert screen.palm_liveness.currentData() == "if_available"
    assert screen.enrol_palm_liveness.currentData() == "required"  # read back from the store


def test_leaving_the_screen_mid_challenge_offers_to_repeat_it(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(gui_home, "live")
    app, screen, decided = _start(qtbot, make_app, gui_home)
    panel = screen.liveness_panel
    qtbot.waitUntil(lambda: panel.code in ("turn_left", "turn_right"), timeout=20_000)
    app.window.show_screen("today")  # the clerk leaves: the camera job stops
    assert screen.liveness.job is None
    assert "中断" in panel.outcome.text()
    app.window.show_screen("certify")
    assert panel.repeat_button.isVisible() and not panel.continue_button.isVisible()
    panel.repeat_button.click()  # the same visit: the challenge runs again, then the palm
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=40_000)
    assert decided[0].certification.evidence["liveness"]["status"] == "passed"
    wait_idle(qtbot, app.tasks)


def test_a_palm_lying_perfectly_still_is_a_suspected_attack(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    """The scanner replays one picture of the enrolled palm over and over (a print lying on it):
    the frames after the kept one do not move, so the palm check calls it an attack."""
    from tests.gui.conftest import PALM_IDENTITY, write_palm_folder

    _prepare(gui_home, "live", palm="if_available")
    write_palm_folder(gui_home / "still-palm", PALM_IDENTITY, first=7, count=1)
    config = load_config(gui_home)
    config.devices["palm_scanner"] = DeviceSetting(
        "replay-palm", {"path": str(gui_home / "still-palm"), "fps": 25}
    )
    save_config(gui_home, config)
    app, screen, decided = _start(qtbot, make_app, gui_home)
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=60_000)
    outcome = decided[0]
    liveness = outcome.certification.evidence["liveness"]
    assert liveness["palm"]["status"] == "spoof" and liveness["palm"]["micro_motion_px"] < 0.15
    assert outcome.receipt is None and [c.kind for c in outcome.cases] == ["presentation_attack"]
    assert "掌静脉活体：疑似假体攻击" in screen.status.text()
    wait_idle(qtbot, app.tasks)
