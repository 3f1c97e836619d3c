"""A complete field day on synthetic data, through the real workflow functions.

Why it exists: the README's first command must show the product doing its job on a machine with no
hardware and no real data. Everything below calls the functions the CLI and GUI call — roster
import, enrolment (with an ID mismatch, a capture failure and a planted duplicate), certification
(a rejected attempt, its retry, and an "already certified"), a supervisor's decision, a backup and
the audit check — against a real encrypted store in the given folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from capture.devices import CardRecord
from fieldkit import auth
from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.device_key import device_public_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write, private_folder
from fieldkit.paths import store_path
from fieldkit.services.liveness import certification_liveness
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows.cases import decide_case, due_list
from fieldkit.workflows.certification import CertificationOutcome, certify
from fieldkit.workflows.enrollment import EnrollmentOutcome, enroll
from fieldkit.workflows.gallery import load_gallery
from fieldkit.workflows.liveness import ATTACK_CASE, LivenessPolicy
from fieldkit.workflows.roster_import import import_roster
from fieldkit.workflows.stored_policy import read_policy, stored_liveness_policy, write_policy
from matching.palm_index import PalmIndex
from matching.synthetic_palm import synthetic_hand
from storage.backup import write_backup
from storage.records import Operator
from storage.store import Store

ROSTER_SIZE = 36
ENROLLED = 8
RETAKE_CODES = ("enroll.samples_disagree", "roi.samples_cut_differently")  # a second try is worth it
PLACE = "丛台区社区服务站"


@dataclass
class DayReport:
    """What happened, for the printed summary; ``problems`` lists anything that went wrong."""

    home: Path
    passphrase: str
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _card(row: list[str]) -> CardRecord:
    return CardRecord(
        id_number=row[0], name=row[1], birth_date=dt.date.fromisoformat(row[3]), source="simulated"
    )


def _hands(identity: int, first: int = 0) -> list[npt.NDArray[np.uint8]]:
    return [synthetic_hand(identity, first + i) for i in range(3)]


@dataclass
class _Team:
    """The team's session: store, operators, cycle and the duplicate-search gallery."""

    store: Store
    clerk: str
    cycle: int
    gallery: PalmIndex

    def enrol(
        self,
        card: CardRecord,
        palms: dict[str, list[npt.NDArray[np.uint8]]],
        failures: dict[str, str] | None = None,
        **liveness: Any,
    ) -> EnrollmentOutcome:
        return enroll(
            self.store,
            card=card,
            face_image=None,
            palm_images=palms,
            hand_failures=failures,
            actor=self.clerk,
            device="replay-kit",
            place=PLACE,
            cycle=self.cycle,
            gallery=self.gallery,
            **liveness,
        )

    def enrol_person(
        self, card: CardRecord, hands: dict[str, int], notes: list[str], **liveness: Any
    ) -> EnrollmentOutcome:
        """Enrol as a clerk would: when the samples of a hand disagree, retake them once; if they still
        disagree (a palm with little vein contrast), enrol without that hand and let a case say why."""
        offsets = dict.fromkeys(hands, 0)
        failures: dict[str, str] = {}
        while True:
            palms = {
                hand: _hands(identity, offsets[hand])
                for hand, identity in hands.items()
                if hand not in failures
            }
            try:
                return self.enrol(card, palms, failures, **liveness)
            except UserError as exc:
                hand = str(exc.params.get("hand", ""))
                if exc.code not in RETAKE_CODES or hand not in offsets:
                    raise
                if offsets[hand] == 0:
                    offsets[hand] = 3
                    notes.append(f"{hand} palm retaken once ({exc.code})")
                else:
                    failures[hand] = "other"
                    notes.append(f"{hand} palm could not be captured consistently: capture-failure case")

    def certify(
        self,
        card: CardRecord,
        hand: str,
        image: npt.NDArray[np.uint8],
        attempt: int = 1,
        place: str = PLACE,
        **liveness: Any,
    ) -> CertificationOutcome:
        return certify(
            self.store,
            card=card,
            palm_images={hand: image},
            face_image=None,
            actor=self.clerk,
            device="replay-kit",
            place=place,
            cycle=self.cycle,
            attempt=attempt,
            **liveness,
        )


