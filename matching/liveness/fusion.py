"""How the active check and the passive score combine into one liveness verdict.

Why the passive score does not decide by default: measured on what exists (README, liveness
section), MiniFASNet scored the AT&T/ORL bona fide photos (grey, small) as spoofs (median live
score 0.03) and did not separate simulated halftone prints from the LFW bona fide photos (both
medians ≈ 0.95); it did pick out simulated screen moiré. A second signal that rejects real people
would turn bona fide retirees into "suspected attack" cases, so by default it is recorded
(``passive_score`` in the evidence) and does not change the verdict. A supervisor whose own
measurement (the README's protocol on their cameras) supports it can set ``passive_threshold``:
then a live active result with a passive score below it becomes "spoof" (a case, never a silent
reject). The active result is never overruled the other way: a passive "live" cannot rescue a
failed challenge.
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.liveness.active import ActiveResult

PASSIVE_THRESHOLD = 0.5  # the models' own decision point (class 1 = live above one half)


@dataclass(frozen=True)
class Verdict:
    """The fused outcome ("live", "spoof", "timeout", "not_possible"), code and reason."""

    outcome: str
    code: str
    reason: str
    passive_score: float | None


def fuse(
    active: ActiveResult, passive_score: float | None, passive_threshold: float | None = None
) -> Verdict:
    """The active result, downgraded to "spoof" only when a passive threshold is set and missed
    (and to "not_possible" when it is set but the passive score could not be computed: a veto the
    supervisor asked for is never skipped silently)."""
    if active.outcome != "live" or passive_threshold is None:
        return Verdict(active.outcome, active.code, active.reason, passive_score)
    if passive_score is None:
        reason = (
            "the passive check the policy requires could not be run (model missing or damaged, or no face)"
        )
        return Verdict("not_possible", "liveness.passive_unavailable", reason, None)
    if passive_score < passive_threshold:
        reason = (
            f"the face followed the prompts, but the passive check scored it {passive_score:.2f} "
            f"(below {passive_threshold:.2f}): suspected photo or screen"
        )
        return Verdict("spoof", "liveness.passive", reason, passive_score)
    return Verdict(active.outcome, active.code, active.reason, passive_score)
