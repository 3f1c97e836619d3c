"""The field paths on screen: a home visit (witness, relation, visit photo from the camera, place,
time), a delegated certification (office, documents) and a person without an ID card (approval);
each checked before any capture and recorded with its evidence, its case and its photo."""

from __future__ import annotations

from pathlib import Path

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
)


def _certify(qtbot, app, row, fill) -> object:  # type: ignore[no-untyped-def]
    window = app.window
    window.start_certification(row[0], row[1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    fill(screen.paths)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    wait_idle(qtbot, app.tasks)
    screen.decided.disconnect(decided.append)
    return decided[0]


def _open(qtbot, make_app, gui_home: Path):  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])  # note: one enrolled palm; each test is a fresh copy of the data
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    return app


def _recorded(app, gui_home: Path):  # type: ignore[no-untyped-def]
    app.session.store.close()
    app.session.store = None
    store = Store.open(store_path(gui_home), GUI_PASSPHRASE)
    person = store.people.find_by_id_number(ROWS[0][0])
    cert = store.certifications.for_person(person.uuid, cycle=CYCLE)[0]
    cases = {c.kind for c in store.cases.list() if c.person_uuid == person.uuid}
    return store, cert, cases


def test_home_visit_with_photo_place_and_time(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = _open(qtbot, make_app, gui_home)
    screen = app.window.certify
    # a home visit without a witness is refused before any capture, with what to do
    app.window.start_certification(ROWS[0][0], ROWS[0][1])
    paths = screen.paths
    paths.mode.setCurrentIndex(paths.mode.findData("home_visit"))
    assert paths.home_box.isVisible() and not paths.delegated_box.isVisible()
    screen.input.use_button.click()
    assert not screen.jobs and screen.status.property("role") == "error"
    assert paths.message.property("role") == "error"

    def home_visit(paths) -> None:  # type: ignore[no-untyped-def]
        paths.mode.setCurrentIndex(paths.mode.findData("home_visit"))
        paths.witness.setText("李四")
        paths.relation.setCurrentIndex(1)  # son or daughter
        paths.take_photo()
        qtbot.waitUntil(lambda: paths.photo is not None, timeout=10_000)
        assert paths.thumbnail.pixmap() is not None and not paths.thumbnail.pixmap().isNull()
        paths.place.setText("36.6123, 114.4890")
        assert paths.time.text()

    visit = _certify(qtbot, app, ROWS[0], home_visit)
    assert visit.decision.outcome == "accept"
    assert visit.receipt is not None and visit.receipt.kind == "home_visit"
    store, cert, cases = _recorded(app, gui_home)
    with store:
        assert cert.method == "home_visit"
        assert cert.evidence["witness"] == "李四" and cert.evidence["photo"] is True
        assert cert.evidence["location"] == {"latitude": 36.6123, "longitude": 114.489, "source": "manual"}
        assert [a.kind for a in store.attachments.for_record(cert.uuid)] == ["home_visit_photo"]
        assert "home_visit" in cases


def test_delegated_certification_at_another_office(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = _open(qtbot, make_app, gui_home)

    def delegated(paths) -> None:  # type: ignore[no-untyped-def]
        paths.mode.setCurrentIndex(paths.mode.findData("delegated"))
        paths.office.setText("天津市河西区社保所")
        paths.documents["retirement_certificate"].setChecked(True)
        paths.documents["id_card"].setChecked(True)

    outcome = _certify(qtbot, app, ROWS[0], delegated)
    assert outcome.decision.outcome == "accept" and outcome.receipt.kind == "delegated"
    store, cert, cases = _recorded(app, gui_home)
    with store:
        assert cert.method == "delegated" and cert.evidence["office"] == "天津市河西区社保所"
        assert cert.evidence["documents"] == ["retirement_certificate", "id_card"]
        assert "delegated_certification" in cases


def test_no_card_approval(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = _open(qtbot, make_app, gui_home)

    def no_card(paths) -> None:  # type: ignore[no-untyped-def]
        paths.no_card.setChecked(True)
        assert paths.approval_box.isVisible()
        paths.reference.setText("邯人社审〔2026〕17号")
        paths.approver.setText("赵局长")

    outcome = _certify(qtbot, app, ROWS[0], no_card)
    assert outcome.decision.outcome == "accept"
    store, cert, cases = _recorded(app, gui_home)
    with store:
        assert cert.evidence["no_card_approval"] == "邯人社审〔2026〕17号"
        assert cert.evidence["approved_by"] == "赵局长"
        assert "no_id_card" in cases
