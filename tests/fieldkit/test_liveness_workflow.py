"""Liveness in certification: the policy decides which checks are required; a failed check becomes a
"presentation_attack" case and an impossible one a "liveness_not_possible" case (never an accept),
with the challenge frames stored encrypted; the CLI runs the checks with replay devices."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.pad import LivenessReport
from fieldkit.workflows.certification import certify
from fieldkit.workflows.liveness import ATTACK_CASE, NOT_POSSIBLE_CASE, LivenessEvidence, LivenessPolicy
from matching.liveness.active import ActiveResult, EvidenceFrame
from matching.liveness.fusion import fuse
from matching.synthetic_palm import synthetic_hand

ID = "11010519491231002X"


def _active(outcome: str) -> ActiveResult:
    frame = EvidenceFrame("neutral", np.full((120, 160, 3), 90, np.uint8), 0.0)
    return ActiveResult(outcome, f"liveness.{outcome}", f"because {outcome}", (), (), 0.02, 4.0, (frame,))


def _evidence(outcome: str) -> LivenessEvidence:
    active = _active(outcome)
    return LivenessEvidence(face=active, face_verdict=fuse(active, 0.9))


@pytest.fixture
def people(store):  # type: ignore[no-untyped-def]
    """One enrolled synthetic person and a fresh capture of their left palm."""
    from capture.idcard.synthetic import synthetic_cards
    from fieldkit.workflows.enrollment import enroll

    card = synthetic_cards(1, seed=21)[0]
    outcome = enroll(
        store,
        card=card,
        face_image=None,
        palm_images={
            "left": [synthetic_hand(91, i) for i in range(3)],
            "right": [synthetic_hand(92, i) for i in range(3)],
        },
        actor="op",
        device="sim",
        place="here",
        cycle=2026,
    )
    assert outcome.status == "complete"
    return card, synthetic_hand(91, 7)


@pytest.fixture
def enrolled(store_file: Path, cli, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    paths = []
    for sample in range(5):
        path = tmp_path / f"left{sample}.png"
        cv2.imwrite(str(path), synthetic_hand(81, sample))
        paths.append(str(path))
    assert cli(
        "enroll", "--id-number", ID, "--name", "张三", "--palm-left", *paths[:3], "--palm-right", *paths[:3]
    ).code in (0, 1)
    return paths


def test_policy_round_trip_and_bad_values_refused() -> None:
    policy = LivenessPolicy(face_active="required", palm="if_available", passive_threshold=0.3)
    assert LivenessPolicy.from_dict(policy.to_dict()) == policy
    with pytest.raises(ValueError):
        LivenessPolicy(face_active="sometimes")
    with pytest.raises(ValueError):
        LivenessPolicy.from_dict({"blink": "required"})


def _certify(store, card, image, evidence, policy):  # type: ignore[no-untyped-def]
    return certify(
        store,
        card=card,
        palm_images={"left": image},
        face_image=None,
        actor="tester",
        device="test",
        place="here",
        cycle=2026,
        liveness=evidence,
        liveness_policy=policy,
    )


def test_workflow_turns_failed_and_impossible_checks_into_cases(store, people) -> None:  # type: ignore[no-untyped-def]
    card, image = people
    required = LivenessPolicy(face_active="required")
    spoof = _certify(store, card, image, _evidence("spoof"), required)
    assert spoof.decision is not None and spoof.decision.outcome == "needs_review"
    assert spoof.decision.code == "decision.liveness_attack" and spoof.receipt is None
    assert [c.kind for c in spoof.cases] == [ATTACK_CASE]
    assert spoof.cases[0].details["evidence_frames"] == 1
    frames = store.attachments.for_record(spoof.certification.uuid)
    assert [a.kind for a in frames] == ["liveness_frame"] and frames[0].data[:2] == b"\xff\xd8"
    assert spoof.certification.evidence["liveness"]["status"] == "attack"

    timeout = _certify(store, card, image, _evidence("timeout"), required)
    assert timeout.decision.outcome == "needs_review" and [c.kind for c in timeout.cases] == [
        NOT_POSSIBLE_CASE
    ]
    missing = _certify(store, card, image, None, required)
    assert [c.kind for c in missing.cases] == [NOT_POSSIBLE_CASE]
    assert "not run" in missing.cases[0].details["reasons"][0]

    palm_policy = LivenessPolicy(palm="required")
    unavailable = LivenessEvidence(
        palm=LivenessReport("not_available", "none", "liveness not available on this device")
    )
    held = _certify(store, card, image, unavailable, palm_policy)
    assert [c.kind for c in held.cases] == [NOT_POSSIBLE_CASE]
    lenient = _certify(store, card, image, unavailable, LivenessPolicy(palm="if_available"))
    assert lenient.decision.outcome == "accept" and lenient.cases == []
    assert lenient.certification.evidence["liveness"]["palm"]["status"] == "not_available"  # recorded


def test_live_result_with_matching_palm_is_accepted(store, people) -> None:  # type: ignore[no-untyped-def]
    card, image = people
    outcome = _certify(store, card, image, _evidence("live"), LivenessPolicy(face_active="required"))
    assert outcome.decision.outcome == "accept" and outcome.receipt is not None and outcome.cases == []
    assert outcome.certification.evidence["liveness"]["face"]["verdict"] == "live"


def test_cli_certify_runs_the_required_checks_with_replay_devices(
    store_file: Path, cli, enrolled, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "supervisor-pw")
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "supervisor-pw")
    assert cli("operator", "add", "--login", "lead", "--name", "组长", "--role", "supervisor").code == 0
    assert cli("policy", "liveness", "--face-active", "required").code == 1  # no supervisor named
    assert (
        cli(
            "--operator", "lead", "policy", "liveness", "--face-active", "required", "--palm", "if_available"
        ).code
        == 0
    )
    assert '"face_active": "required"' in cli("policy", "show").out
    spoof = cli(
        "--operator",
        "lead",
        "certify",
        "--id-number",
        ID,
        "--palm-left",
        enrolled[3],
        "--liveness-replay",
        "spoof",
    )
    assert spoof.code == 1 and "NEEDS_REVIEW" in spoof.out and "presentation_attack" in spoof.out
    assert "请慢慢向" in spoof.out  # the prompts were shown
    live = cli(
        "--operator",
        "lead",
        "certify",
        "--id-number",
        ID,
        "--palm-left",
        enrolled[4],
        "--liveness-replay",
        "live",
    )
    assert live.code == 0 and "ACCEPT" in live.out and "liveness passed" in live.out


def test_the_frame_by_frame_service_api_gives_certify_its_evidence() -> None:
    """What the GUI will call: feed frames, read prompts, get the evidence."""
    from capture.replay_face import face_script
    from fieldkit.errors import UserError
    from fieldkit.services.liveness import FaceLivenessRun

    run = FaceLivenessRun(LivenessPolicy(face_active="required"), kinds=("turn_left", "turn_right"))
    with pytest.raises(UserError):
        run.evidence()
    assert run.prompt == "look_at_camera" and run.prompt_text() == "请正对镜头"
    for index, image in enumerate(face_script("live", run.gestures)):
        run.feed(image, index / 15)
        if run.finished:
            break
    evidence = run.evidence()
    assert evidence.face is not None and evidence.face.live
    assert evidence.face_verdict is not None and evidence.face_verdict.outcome == "live"
    assert evidence.face_verdict.passive_score is not None  # recorded beside the verdict


def test_cli_palm_liveness_print_is_an_attack_and_a_plain_file_cannot_tell(  # type: ignore[no-untyped-def]
    store_file: Path, cli, enrolled, monkeypatch
) -> None:
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "supervisor-pw")
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "supervisor-pw")
    assert cli("operator", "add", "--login", "lead", "--name", "组长", "--role", "supervisor").code == 0
    assert cli("--operator", "lead", "policy", "liveness", "--palm", "required").code == 0
    bad = cli("--operator", "lead", "policy", "liveness", "--passive-threshold", "7")
    assert bad.code == 1 and "passive_threshold" in bad.err
    printed = cli(
        "--operator",
        "lead",
        "certify",
        "--id-number",
        ID,
        "--palm-left",
        enrolled[3],
        "--palm-liveness-replay",
        "print",
    )
    assert printed.code == 1 and "presentation_attack" in printed.out and "print dot pattern" in printed.out
    plain = cli("--operator", "lead", "certify", "--id-number", ID, "--palm-left", enrolled[3])
    assert (
        plain.code == 1
        and "liveness_not_possible" in plain.out
        and "not available on this device" in plain.out
    )
    live = cli(
        "--operator",
        "lead",
        "certify",
        "--id-number",
        ID,
        "--palm-left",
        enrolled[4],
        "--palm-liveness-replay",
        "live",
    )
    assert live.code == 0 and "ACCEPT" in live.out


def test_a_camera_unplugged_during_the_challenge_is_a_clear_user_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from capture.replay import ReplayCamera
    from capture.replay_face import synthetic_face
    from fieldkit.errors import UserError
    from fieldkit.services import liveness as service

    folder = tmp_path / "frames"
    folder.mkdir()
    for index in range(3):
        cv2.imwrite(str(folder / f"{index:05d}.png"), synthetic_face())
    camera = ReplayCamera(folder, fps=50, loop=False)  # ends like an unplugged camera
    camera.open()
    monkeypatch.setattr(service, "open_face_camera", lambda *a, **k: camera)
    with pytest.raises(UserError) as info:
        service.certification_liveness(
            tmp_path, LivenessPolicy(face_active="required"), prompt=lambda code: None
        )
    assert info.value.code == "liveness.camera" and "stopped sending frames" in info.value.message
