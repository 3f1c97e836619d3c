"""Active face liveness: the challenge rules, the time-outs, synthetic attacks refused, real pose
changes accepted. Tests that need real faces read ../shared/data/faces (AT&T/ORL: ten photos per
person in slightly different poses) and skip with the reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from capture.replay_face import face_script, synthetic_face
from matching.liveness.active import PLANAR_LIMIT, ActiveSession, run_challenge
from matching.liveness.challenge import GESTURES, MIN_GESTURES, Challenge, Timing, draw_challenge
from matching.liveness.geometry import parallax, pose_of
from matching.liveness.sequences import photo_pose_sequence, planar_attack_sequence

FACES = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces"
needs_orl = pytest.mark.skipif(not (FACES / "att_orl").is_dir(), reason=f"real faces not found at {FACES}")
needs_lfw = pytest.mark.skipif(not (FACES / "lfw7").is_dir(), reason=f"real faces not found at {FACES}")
TURNS = ["turn_left", "turn_right", "turn_left"]


def _orl(person: Path) -> list[np.ndarray]:
    """ORL photos are 92×112: enlarged with a border, as a camera frame would show the face."""
    images = [cv2.imread(str(p)) for p in sorted(person.iterdir())]
    return [
        cv2.copyMakeBorder(
            cv2.resize(i, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC),
            60,
            60,
            60,
            60,
            cv2.BORDER_REPLICATE,
        )
        for i in images
    ]


def test_draw_gives_enough_varied_gestures_and_skip_never_lowers_the_count() -> None:
    for _ in range(50):
        challenge = draw_challenge()
        assert len(challenge.gestures) == MIN_GESTURES
        assert any(g.startswith("turn") for g in challenge.gestures)
        assert all(a != b for a, b in zip(challenge.gestures, challenge.gestures[1:], strict=False))
    challenge = Challenge(["nod", "turn_left", "turn_right"])
    replacement = challenge.skip(0)
    assert replacement in GESTURES and replacement != "nod"
    assert len(challenge.gestures) == MIN_GESTURES and challenge.skipped == ["nod"]
    assert "nod" not in challenge.gestures
    assert challenge.skip(1) is None  # one skip only
    with pytest.raises(ValueError):
        draw_challenge(kinds=("nod", "look_up"))  # both turns must stay possible


def test_pose_cues_follow_a_rendered_turn_and_flat_shift_has_no_parallax() -> None:
    from matching.face_engine import detect_faces

    front = detect_faces(synthetic_face())[0].landmarks
    left = detect_faces(synthetic_face(yaw=25))[0].landmarks
    right = detect_faces(synthetic_face(yaw=-25))[0].landmarks
    assert pose_of(left).yaw - pose_of(front).yaw > 0.1
    assert pose_of(right).yaw - pose_of(front).yaw < -0.1
    shifted = front * 1.3 + np.float32([40, -12])  # the same flat face, nearer and moved
    assert parallax(front, shifted) < 1e-3


def test_a_face_that_does_not_follow_the_prompt_times_out_with_the_prompt_named() -> None:
    frames = [(image, i / 10) for i, image in enumerate(face_script("still", TURNS))]
    challenge = Challenge(list(TURNS), Timing(per_gesture=3.0))
    result = run_challenge(frames, challenge)
    assert result.outcome == "timeout" and result.code == "liveness.timeout"
    assert "turn your head slowly to your left" in result.reason and "3 s" in result.reason
    assert not result.live and result.frames[0].label == "neutral"


def test_no_face_at_all_times_out_as_no_face() -> None:
    blank = np.full((480, 640, 3), 128, np.uint8)
    result = run_challenge(
        [(blank, i / 10) for i in range(40)], Challenge(list(TURNS), Timing(find_face=2.0))
    )
    assert result.code == "liveness.no_face"


def test_synthetic_live_script_passes_and_flat_script_is_refused() -> None:
    live = run_challenge(
        [(f, i / 10) for i, f in enumerate(face_script("live", TURNS))], Challenge(list(TURNS))
    )
    assert live.live, live.reason
    assert live.planarity is not None and live.planarity >= PLANAR_LIMIT
    assert [f.label for f in live.frames] == ["neutral", *(f"{g}_peak" for g in TURNS)]
    flat = run_challenge(
        [(f, i / 10) for i, f in enumerate(face_script("spoof", TURNS))], Challenge(list(TURNS))
    )
    assert not flat.live and flat.code == "liveness.planar"  # it followed the prompts, but flat
    assert all(g.followed for g in flat.gestures)
    assert flat.planarity is not None and flat.planarity < PLANAR_LIMIT


def test_skipping_twice_makes_the_check_not_possible() -> None:
    session = ActiveSession(challenge=Challenge(["nod", "turn_left", "turn_right"]))
    for i, image in enumerate(face_script("still", TURNS)[:5]):
        session.feed(image, i / 10)
    assert session.prompt == "nod"
    assert session.skip(1.0) is True and session.prompt != "nod"
    assert session.skip(1.1) is False
    assert session.result is not None and session.result.outcome == "not_possible"
    assert session.result.skipped == ("nod",)


@needs_lfw
def test_a_real_photo_moved_by_homographies_is_refused() -> None:
    """Every LFW person: one photo turned and tilted on a flat sheet towards the prompts. Whether
    the sheet manages to follow the prompts or not, it never passes, and its planar residual stays
    below the limit."""
    people = sorted(p for p in (FACES / "lfw7").iterdir() if p.is_dir())
    for person in people:
        image = cv2.imread(str(sorted(person.iterdir())[0]))
        for gestures in (TURNS, ["turn_right", "turn_left", "turn_right"]):
            for strength in (1.0, 1.4):
                result = run_challenge(
                    planar_attack_sequence(image, gestures, strength=strength), Challenge(list(gestures))
                )
                assert not result.live, (person.name, gestures, strength)
                assert result.planarity is None or result.planarity < PLANAR_LIMIT


@needs_orl
def test_real_pose_changes_of_one_person_pass_when_the_photos_follow_the_prompts() -> None:
    """Bona fide sequences built from each ORL person's own photos (the most frontal one, the one
    turned furthest left, the one furthest right). People whose photos never turn far enough time
    out, as a person who did not turn would; every sequence that follows the prompts is live."""
    followed = 0
    for person in sorted(p for p in (FACES / "att_orl").iterdir() if p.is_dir()):
        frames = photo_pose_sequence(_orl(person), TURNS)
        assert frames is not None
        result = run_challenge(frames, Challenge(list(TURNS)))
        if all(g.followed for g in result.gestures) and len(result.gestures) == len(TURNS):
            followed += 1
            assert result.live, (person.name, result.reason, result.planarity)
        else:
            assert result.outcome == "timeout"
    assert followed >= 5  # measured: 11 of 25 people have photos turned both ways far enough


@needs_orl
def test_swapping_photos_behind_a_hand_is_refused() -> None:
    """Two real photos of one person in different poses, swapped while a hand covers the camera:
    each is flat, and the track starts again after the face was lost, so the turn is planar."""
    from matching.face_engine import detect_faces

    for person in sorted(p for p in (FACES / "att_orl").iterdir() if p.is_dir()):
        frames = photo_pose_sequence(_orl(person), TURNS)
        assert frames is not None
        result = run_challenge(frames, Challenge(list(TURNS)))
        if result.live:
            break
    else:
        pytest.skip("no ORL person whose photos follow the prompts")
    hand = np.full_like(frames[0][0], 40)  # the covered camera: no face
    assert not detect_faces(hand)
    swapped, previous = [], None
    for image, _ in frames:
        if previous is not None and image is not previous:
            swapped += [hand, hand]
        swapped.append(image)
        previous = image
    result = run_challenge([(image, i / 10) for i, image in enumerate(swapped)], Challenge(list(TURNS)))
    assert all(g.followed for g in result.gestures)  # the poses follow the prompts…
    assert not result.live and result.code == "liveness.planar"  # …but every segment was flat


def test_a_skipped_gesture_is_replaced_with_its_full_time() -> None:
    still = face_script("still", TURNS)[0]
    session = ActiveSession(challenge=Challenge(["nod", "turn_left", "turn_right"], Timing(per_gesture=8.0)))
    session.feed(still, 0.0)  # neutral found: the first gesture starts at 0 s
    session.feed(still, 5.0)
    assert session.skip() is True  # at the last frame's time, 5 s
    session.feed(still, 12.5)
    assert not session.finished  # 7.5 s into the replacement
    session.feed(still, 13.5)
    assert session.result is not None and session.result.code == "liveness.timeout"
