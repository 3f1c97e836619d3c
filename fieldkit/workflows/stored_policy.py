"""The team's certification policy, kept in the encrypted store and changed by supervisors only.

Why in the store and not in a settings file: the policy (which false-accept rate for palm alone,
for palm and face fused, how many attempts, how many samples per hand) decides who is certified, so
it belongs with the team's data, is changed only by a supervisor, and every change is audited. The
CLI and the desktop app read it the same way; no policy saved means the calibrated defaults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fieldkit.errors import UserError
from fieldkit.workflows.enrollment import DEFAULT_SAMPLES
from fieldkit.workflows.liveness import LivenessPolicy
from fieldkit.workflows.policy import DecisionContext, decision_context
from matching.errors import MatchingError
from matching.fusion import Policy
from storage.records import Operator
from storage.store import Store

POLICY_KEY = "policy"


@dataclass(frozen=True)
class PolicySettings:
    """The certification policy and the enrolment sample count a supervisor may change."""

    policy: Policy
    samples_per_hand: int = DEFAULT_SAMPLES
    liveness: LivenessPolicy = field(default_factory=LivenessPolicy)


def read_policy(store: Store) -> PolicySettings:
    """The stored policy, or the defaults when none was ever saved."""
    text = store.meta(POLICY_KEY)
    if not text:
        return PolicySettings(Policy())
    try:
        data = json.loads(text)
        return PolicySettings(
            Policy.from_dict(data.get("certification", {})),
            int(data.get("samples_per_hand", DEFAULT_SAMPLES)),
            LivenessPolicy.from_dict(data.get("liveness", {})),
        )
    except (ValueError, TypeError, AttributeError):
        raise UserError(
            "The stored policy is damaged; a supervisor must save the policy again.", code="policy.damaged"
        ) from None


def context_for(settings: PolicySettings) -> DecisionContext:
    """Thresholds for the policy (raises ``thresholds.unsupported`` if the data cannot vouch for it)."""
    return decision_context(settings.policy)


def stored_context(store: Store) -> tuple[DecisionContext, int]:
    """(thresholds of the stored policy, samples per hand): what enrollment and certification use."""
    settings = read_policy(store)
    try:
        return context_for(settings), settings.samples_per_hand
    except MatchingError as exc:
        raise UserError(exc.message, code=exc.code) from None


def stored_liveness_policy(store: Store) -> LivenessPolicy:
    """The liveness checks the stored policy requires (none when no policy was ever saved)."""
    return read_policy(store).liveness


def write_policy(store: Store, supervisor: Operator, settings: PolicySettings) -> DecisionContext:
    """Save a new policy; only a supervisor may, and only a policy the calibration supports."""
    if supervisor.role != "supervisor":
        raise UserError("Only a supervisor can change the policy.", code="case.not_supervisor")
    if not 1 <= settings.samples_per_hand <= 10:
        raise UserError("Samples per hand must be between 1 and 10.", code="policy.bad")
    try:
        context = context_for(settings)
    except ValueError as exc:
        raise UserError(str(exc), code="policy.bad") from None
    except MatchingError as exc:
        raise UserError(exc.message, code=exc.code) from None
    text = json.dumps(
        {
            "certification": settings.policy.to_dict(),
            "samples_per_hand": settings.samples_per_hand,
            "liveness": settings.liveness.to_dict(),
        },
        sort_keys=True,
    )
    with store.transaction(supervisor.uuid):
        store.set_meta(POLICY_KEY, text, action="policy.changed")
    return context
