"""The random challenge: which gestures, in which order, how long each may take, and skipping.

Why these rules:
- Gestures are head movements YuNet's five landmarks can see: turn left, turn right, nod (look
  down) and look up. Blinking is left out: YuNet gives eye centres, not eyelids, so a closed eye
  moves no landmark; a blink test would need another landmark model.
- The order is drawn from ``secrets`` so a pre-recorded video cannot know it.
- Timing is generous (``Timing``): an elderly person hears the prompt, understands and moves slowly;
  a cooperative person needs ~1 s per gesture, so the challenge costs about 3–4 s.
- A person who cannot make one kind of gesture (a stiff neck cannot nod) may skip it once: the
  gesture is replaced by another kind, so the count never falls below ``MIN_GESTURES``; a second
  skip makes the check "not possible", which the workflow turns into a case, never an accept.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field

GESTURES = ("turn_left", "turn_right", "nod", "look_up")
MIN_GESTURES = 3
MAX_SKIPS = 1

PROMPTS: dict[str, tuple[str, str]] = {  # code -> (Chinese, English); the GUI translates by code
    "look_at_camera": ("请正对镜头", "Please look straight at the camera"),
    "turn_left": ("请慢慢向左转头", "Please turn your head slowly to your left"),
    "turn_right": ("请慢慢向右转头", "Please turn your head slowly to your right"),
    "nod": ("请慢慢低头", "Please lower your head slowly (nod)"),
    "look_up": ("请慢慢抬头", "Please raise your head slowly (look up)"),
    "back_to_centre": ("请转回正面", "Please face the camera again"),
    "done": ("完成", "Done"),
}


@dataclass(frozen=True)
class Timing:
    """Seconds allowed: to show a face at the start, per gesture, and to come back to the centre."""

    find_face: float = 10.0
    per_gesture: float = 8.0
    back_to_centre: float = 6.0


@dataclass
class Challenge:
    """A drawn sequence of gestures; ``skip`` replaces the current one (once)."""

    gestures: list[str]
    timing: Timing = field(default_factory=Timing)
    skipped: list[str] = field(default_factory=list)

    def skip(self, position: int) -> str | None:
        """Replace the gesture at ``position`` by another kind; None when no more skips are allowed."""
        if len(self.skipped) >= MAX_SKIPS or not 0 <= position < len(self.gestures):
            return None
        gone = self.gestures[position]
        self.skipped.append(gone)
        allowed = [g for g in GESTURES if g not in self.skipped and g != gone]
        later = set(self.gestures[position + 1 :])
        fresh = [g for g in allowed if g not in later] or allowed
        self.gestures[position] = secrets.choice(fresh)
        return self.gestures[position]


def draw_challenge(
    count: int = MIN_GESTURES, timing: Timing | None = None, kinds: tuple[str, ...] = GESTURES
) -> Challenge:
    """``count`` (≥ ``MIN_GESTURES``) gestures, at least one turn, no kind twice in a row.

    ``kinds`` narrows the gestures (a simulated camera whose drawn face only turns); it must keep
    both turns, so the sequence stays unpredictable.
    """
    count = max(count, MIN_GESTURES)
    if not {"turn_left", "turn_right"} <= set(kinds) or not set(kinds) <= set(GESTURES):
        raise ValueError(f"kinds must be gestures of {GESTURES} including both turns")
    while True:
        gestures = [secrets.choice(kinds) for _ in range(count)]
        if any(g.startswith("turn") for g in gestures) and all(
            a != b for a, b in itertools.pairwise(gestures)
        ):
            return Challenge(gestures, timing or Timing())


def prompt_text(code: str, *, english: bool = False) -> str:
    """The spoken/written prompt for a code (Chinese first)."""
    chinese, in_english = PROMPTS[code]
    return in_english if english else chinese
