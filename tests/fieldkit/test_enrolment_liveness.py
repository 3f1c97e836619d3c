"""Liveness at enrolment: the policy's enrolment part says which checks are required; a failed or
missing check holds the enrolment with a "presentation_attack" / "liveness_not_possible" case and
the challenge frames kept encrypted; the receipt states what was checked. Driven through the
wizard service (what the GUI saves through) and the CLI with the replay devices."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.idcard.synthetic import synthetic_cards
from fieldkit.services.enrolment_wizard import EnrolmentWizard
from fieldkit.workflows.liveness import (
    ATTACK_CASE,
    NOT_POSSIBLE_CASE,
    RESULT_KIND,
    LivenessEvidence,
    LivenessPolicy,
    enrolment_result,
)
from fieldkit.workflows.receipt_facts import gather_facts
from matching.liveness.active import ActiveResult, EvidenceFrame
from matching.liveness.fusion import fuse
from matching.synthetic_palm import synthetic_hand

ID = "11010519491231002X"


def _evidence(outcome: str) -> LivenessEvidence:
    frame = EvidenceFrame("neutral", np.full((120, 160, 3), 90, np.uint8), 0.0)
    active = ActiveResult(outcome, f"liveness.{outcome}", f"because {outcome}", (), (), 0.02, 4.0, (frame,))
    return LivenessEvidence(face=active, face_verdict=fuse(active, 0.9))


def _save(store, seed: int, evidence: LivenessEvidence | None, policy: LivenessPolicy):  # type: ignore[no-untyped-def]
    wizard = EnrolmentWizard()
    draft = wizard.draft
    draft.card = synthetic_cards(1, seed=seed)[0]
    draft.samples = {
        "left": [synthetic_hand(seed * 10 + 1, i) for i in range(3)],
        "right": [synthetic_hand(seed * 10 + 2, i) for i in range(3)],
    }
    draft.liveness = evidence
    outcome, _ = wizard.save(
        store, actor="op", device="sim", place="here", cycle=2026, liveness_policy=policy
    )
    return outcome


def _cases(outcome):  # type: ignore[no-untyped-def]
    """The liveness cases (the synthetic cards are not in a roster: an id_mismatch case too)."""
    return [c for c in outcome.cases if c.kind in (ATTACK_CASE, NOT_POSSIBLE_CASE)]


def _kinds(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.kind for c in _cases(outcome)]


def _liveness_fact(store, outcome) -> str | None:  # type: ignore[no-untyped-def]
    facts = gather_facts(
        store, kind="enrollment", record_uuid=outcome.enrollment.uuid, person_uuid=outcome.person.uuid
    )
    return next((value for zh, _, value in facts.extra if zh == "活体检测"), None)


def test_policy_enrolment_part_round_trips_and_old_policies_read_as_off() -> None:
    policy = LivenessPolicy(
        face_active="required", enrolment_face_active="required", enrolment_palm="required"
    )
    assert LivenessPolicy.from_dict(policy.to_dict()) == policy
    assert policy.for_enrolment() == LivenessPolicy(face_active="required", palm="required")
    old = LivenessPolicy.from_dict({"face_active": "required", "palm": "off", "passive_threshold": None})
    assert not old.for_enrolment().any_required
    with pytest.raises(ValueError):
        LivenessPolicy(enrolment_palm="sometimes")


def test_failed_and_missing_checks_hold_the_enrolment_with_a_case_and_kept_frames(store) -> None:  # type: ignore[no-untyped-def]
    required = LivenessPolicy(face_active="required")
    spoof = _save(store, 31, _evidence("spoof"), required)
    assert spoof.status == "held" and _kinds(spoof) == [ATTACK_CASE]
    assert _cases(spoof)[0].details["enrollment_uuid"] == spoof.enrollment.uuid
    kinds = [a.kind for a in store.attachments.for_record(spoof.enrollment.uuid)]
    assert kinds.count("liveness_frame") == 1 and RESULT_KIND in kinds
    frame = next(a for a in store.attachments.for_record(spoof.enrollment.uuid) if a.kind == "liveness_frame")
    assert frame.data[:2] == b"\xff\xd8"  # a JPEG inside the encrypted store
    assert enrolment_result(store, spoof.enrollment.uuid)["status"] == "attack"  # type: ignore[index]
    assert "疑似照片或屏幕" in (_liveness_fact(store, spoof) or "")

    skipped = _save(store, 32, None, required)  # the clerk never ran it: never a silent accept
    assert skipped.status == "held" and _kinds(skipped) == [NOT_POSSIBLE_CASE]
    assert "not run" in _cases(skipped)[0].details["reasons"][0]

    timeout = _save(store, 33, _evidence("timeout"), required)
    assert timeout.status == "held" and _kinds(timeout) == [NOT_POSSIBLE_CASE]
    assert "超时" in (_liveness_fact(store, timeout) or "")


def test_a_passed_check_completes_and_the_receipt_says_so(store) -> None:  # type: ignore[no-untyped-def]
    live = _save(store, 34, _evidence("live"), LivenessPolicy(face_active="required"))
    assert live.status == "complete" and _kinds(live) == [] and live.liveness is not None
    assert live.liveness.status == "passed"
    assert (_liveness_fact(store, live) or "").startswith("人脸动作验证通过")
    nothing = _save(store, 35, None, LivenessPolicy())  # policy requires nothing: no row, no record
    assert nothing.status == "complete" and _liveness_fact(store, nothing) is None
    assert store.attachments.for_record(nothing.enrollment.uuid) == []


@pytest.fixture
def palms(tmp_path: Path) -> list[str]:
    paths = []
    for sample in range(3):
        path = tmp_path / f"palm{sample}.png"
        cv2.imwrite(str(path), synthetic_hand(71, sample))
        paths.append(str(path))
    return paths


def _enrol(cli, palms: list[str], id_number: str, *extra: str):  # type: ignore[no-untyped-def]
    return cli(
        "--operator", "lead", "enroll", "--id-number", id_number, "--name", "李四",
        "--palm-left", *palms, "--hand-failure", "right=injury", *extra,
    )  # fmt: skip


def test_cli_enroll_runs_the_checks_the_enrolment_policy_requires(  # type: ignore[no-untyped-def]
    store_file: Path, cli, palms, monkeypatch
) -> None:
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "supervisor-pw")
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "supervisor-pw")
    assert cli("operator", "add", "--login", "lead", "--name", "组长", "--role", "supervisor").code == 0
    changed = cli("--operator", "lead", "policy", "liveness", "--enrolment-face-active", "required")
    assert changed.code == 0
    shown = json.loads(cli("policy", "show").out)
    assert (
        shown["liveness"]["enrolment_face_active"] == "required" and shown["liveness"]["face_active"] == "off"
    )
    spoof = _enrol(cli, palms, ID, "--liveness-replay", "spoof")
    assert spoof.code == 0, spoof.err
    assert "held for a supervisor (suspected presentation attack)" in spoof.out
    assert "presentation_attack" in spoof.out and "请慢慢向" in spoof.out  # prompts shown
    assert "liveness attack" in spoof.out
    other = synthetic_cards(1, seed=44)[0].id_number
    live = _enrol(cli, [p for p in palms], other, "--liveness-replay", "live")
    # note: the same palms under another ID number: held as a duplicate, but the liveness passed
    assert live.code == 0 and "liveness passed" in live.out and "presentation attack" not in live.out
    bad = cli("--operator", "lead", "policy", "liveness", "--enrolment-palm", "sometimes")
    assert bad.code == 2


@pytest.mark.parametrize(("mode", "status"), [("live", "live"), ("print", "spoof")])
def test_the_palm_sequence_after_the_kept_frame_feeds_the_palm_checks(mode: str, status: str) -> None:
    """What the GUI's capture job does: keep the frames after the kept one and hand them to the
    palm checks through the service; an ordinary scanner (no vendor liveness, no light control)
    with a sequence is judged on it, with one frame it honestly cannot tell."""
    from capture.replay_palm_pad import SimulatedNirScanner
    from fieldkit.services.liveness import PALM_FRAMES, device_palm_evidence, palm_sequence

    scanner = SimulatedNirScanner(synthetic_hand(61, 0), mode, seed=3, fps=60.0)
    scanner.open()
    try:
        kept = scanner.grab().image
        frames = palm_sequence(scanner, kept, count=PALM_FRAMES, seconds=5.0)
    finally:
        scanner.close()
    assert len(frames) == PALM_FRAMES and frames[0] is kept
    ordinary = object()  # note: the checks see only the frames, as from a plain UVC NIR camera
    report = device_palm_evidence(ordinary, kept, frames)
    assert report.status == status, report.reason
    assert "micro_motion_px" in report.checks
    assert device_palm_evidence(ordinary, kept).status == "not_available"


def test_a_stopped_sequence_is_short_and_cannot_pass() -> None:
    from capture.replay_palm_pad import SimulatedNirScanner
    from fieldkit.services.liveness import device_palm_evidence, palm_sequence

    scanner = SimulatedNirScanner(synthetic_hand(62, 0), "live", fps=60.0)
    scanner.open()
    try:
        kept = scanner.grab().image
        frames = palm_sequence(scanner, kept, stop=lambda: True)
    finally:
        scanner.close()
    assert frames == [kept]
    assert device_palm_evidence(object(), kept, frames).status == "not_available"
