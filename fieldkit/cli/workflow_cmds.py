"""``fieldkit enroll``, ``certify``, ``case list|show|approve|reject`` and ``due``: the field workflows
from the command line, with captures given as image files (or taken from the configured devices by
the GUI later). They print a clear result; ``certify`` exits 1 unless the person was accepted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from capture.devices import CardRecord

from fieldkit.cli.arg_types import CYCLE, int_range
from fieldkit.cli.context import Context
from fieldkit.errors import UsageError, UserError
from fieldkit.identity.idnumber import mask_id_number


def _read_image(path: str, *, colour: bool) -> npt.NDArray[np.uint8]:
    import cv2
    import numpy as np

    from matching.errors import MatchingError
    from matching.image_io import decode_bounded

    try:
        data = Path(path).read_bytes()
        # note: the size is read from the header and refused before any pixel is decoded
        image = decode_bounded(data, cv2.IMREAD_COLOR if colour else cv2.IMREAD_GRAYSCALE)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.", code="image.unreadable") from None
    except MatchingError as exc:
        raise UserError(f"{Path(path).name}: {exc.message}", code=exc.code) from None
    return np.asarray(image, dtype=np.uint8)


def _card(args: argparse.Namespace) -> CardRecord:
    from capture.devices import CardRecord

    return CardRecord(id_number=args.id_number, name=args.name or "", source="manual")


def _hand_failures(values: list[str]) -> dict[str, str]:
    failures = {}
    for value in values:
        hand, equals, reason = value.partition("=")
        if not equals or hand.strip() not in ("left", "right") or not reason.strip():
            raise UsageError("--hand-failure takes HAND=REASON with HAND left or right, e.g. left=injury.")
        failures[hand.strip()] = reason.strip()
    return failures


def liveness_options(parser: argparse.ArgumentParser) -> None:
    """The liveness devices of ``enroll`` and ``certify`` (the checks run are the policy's)."""
    parser.add_argument(
        "--liveness-camera",
        default="face_camera",
        metavar="DEVICE",
        help="the camera for the face liveness challenge the policy requires (a role or driver name)",
    )
    parser.add_argument(
        "--liveness-replay",
        choices=("live", "spoof", "still"),
        help="simulation: a synthetic face acting out the challenge (live), a flat picture (spoof) or still",
    )
    parser.add_argument(
        "--palm-liveness-replay",
        choices=("live", "print", "screen"),
        help="simulation: show the palm image on a simulated NIR scanner as a live hand, a print or a screen",
    )


def cmd_enroll(ctx: Context, args: argparse.Namespace) -> int:
    """Enrol one person from image files: a scripted walk through the wizard the desktop app draws
    (the card, the face, each hand's samples or its failure, then the one save)."""
    from fieldkit.services.enrolment_wizard import EnrolmentWizard
    from fieldkit.workflows.stored_policy import stored_context

    wizard = EnrolmentWizard()
    draft = wizard.draft
    draft.card = _card(args)
    draft.face_image = _read_image(args.face, colour=True) if args.face else None
    draft.face_skipped = draft.face_image is None
    draft.samples = {
        "left": [_read_image(p, colour=False) for p in args.palm_left],
        "right": [_read_image(p, colour=False) for p in args.palm_right],
    }
    draft.failures = _hand_failures(args.hand_failure)
    draft.retiree_cannot_sign = args.cannot_sign
    from fieldkit.services.liveness import certification_liveness
    from fieldkit.workflows.stored_policy import stored_liveness_policy

    with ctx.open_store() as store:
        liveness_policy = stored_liveness_policy(store).for_enrolment()
    first_palm = next((images[0] for images in draft.palm_images().values() if images), None)
    draft.liveness = certification_liveness(
        ctx.home,
        liveness_policy,
        face_replay=args.liveness_replay,
        face_device=args.liveness_camera,
        palm=first_palm,
        palm_replay=args.palm_liveness_replay,
    )
    with ctx.open_store() as store:
        context, samples = stored_context(store)
        outcome, _ = wizard.save(
            store,
            actor=ctx.actor(store),
            device="files",
            place=args.place,
            cycle=args.cycle,
            samples=args.samples or samples,
            context=context,
            liveness_policy=liveness_policy,
        )
    held_for = [
        words
        for kinds, words in (
            (("suspected_duplicate",), "suspected duplicate"),
            (("presentation_attack",), "suspected presentation attack"),
            (("liveness_not_possible",), "liveness not possible"),
        )
        if any(c.kind in kinds for c in outcome.cases)
    ]
    print(
        f"Enrolled {mask_id_number(outcome.person.id_number)}: {outcome.status}"
        + (f" — held for a supervisor ({', '.join(held_for)})" if outcome.status == "held" else "")
    )
    checked = outcome.liveness
    if checked is not None and (checked.status != "not_required" or checked.summary):
        print(f"  liveness {checked.status}" + (f": {'; '.join(checked.reasons)}" if checked.reasons else ""))
    for case in outcome.cases:
        print(f"  case {case.reference}: {case.kind}")
    print(f"  receipt {outcome.receipt.number}")
    return 0


SLIP_RESULTS = ("reject", "needs_review")
"""Results for which ``certify`` issues the signed 未通过/待复核 slip (a "retry" is done on the spot)."""


def cmd_certify(ctx: Context, args: argparse.Namespace) -> int:
    """Certify one person from image files; exit 0 only when accepted (or already certified)."""
    from fieldkit.workflows.certification import certify

    palms = {
        hand: _read_image(path, colour=False)
        for hand, path in (("left", args.palm_left), ("right", args.palm_right))
        if path
    }
    face = _read_image(args.face, colour=True) if args.face else None
    if not palms and face is None:
        raise UserError(
            "Give a palm (--palm-left/--palm-right) or a face (--face) to certify with.",
            code="certify.no_capture",
        )
    from fieldkit.services.visit_evidence import typed_location
    from fieldkit.workflows.exceptions import Delegation, HomeVisit, NoCardApproval

    visit = None
    if args.witness or args.witness_relation or args.visit_photo or args.location:
        photo = _read_image(args.visit_photo, colour=True) if args.visit_photo else None
        visit = HomeVisit(
            witness_name=args.witness or "",
            witness_relation=args.witness_relation or "",
            photo=photo,
            location=typed_location(args.location) if args.location else None,
        )
    delegation = None
    if args.delegated_office:
        delegation = Delegation(office=args.delegated_office, documents=tuple(args.documents))
    no_card = None
    if args.no_card_approval:
        no_card = NoCardApproval(reference=args.no_card_approval, approved_by=args.approved_by or "")
    from fieldkit.workflows.stored_policy import stored_context, stored_liveness_policy

    with ctx.open_store() as store:
        context, _ = stored_context(store)
        liveness_policy = stored_liveness_policy(store)
    from fieldkit.services.liveness import certification_liveness

    liveness = certification_liveness(
        ctx.home,
        liveness_policy,
        face_replay=args.liveness_replay,
        face_device=args.liveness_camera,
        palm=next(iter(palms.values()), None),
        palm_replay=args.palm_liveness_replay,
    )
    with ctx.open_store() as store:
        outcome = certify(
            store,
            card=_card(args),
            palm_images=palms,
            face_image=face,
            actor=ctx.actor(store),
            device="files",
            place=args.place,
            cycle=args.cycle,
            attempt=args.attempt,
            home_visit=visit,
            delegation=delegation,
            no_card=no_card,
            context=context,
            liveness=liveness,
            liveness_policy=liveness_policy,
            retiree_cannot_sign=args.cannot_sign,
        )
    if outcome.decision is None:
        print(outcome.message)
        return 0 if outcome.status == "already_certified" else 1
    print(f"{outcome.decision.outcome.upper()}: {outcome.decision.reason}")
    if outcome.certification is not None:
        print(f"  scores {json.dumps(outcome.certification.scores)}")
    checked = (outcome.certification.evidence if outcome.certification is not None else {}).get("liveness")
    if checked:
        print(
            f"  liveness {checked['status']}"
            + (f": {'; '.join(checked['reasons'])}" if checked["reasons"] else "")
        )
    if outcome.receipt is not None:
        print(f"  receipt {outcome.receipt.number}")
    for case in outcome.cases:
        print(f"  case {case.reference}: {case.kind}")
    if outcome.certification is not None and outcome.decision.outcome in SLIP_RESULTS and not args.no_slip:
        from fieldkit.services.receipts import issue_not_passed_slip

        with ctx.open_store() as store:
            slip = issue_not_passed_slip(store, ctx.actor(store), outcome.certification.uuid)
        print(f"  slip {slip.number} (not passed / held; print it: fieldkit receipt print {slip.number})")
    return 0 if outcome.decision.outcome == "accept" else 1


def cmd_case_list(ctx: Context, args: argparse.Namespace) -> int:
    """Cases, open ones by default."""
    from fieldkit.workflows.cases import case_rows

    with ctx.open_store() as store:
        cases = case_rows(store, status=None if args.all else "open")
    for case in cases:
        print(f"{case.reference}  {case.kind:<22} {case.status:<9} {case.opened_at}")
    if not cases:
        print("No cases." if args.all else "No open cases.")
    return 0


def cmd_case_show(ctx: Context, args: argparse.Namespace) -> int:
    """One case in full, the person masked: a case is read on a shared supervisor screen (``person
    show`` is the deliberate look-up by ID number)."""
    from fieldkit.privacy import mask_id_numbers, mask_name
    from fieldkit.workflows.cases import find_case

    with ctx.open_store() as store:
        case = find_case(store, args.reference)
        person = store.people.get(case.person_uuid) if case.person_uuid else None
    print(f"{case.reference}: {case.kind}, {case.status}, opened {case.opened_at}")
    if person is not None:
        print(f"  person {mask_name(person.name)} {mask_id_numbers(person.id_number)}  (uuid {person.uuid})")
    print(f"  details {mask_id_numbers(json.dumps(case.details, ensure_ascii=False))}")
    if case.decided_at:
        print(f"  decided {case.decided_at}: {case.decision_note}")
    return 0


def cmd_case_decide(ctx: Context, args: argparse.Namespace) -> int:
    """Approve or reject a case as a supervisor (``--operator`` must name one)."""
    from fieldkit.workflows.cases import decide_case
    from fieldkit.workflows.enrolment_holds import releases_enrolment

    with ctx.open_store() as store:
        actor = ctx.actor(store)
        if actor == "cli":
            raise UserError(
                "Deciding a case needs a supervisor: add --operator LOGIN.", code="case.not_supervisor"
            )
        case = decide_case(
            store,
            args.reference,
            approve=args.case_command == "approve",
            note=args.note,
            supervisor=store.operators.get(actor),
        )
        released = releases_enrolment(store, case)
    print(f"Case {case.reference} {case.status}.")
    if released:
        print("The enrolment it held is released: this person can now be certified against it.")
    return 0


def cmd_due(ctx: Context, args: argparse.Namespace) -> int:
    """The cycle's work list: who is done and who is still due."""
    from fieldkit.workflows.cases import due_list

    with ctx.open_store() as store:
        entries = due_list(
            store, cycle=args.cycle, district=args.district, unit=args.unit, home_visit=args.home_visit
        )
    done = sum(1 for e in entries if e.certified)
    for entry in entries if args.all else [e for e in entries if not e.certified]:
        state = "certified" if entry.certified else ("due" if entry.enrolled else "due (not enrolled)")
        print(f"{entry.person.id_number}  {entry.person.name:<8} {entry.person.unit or '':<12} {state}")
    print(f"Cycle {args.cycle}: {done} of {len(entries)} certified, {len(entries) - done} due.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the workflow commands."""
    year = dt.date.today().year

    def identity(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--id-number", required=True)
        parser.add_argument("--name", default="")
        parser.add_argument("--face", metavar="FILE")
        parser.add_argument("--place", default="")
        parser.add_argument("--cycle", type=CYCLE, default=year)

    enroll = sub.add_parser("enroll", help="enrol a person from image files")
    identity(enroll)
    enroll.add_argument("--palm-left", nargs="*", default=[], metavar="FILE")
    enroll.add_argument("--palm-right", nargs="*", default=[], metavar="FILE")
    enroll.add_argument(
        "--cannot-sign", action="store_true", help="the retiree cannot sign: the receipt prints 无法签名"
    )
    enroll.add_argument(
        "--hand-failure",
        action="append",
        default=[],
        metavar="HAND=REASON",
        help="a hand that cannot be captured: injury, amputation, refused, device_fault, other",
    )
    enroll.add_argument(
        "--samples", type=int_range(1, 10), help="samples required per hand (default: the stored policy)"
    )
    liveness_options(enroll)
    enroll.set_defaults(handler=cmd_enroll)

    certify = sub.add_parser("certify", help="certify a person from image files")
    identity(certify)
    certify.add_argument("--palm-left", metavar="FILE")
    certify.add_argument("--palm-right", metavar="FILE")
    certify.add_argument("--attempt", type=int_range(1, 10), default=1)
    certify.add_argument("--witness", help="home visit: the witness's name")
    certify.add_argument("--witness-relation", help="home visit: the witness's relation to the retiree")
    certify.add_argument("--visit-photo", metavar="FILE", help="home visit: a photo of the visit")
    certify.add_argument(
        "--location", metavar="PLACE", help='home visit: "LAT, LON" in decimal degrees, or the address'
    )
    certify.add_argument(
        "--delegated-office", metavar="OFFICE", help="delegated certification at this office"
    )
    certify.add_argument(
        "--documents",
        nargs="*",
        default=[],
        metavar="DOC",
        help="documents presented: retirement_certificate, id_card, assistance_form, other",
    )
    certify.add_argument("--no-card-approval", metavar="REF", help="no ID card: the approval's reference")
    certify.add_argument("--approved-by", metavar="NAME", help="no ID card: the approving official")
    liveness_options(certify)
    certify.add_argument(
        "--cannot-sign", action="store_true", help="the retiree cannot sign: receipts print 无法签名"
    )
    certify.add_argument(
        "--no-slip", action="store_true", help="no 未通过/待复核 slip when the certification does not pass"
    )
    certify.set_defaults(handler=cmd_certify)

    case = sub.add_parser("case", help="list, show and decide cases")
    actions = case.add_subparsers(dest="case_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="open cases (--all for every case)")
    listing.add_argument("--all", action="store_true")
    listing.set_defaults(handler=cmd_case_list)
    show = actions.add_parser("show", help="one case")
    show.add_argument("reference")
    show.set_defaults(handler=cmd_case_show)
    for verb in ("approve", "reject"):
        decide = actions.add_parser(verb, help=f"{verb} a case (supervisor)")
        decide.add_argument("reference")
        decide.add_argument("--note", required=True)
        decide.set_defaults(handler=cmd_case_decide)

    due = sub.add_parser("due", help="the cycle's work list")
    due.add_argument("--cycle", type=CYCLE, default=year)
    due.add_argument("--district")
    due.add_argument("--unit")
    due.add_argument("--home-visit", action="store_true", help="only people flagged for home visits")
    due.add_argument("--all", action="store_true", help="include those already certified")
    due.set_defaults(handler=cmd_due)
