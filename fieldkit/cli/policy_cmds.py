"""``fieldkit policy show`` and ``fieldkit policy liveness``: read and set the stored policy's
liveness part (a supervisor's change, audited by the store).

Why only the liveness part here: the certification thresholds are set on the desktop app's
settings screen; which liveness checks a certification needs is a decision a supervisor must also
be able to make (and script) from the command line, e.g. before a trip without the GUI.
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from fieldkit.cli.context import Context
from fieldkit.errors import UserError


def cmd_policy_show(ctx: Context, args: argparse.Namespace) -> int:
    """Print the stored policy (defaults when none was saved)."""
    from fieldkit.workflows.stored_policy import read_policy

    with ctx.open_store() as store:
        settings = read_policy(store)
    print(
        json.dumps(
            {
                "certification": settings.policy.to_dict(),
                "samples_per_hand": settings.samples_per_hand,
                "liveness": settings.liveness.to_dict(),
            },
            indent=2,
        )
    )
    return 0


def cmd_policy_liveness(ctx: Context, args: argparse.Namespace) -> int:
    """Change which liveness checks a certification (and an enrolment) needs (supervisor only)."""
    from fieldkit.workflows.liveness import LivenessPolicy
    from fieldkit.workflows.stored_policy import read_policy, write_policy

    with ctx.open_store() as store:
        actor = ctx.actor(store)
        if actor == "cli":
            raise UserError(
                "Changing the policy needs a supervisor: add --operator LOGIN.", code="case.not_supervisor"
            )
        settings = read_policy(store)
        current = settings.liveness
        try:
            liveness = LivenessPolicy(
                face_active=args.face_active or current.face_active,
                palm=args.palm or current.palm,
                passive_threshold=None
                if args.passive_threshold == "none"
                else float(args.passive_threshold)
                if args.passive_threshold is not None
                else current.passive_threshold,
                enrolment_face_active=args.enrolment_face_active or current.enrolment_face_active,
                enrolment_palm=args.enrolment_palm or current.enrolment_palm,
            )
        except ValueError as exc:
            raise UserError(f"Bad liveness policy: {exc}.", code="policy.bad") from None
        write_policy(store, store.operators.get(actor), dataclasses.replace(settings, liveness=liveness))
    print(f"Liveness policy: {json.dumps(liveness.to_dict())}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policy show`` and ``policy liveness``."""
    from fieldkit.workflows.liveness import FACE_MODES, PALM_MODES

    policy = sub.add_parser("policy", help="show or change the stored policy")
    actions = policy.add_subparsers(dest="policy_command", required=True)
    actions.add_parser("show", help="print the stored policy").set_defaults(handler=cmd_policy_show)
    liveness = actions.add_parser(
        "liveness", help="which liveness checks a certification and an enrolment need"
    )
    liveness.add_argument("--face-active", choices=FACE_MODES, help="the face challenge–response")
    liveness.add_argument("--palm", choices=PALM_MODES, help="palm liveness at the scanner")
    liveness.add_argument(
        "--enrolment-face-active", choices=FACE_MODES, help="the face challenge–response at enrolment"
    )
    liveness.add_argument("--enrolment-palm", choices=PALM_MODES, help="palm liveness at enrolment")
    liveness.add_argument(
        "--passive-threshold",
        metavar="X|none",
        help="MiniFASNet score below which a followed challenge still counts as an attack (default none)",
    )
    liveness.set_defaults(handler=cmd_policy_liveness)