def _liveness_round(
    store: Store, home: Path, team: _Team, lead: Operator, rows: list[list[str]]
) -> dict[str, Any]:
    """The supervisor requires the face challenge at enrolment and certification: two people
    (a synthetic face acting out the prompts) are enrolled and then certified, or — a flat picture of
    it turned to follow the prompts — held as a suspected attack; and one enrolment in front of the
    flat picture is held the same way."""
    settings = read_policy(store)
    required = LivenessPolicy(face_active="required", palm="if_available", enrolment_face_active="required")
    write_policy(store, lead, dataclasses.replace(settings, liveness=required))
    policy = stored_liveness_policy(store)
    at_enrolment = policy.for_enrolment()
    seen: dict[str, Any] = {}
    for offset, script in ((2, "live"), (3, "spoof")):
        number = ENROLLED + offset
        card = _card(rows[number])
        enrolled_live = certification_liveness(
            home, at_enrolment, prompt=lambda code: None, face_replay="live", replay_fps=30.0
        )
        team.enrol_person(
            card,
            {"left": 100 + 2 * number, "right": 101 + 2 * number},
            [],
            liveness=enrolled_live,
            liveness_policy=at_enrolment,
        )
        image = synthetic_hand(101 + 2 * number, 9)
        prompts: list[str] = []
        evidence = certification_liveness(
            home, policy, prompt=prompts.append, face_replay=script, palm=image, replay_fps=30.0
        )
        seen[script] = (
            team.certify(card, "right", image, liveness=evidence, liveness_policy=policy),
            prompts,
        )
    number = ENROLLED + 4
    flat = certification_liveness(
        home, at_enrolment, prompt=lambda code: None, face_replay="spoof", replay_fps=30.0
    )
    seen["enrol_spoof"] = team.enrol_person(
        _card(rows[number]),
        {"left": 100 + 2 * number, "right": 101 + 2 * number},
        [],
        liveness=flat,
        liveness_policy=at_enrolment,
    )
    return seen


def _outcome(result: CertificationOutcome) -> str:
    return result.decision.outcome if result.decision else result.status


