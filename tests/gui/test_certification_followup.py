"""A certification that does not pass is never a dead end: retry, the other hand, then a case."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest
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
    assert screen.slip_button.isVisible()  # a rejected retiree gets paper: the signed result notice
    screen.slip_button.click()
    qtbot.waitUntil(lambda: screen.receipt_dialog is not None, timeout=10_000)
    wait_idle(qtbot, app.tasks)
    screen.receipt_dialog.close()

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
        made = third.certification.uuid
        (slip,) = [r for r in store.receipts.for_person(person.uuid) if r.record_uuid == made]
        page = json.loads(slip.payload)  # the notice: signed, for the last attempt, naming the open case
        assert page["result"] == "reject"
        assert cases[0].reference in json.dumps(page, ensure_ascii=False), page["page"]


FACES = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces" / "lfw7" / "Colin_Powell"
OTHER = FACES.parent / "Donald_Rumsfeld"


@pytest.mark.skipif(not FACES.is_dir(), reason=f"real face captures not found at {FACES}")
def test_a_face_attempt_where_a_face_is_enrolled(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    """A face is enrolled: the face button is offered, the face-only attempt names only the face,
    and the case lists both. (Someone else stands before the camera, so nothing matches.)"""
    from fieldkit.config import load_config, save_config
    from fieldkit.devices.settings import DeviceSetting
    from fieldkit.workflows.enrollment import enroll
    from matching.synthetic_palm import synthetic_hand
    from tests.gui.conftest import PALM_IDENTITY, card_for

    faces = sorted(FACES.glob("*.jpg"), key=lambda p: int(p.stem))
    with Store.open(store_path(gui_home), GUI_PASSPHRASE) as store:
        hands = {h: [synthetic_hand(PALM_IDENTITY, i) for i in range(3)] for h in ("left", "right")}
        enroll(
            store, card=card_for(ROWS[0]), face_image=cv2.imread(str(faces[0])), palm_images=hands,
            actor="test", device="test", place="test", cycle=CYCLE,
        )  # fmt: skip
    camera = gui_home / "faces"  # another person before the camera (a test-time copy)
    camera.mkdir()
    others = sorted(OTHER.glob("*.jpg"), key=lambda p: int(p.stem))
    for index, path in enumerate(others[:3]):
        cv2.imwrite(str(camera / f"{index:03d}.png"), cv2.imread(str(path)))
    config = load_config(gui_home)
    config.devices["face_camera"] = DeviceSetting("replay-camera", {"path": str(camera), "fps": 10})
    save_config(gui_home, config)
    write_palm_folder(gui_home / "palms", STRANGER)
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    app.window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = app.window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: len(decided) == 1, timeout=30_000)
    first = decided[0]
    assert "face" in first.certification.scores and first.decision.outcome == "reject"
    assert screen.banner.reason.text() == QCoreApplication.translate(
        "Certify", "Neither palm nor face matches this person's enrolment."
    )  # both were compared, so both are named
    bar = screen.followup
    assert bar.face_button.isVisible() and bar.case_button.isVisible()
    bar.face_button.click()  # the face alone, once more
    qtbot.waitUntil(lambda: len(decided) == 2, timeout=30_000)
    second = decided[1].certification
    assert second.scores.get("face") is not None and not any(k.startswith("palm_") for k in second.scores)
    assert decided[1].decision.outcome == "reject"
    assert screen.banner.reason.text() == QCoreApplication.translate(
        "Certify", "The face does not match this person's enrolment."
    )
    wait_idle(qtbot, app.tasks)
    bar.case_button.click()
    qtbot.waitUntil(lambda: screen.case_reference is not None, timeout=10_000)
    wait_idle(qtbot, app.tasks)
    case = next(c for c in app.session.store.cases.list() if c.kind == "certification_review")
    assert case.details["tried"] == ["face", "palm_right"] and case.details["attempts"] == 2
