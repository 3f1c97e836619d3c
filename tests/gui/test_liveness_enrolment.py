"""Enrolment in the desktop app runs the face challenge the enrolment policy requires.

The face camera is the replay kit's ``replay-face`` driver (a drawn synthetic face, no real person):
"live" turns its head in depth, "spoof" is the same drawing on a flat sheet. A spoof holds the
enrolment with a presentation-attack case and its frames; a live face completes it, and the receipt
states the check.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fieldkit import auth
from fieldkit.config import load_config, save_config
from fieldkit.devices.settings import DeviceSetting
from fieldkit.paths import store_path
from fieldkit.workflows.liveness import LivenessPolicy, enrolment_result
from fieldkit.workflows.stored_policy import read_policy, write_policy
from storage.store import Store
from tests.gui.conftest import CLERK, CLERK_PASSWORD, GUI_PASSPHRASE, LEAD, LEAD_PASSWORD, unlock, wait_idle

STROKE = [(0.1, 0.6), (0.3, 0.3), (0.5, 0.7), (0.8, 0.4)]


def _prepare(home: Path, script: str) -> None:
    with Store.open(store_path(home), GUI_PASSPHRASE) as store:
        lead = auth.log_in(store, LEAD, LEAD_PASSWORD)
        settings = dataclasses.replace(
            read_policy(store),
            liveness=LivenessPolicy(enrolment_face_active="required", enrolment_palm="if_available"),
        )
        write_policy(store, lead, settings)
    config = load_config(home)
    config.devices["face_camera"] = DeviceSetting(
        "replay-face", {"script": script, "fps": 30, "queue_size": 64}
    )
    save_config(home, config)


def _at(wizard, key: str) -> bool:  # type: ignore[no-untyped-def]
    return wizard.current_step().key == key


@pytest.mark.parametrize(
    ("script", "status", "verdict"), [("spoof", "held", "attack"), ("live", "complete", "passed")]
)
def test_enrolment_runs_the_face_challenge_and_holds_a_spoof(  # type: ignore[no-untyped-def]
    qtbot, make_app, gui_home: Path, script: str, status: str, verdict: str
) -> None:
    _prepare(gui_home, script)
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.show_screen("enrol")
    wizard = window.enrol
    wizard.step("card").input.read_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "match"), timeout=10_000)
    wizard.step("match").next_button.click()
    face = wizard.step("face")
    panel = face.liveness_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.code in ("turn_left", "turn_right"), timeout=20_000)
    assert panel.prompt.text() in ("请慢慢向左转头", "请慢慢向右转头")
    assert not face.next_button.isEnabled()  # the challenge comes first
    qtbot.waitUntil(lambda: wizard.draft.liveness is not None, timeout=40_000)
    assert wizard.draft.liveness.face_verdict is not None
    face.skip_button.click()  # the drawn face is not a face to enrol; the evidence is kept
    for hand in ("left", "right"):
        step = wizard.step(hand)
        qtbot.waitUntil(lambda step=step: step.next_button.isEnabled(), timeout=20_000)
        step.next_button.click()
    duplicates = wizard.step("duplicates")
    qtbot.waitUntil(lambda: duplicates.next_button.isEnabled(), timeout=10_000)
    duplicates.next_button.click()
    review = wizard.step("review")
    review.retiree_pad.add_stroke(STROKE)
    review.operator_pad.add_stroke(STROKE)
    review.save_button.click()
    qtbot.waitUntil(lambda: _at(wizard, "receipt"), timeout=20_000)
    outcome = wizard.draft.outcome
    assert outcome.status == status and outcome.liveness.status == verdict
    kinds = [c.kind for c in outcome.cases]
    result = wizard.step("receipt").result.text()
    # the palm sequence the capture job kept after the last sample was checked, shown and recorded
    assert outcome.liveness.summary["palm"]["status"] == "live" and "掌静脉活体：通过 ✔" in result
    assert len(wizard.draft.palm_frames["right"]) == 12
    if script == "spoof":
        assert kinds == ["presentation_attack"] and "疑似照片、屏幕或打印件" in result
    else:
        assert kinds == [] and "疑似" not in result
    wait_idle(qtbot, app.tasks, timeout=20_000)
    app.session.store.close()
    app.session.store = None
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        recorded = enrolment_result(store, outcome.enrollment.uuid)
        assert recorded is not None and recorded["status"] == verdict
        frames = [
            a for a in store.attachments.for_record(outcome.enrollment.uuid) if a.kind == "liveness_frame"
        ]
        assert frames  # the challenge frames are kept (encrypted store) either way