def _run(store: Store, home: Path, passphrase: str, report: DayReport) -> list[list[str]]:
    say = report.lines.append
    cycle = dt.date.today().year
    lead = auth.add_operator(
        store, login="lead", name="组长", role="supervisor", password=secrets.token_hex(8), actor="demo"
    )
    clerk = auth.add_operator(
        store, login="clerk", name="办事员", role="operator", password=secrets.token_hex(8), actor=lead.uuid
    )
    rows = list(people_rows(ROSTER_SIZE, seed=cycle))
    roster_file = home / "roster-gbk.csv"
    atomic_write(roster_file, roster_csv(rows, encoding="gbk"))
    imported = import_roster(store, roster_file, cycle=cycle, region="130400", actor=clerk.uuid)
    say(f"roster: {imported.accepted} people imported from a GBK file for cycle {cycle}")

    team = _Team(store, clerk.uuid, cycle, load_gallery(store))
    retakes: list[str] = []
    for number, row in enumerate(rows[:ENROLLED]):
        team.enrol_person(_card(row), {"left": 100 + 2 * number, "right": 101 + 2 * number}, retakes)
    say(
        f"enrolment: {ENROLLED} rostered people, both palms, 3 quality-checked samples each"
        + (f" ({'; '.join(retakes)})" if retakes else "")
    )
    stranger = CardRecord(id_number="11010519491231002X", name="赵外省", source="simulated")
    mismatch = team.enrol(stranger, {"left": _hands(300), "right": _hands(301)})
    say(
        f"a card not in the roster: enrolled ({mismatch.status}), case {mismatch.cases[0].reference} "
        f"({mismatch.cases[0].kind})"
    )
    injured = team.enrol(_card(rows[ENROLLED]), {"left": _hands(302)}, {"right": "injury"})
    failure = next(c for c in injured.cases if c.kind == "capture_failure")
    say(f"a bandaged right hand: enrolled on the left palm, case {failure.reference} (capture failure)")
    planted = team.enrol(
        _card(rows[ENROLLED + 1]),
        {"left": [synthetic_hand(100, 5 + i) for i in range(3)], "right": _hands(303)},
    )
    hits = [c for c in planted.cases if c.kind == "suspected_duplicate"]
    say(
        f"planted duplicate (the first person's left palm under another ID): {planted.status}"
        + (f", case {hits[0].reference}, score {hits[0].details['score']}" if hits else ", NOT FOUND")
    )
    decided = decide_case(
        store,
        mismatch.cases[0].reference,
        approve=True,
        supervisor=lead,
        note="HQ confirmed the person; roster to be corrected",
    )
    say(f"the supervisor approved case {decided.reference}")

    timings, accepted = [], 0
    for number, row in enumerate(rows[:ENROLLED]):
        started = time.perf_counter()
        result = team.certify(_card(row), "right", synthetic_hand(101 + 2 * number, 9))
        timings.append((time.perf_counter() - started) * 1000)
        accepted += _outcome(result) == "accept"
    say(
        f"certification: {accepted} of {ENROLLED} accepted on a fresh right palm "
        f"(median {statistics.median(timings):.0f} ms from capture to recorded decision)"
    )
    wrong = team.certify(stranger, "left", synthetic_hand(999, 0), place="家访")
    retry = team.certify(stranger, "left", synthetic_hand(300, 8), attempt=2, place="家访")
    again = team.certify(stranger, "left", synthetic_hand(300, 9), place="家访")
    say(
        f"home visit: a wrong palm → {_outcome(wrong)}; retry → {_outcome(retry)}; once more → {again.status}"
    )

    seen = _liveness_round(store, home, team, lead, rows)
    live, live_prompts = seen["live"]
    spoof, _ = seen["spoof"]
    attack = [c for c in spoof.cases if c.kind == ATTACK_CASE]
    say(
        "liveness required by the supervisor: a synthetic face turning as asked "
        f"({', '.join(p for p in live_prompts if p.startswith('turn'))}) "
        f"→ {_outcome(live)}; a flat picture of it turned to follow the prompts → {_outcome(spoof)}"
        + (f", case {attack[0].reference} (suspected presentation attack)" if attack else "")
    )
    held = seen["enrol_spoof"]
    enrol_attack = [c for c in held.cases if c.kind == ATTACK_CASE]
    say(
        "liveness at enrolment: the same flat picture in front of the camera while enrolling → "
        f"enrolment {held.status}"
        + (f", case {enrol_attack[0].reference} (suspected presentation attack)" if enrol_attack else "")
    )

    receipts = store.outbox.pending(limit=100_000)
    issued = sum(1 for entry in receipts if entry.record_type == "receipt")
    say(
        f"signed receipts issued: {issued} "
        f"(device key {wire_keys.key_id(device_public_key(store, clerk.uuid))})"
    )
    entries = due_list(store, cycle=cycle)
    done = sum(1 for e in entries if e.certified)
    say(f"work list: {done} of {len(entries)} rostered people certified, {len(entries) - done} still due")
    write_backup(store, home / "backup.fkb", passphrase)
    audit = store.verify_audit()
    say(
        f"backup written; audit trail {'intact' if audit.ok else 'BROKEN'} ({audit.checked} events); "
        f"{len(store.cases.list(status='open'))} cases open for headquarters"
    )
    report.problems += audit.problems
    expected = {
        "all accepted": accepted == ENROLLED,
        "duplicate held": planted.status == "held" and bool(hits),
        "wrong palm refused": _outcome(wrong) in ("reject", "retry"),
        "retry accepted": _outcome(retry) == "accept",
        "no double count": again.status == "already_certified",
        "live face accepted": _outcome(live) == "accept",
        "flat picture held as an attack": _outcome(spoof) == "needs_review" and bool(attack),
    }
    report.problems += [f"expected but not seen: {name}" for name, ok in expected.items() if not ok]
    return rows


def run_field_day(home: Path) -> DayReport:
    """Run the day in ``home`` (which must not hold a store yet) and return the report."""
    private_folder(home)
    passphrase = "-".join(secrets.token_hex(3) for _ in range(4))
    report = DayReport(home=home, passphrase=passphrase)
    started = time.perf_counter()
    store = Store.create(store_path(home), passphrase)
    try:
        rows = _run(store, home, passphrase, report)
    finally:
        store.close()
    raw = store_path(home).read_bytes()
    leaked = any(row[0].encode() in raw or row[1].encode("utf-8") in raw for row in rows)
    report.lines.append(
        "store file: " + ("READABLE PERSONAL DATA" if leaked else "no readable names or ID numbers")
    )
    if leaked:
        report.problems.append("personal data readable in the store file")
    report.lines.append(f"finished in {time.perf_counter() - started:.1f} s")
    return report
