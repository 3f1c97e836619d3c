"""The liveness screens for ``scripts/gui_screenshots.py``: the face challenge's prompt, a passed
check with the palm line, a flat picture (suspected presentation attack) and a prompt not followed,
and the policy's liveness fields. The face camera is the replay kit's ``replay-face`` (a drawn
synthetic face, no real person); the policy is changed in the window's session only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

PALM = 400  # a synthetic hand nobody else in the screenshot data has (no duplicate hold)


def _enrol(session: Any, tasks: Any, shooter: Any, row: list[str], identity: int) -> None:
    """Enrol ``row`` on the store thread with the synthetic hand ``identity`` (both hands)."""
    import datetime as dt

    from capture.devices import CardRecord
    from fieldkit.workflows.enrollment import enroll
    from matching.synthetic_palm import synthetic_hand

    card = CardRecord(
        id_number=row[0],
        name=row[1],
        gender="male" if row[2] == "男" else "female",
        birth_date=dt.date.fromisoformat(row[3]),
        source="simulated",
    )
    hands = {h: [synthetic_hand(identity, i) for i in range(3)] for h in ("left", "right")}
    store = session.require_store()
    tasks.store(
        lambda: enroll(
            store,
            card=card,
            face_image=None,
            palm_images=hands,
            actor=session.actor,
            device="replay-palm",
            place="丛台区社区服务站",
            cycle=session.cycle,
        )
    )
    shooter.wait(lambda: tasks.pending == 0, 60, "liveness enrolment")


def _palm_scanner(session: Any, identity: int | None, saved: Any = None) -> Any:
    """Point the replay scanner at placements of ``identity`` (None: put ``saved`` back)."""
    import cv2

    from fieldkit.config import load_config, save_config
    from fieldkit.devices.settings import DeviceSetting
    from matching.synthetic_palm import synthetic_hand

    config = load_config(session.home)
    before = config.devices.get("palm_scanner")
    if identity is None:
        config.devices["palm_scanner"] = saved
    else:
        folder = session.home / "palms-liveness"
        folder.mkdir(exist_ok=True)
        for index in range(4):
            cv2.imwrite(str(folder / f"{index:03d}.png"), synthetic_hand(identity, 3 + index))
        config.devices["palm_scanner"] = DeviceSetting("replay-palm", {"path": str(folder), "fps": 6})
    save_config(session.home, config)
    session.hub.release("palm_scanner")
    return before


def _face_script(session: Any, script: str) -> None:
    """Make the face camera the scripted synthetic face ``script`` ("live", "spoof", "still")."""
    from fieldkit.config import load_config, save_config
    from fieldkit.devices.settings import DeviceSetting

    config = load_config(session.home)
    config.devices["face_camera"] = DeviceSetting("replay-face", {"script": script, "fps": 12})
    save_config(session.home, config)
    session.hub.release("face_camera")


def _require(session: Any, face: str = "required", palm: str = "if_available") -> None:
    from fieldkit.workflows.liveness import LivenessPolicy

    session.policy = dataclasses.replace(session.policy, liveness=LivenessPolicy(face_active=face, palm=palm))


def liveness(
    shooter: Any, window: Any, session: Any, tasks: Any, rows: list[list[str]], tag: str = ""
) -> None:
    """Chinese: an attack (the match passed: review and a case), then the prompt and a pass on the
    second attempt, then a prompt not followed; English: the prompt and an attack (not matched)."""
    certify, panel = window.certify, window.certify.liveness_panel
    before = session.policy
    _require(session)
    person, other = (rows[8], rows[9]) if not tag else (rows[10], rows[10])
    _enrol(session, tasks, shooter, person, PALM if not tag else PALM + 20)
    if not tag:
        _enrol(session, tasks, shooter, other, PALM + 10)
    saved = _palm_scanner(session, PALM)

    def certify_with(script: str, row: list[str], what: str) -> None:
        _face_script(session, script)
        window.start_certification(row[0], row[1])
        certify.input.use_typed()
        if script == "live":
            shooter.wait(lambda: panel.code in ("turn_left", "turn_right"), 30, "liveness prompt")
            shooter.pause(0.4)
            shooter.shot(window, f"{tag}liveness-prompt")
        shooter.wait(lambda: certify.banner.outcome != "" or panel.continue_button.isVisible(), 60, what)
        shooter.wait(lambda: tasks.pending == 0, 30, "idle")

    certify_with("spoof", person, "liveness attack")
    shooter.shot(window, f"{tag}liveness-attack")
    certify.reset()
    if not tag:
        certify_with("live", person, "liveness passed")
        shooter.shot(window, "liveness-passed")
        certify.reset()
        certify_with("still", other, "liveness time-out")
        shooter.shot(window, "liveness-timeout")
        certify.reset()
    else:
        _face_script(session, "live")
        window.start_certification(person[0], person[1])
        certify.input.use_typed()
        shooter.wait(lambda: panel.code in ("turn_left", "turn_right"), 30, "liveness prompt")
        shooter.pause(0.4)
        shooter.shot(window, f"{tag}liveness-prompt")
        certify.reset()
    session.policy = before
    _palm_scanner(session, None, saved)
    _face_script(session, "live")


def policy_fields(shooter: Any, window: Any, session: Any, tag: str = "") -> None:
    """The supervisor's policy page with the liveness fields set."""
    before = session.policy
    _require(session)
    window.show_screen("settings")
    settings = window.screens["settings"]
    settings.refresh()
    settings.tabs.setCurrentIndex(2)
    shooter.shot(window, f"{tag}settings-policy-liveness")
    settings.tabs.setCurrentIndex(0)
    session.policy = before
    settings.refresh()
