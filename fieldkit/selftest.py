"""The self-test of an installed or packaged fieldkit: every part a field laptop relies on, offline.

Why it exists: a packaged app can build fine and still lack a model file, a font, a hidden import or
a native library, and a team finds out only in a village. ``fieldkit self-test`` (and
``<built app> --self-test``) runs the real workflow functions once on synthetic data in a throw-away
folder — an encrypted store, the face and palm pipelines, a signed receipt PDF read back, a batch
taken in by a headquarters and a sync over loopback HTTP — and prints PASS/FAIL per step, so one
command on the target machine says whether this copy of the program works there.

What the face step proves: no real face ships with the program (the repository holds nobody's
picture), so it runs on a face *drawn* here. That proves the two models are present, pass their
SHA-256 check, load in this OpenCV, and that detection, alignment and embedding run; it says nothing
about recognition accuracy (that is ``python -m matching.evaluate face``).

Nothing printed carries an ID number or a name; the synthetic person's never leave the temp folder.
"""

from __future__ import annotations

import io
import json
import secrets
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from fieldkit.privacy import mask_text

ACTOR = "self-test"
CYCLE = 2026
TIME_BUDGET_SECONDS = 20.0  # the limit for the whole self-test
# note: printed text stays ASCII: a Windows console redirected to a file encodes with the ANSI code page


class StepFailed(Exception):
    """A check inside a step did not hold (the message says which)."""


@dataclass
class StepResult:
    """One line of the report."""

    name: str
    ok: bool
    seconds: float
    detail: str


@dataclass
class SelfTestReport:
    """Every step's result; ``ok`` only when all passed."""

    version: str
    steps: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "version": self.version,
            "seconds": round(self.seconds, 2),
            "steps": [
                {"name": s.name, "ok": s.ok, "seconds": round(s.seconds, 2), "detail": s.detail}
                for s in self.steps
            ],
        }


@dataclass
class _Run:
    """State handed from step to step (the store, the person, the receipt, the HQ)."""

    folder: Path
    store: Any = None
    receipt_number: str = ""
    hq_public_key: bytes = b""
    hq_signing_key: bytes = b""
    face_image: npt.NDArray[np.uint8] | None = None
    throwaway_passphrase: str = field(default_factory=lambda: secrets.token_hex(16))

    def hq_passphrase(self, _new: bool) -> str:
        """The temporary HQ's key passphrase (its keys die with the temporary folder)."""
        return self.throwaway_passphrase


def synthetic_face(shift: tuple[int, int] = (0, 0), scale: float = 1.0) -> npt.NDArray[np.uint8]:
    """A drawn frontal face on a plain background (640×480 BGR), which YuNet detects.

    note: shading, blur and noise matter — a flat cartoon is not taken for a face.
    """
    image = np.full((480, 640, 3), (180, 190, 200), np.uint8)
    cx, cy = 320 + shift[0], 250 + shift[1]

    def s(value: float) -> int:
        return round(value * scale)

    skin = (150, 180, 225)
    cv2.ellipse(image, (cx, cy + s(10)), (s(95), s(125)), 0, 0, 360, skin, -1)
    cv2.ellipse(image, (cx, cy - s(90)), (s(105), s(60)), 0, 180, 360, (40, 40, 50), -1)  # hair
    for side in (-1, 1):
        cv2.ellipse(image, (cx + side * s(92), cy + s(10)), (s(14), s(28)), 0, 0, 360, skin, -1)  # ears
        eye = (cx + side * s(38), cy - s(20))
        cv2.ellipse(image, eye, (s(20), s(10)), 0, 0, 360, (250, 250, 250), -1)
        cv2.circle(image, eye, s(8), (60, 40, 30), -1)
        cv2.circle(image, eye, s(3), (0, 0, 0), -1)
        cv2.ellipse(image, (eye[0], cy - s(42)), (s(24), s(6)), 0, 180, 360, (40, 40, 50), 4)  # brows
    nose = np.array([[cx, cy - s(10)], [cx - s(14), cy + s(35)], [cx + s(14), cy + s(35)]], np.int32)
    cv2.polylines(image, [nose], False, (110, 140, 190), 3)
    cv2.ellipse(image, (cx, cy + s(70)), (s(32), s(12)), 0, 0, 180, (80, 80, 170), -1)
    cv2.line(image, (cx - s(32), cy + s(70)), (cx + s(32), cy + s(70)), (60, 60, 140), 2)
    blurred = cv2.GaussianBlur(image, (0, 0), 2.0).astype(np.float64)
    noise = np.random.default_rng(1).normal(0, 4, blurred.shape)
    return np.clip(blurred + noise, 0, 255).astype(np.uint8)


def step_store(run: _Run) -> str:
    """Create an encrypted store, close it, open it again with its passphrase, and look at the file."""
    from fieldkit.paths import store_path
    from storage.store import Store

    path = store_path(run.folder / "laptop")
    path.parent.mkdir(parents=True)
    passphrase = secrets.token_urlsafe(12)
    Store.create(path, passphrase).close()
    run.store = Store.open(path, passphrase)
    problems = run.store.check()
    if problems:
        raise StepFailed(f"store check: {problems[0]}")
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise StepFailed("the store file is a plain SQLite file: it is not encrypted")
    return f"SQLCipher store created and reopened, schema {run.store.schema_version}, file encrypted"


def step_devices(run: _Run) -> str:
    """Every built-in driver is registered and importable; the replay kit gives a palm frame and a card.

    note: a packaged app has no entry-point metadata, so this is where a driver whose module the
    build left out shows up ("missing libraries for ..."), not at a field laptop's first scan.
    """
    from capture.registry import builtin_registry
    from fieldkit.devices.registry import open_device, registry

    entries = registry().list()
    absent = sorted(set(builtin_registry().names()) - {e.name for e in entries})
    broken = [
        f"{e.name}: {e.reason}" for e in entries if e.source == "builtin" and "missing" in (e.reason or "")
    ]
    if absent or broken:
        raise StepFailed("; ".join([f"not registered: {', '.join(absent)}"] * bool(absent) + broken))
    home = run.folder / "devices"
    palm = open_device(home, "palm_scanner")
    try:
        frame = palm.grab()  # type: ignore[union-attr]
    finally:
        palm.close()
    reader = open_device(home, "card_reader")
    try:
        card = reader.read_card() if reader.wait_for_card(2.0) else None  # type: ignore[union-attr]
    finally:
        reader.close()
    if card is None or frame.image.size == 0:
        raise StepFailed("the replay kit gave no palm frame or no card")
    usable = sum(e.available for e in entries)
    return (
        f"{len(entries)} drivers registered ({usable} usable here); replay kit: a palm frame and a card read"
    )


def step_face(run: _Run) -> str:
    """Verify and load both models, detect and embed a drawn face, and find none in a blank frame."""
    from matching.face_engine import analyse_face, detect_faces, similarity
    from matching.face_models import load_models

    load_models()  # raises ModelError when a file is missing or its SHA-256 differs
    if detect_faces(np.full((480, 640, 3), 200, np.uint8)):
        raise StepFailed("a face was found in a blank frame")
    run.face_image = synthetic_face()
    first = analyse_face(run.face_image)
    moved = analyse_face(synthetic_face(shift=(-40, 10), scale=0.85))
    norm = float(np.linalg.norm(first.embedding))
    if first.embedding.shape != (128,) or abs(norm - 1.0) > 1e-3:
        raise StepFailed(f"embedding has shape {first.embedding.shape} and norm {norm:.3f}")
    same = float(similarity(first.embedding, moved.embedding))
    if same < 0.8:
        raise StepFailed(f"the same drawn face, moved, scored only {same:.2f}")
    return (
        f"models SHA-256 verified and loaded; drawn face detected (score {first.face.score:.2f}, "
        f"quality {first.quality.score}), 128-d embedding, moved copy {same:.2f} "
        "(proves the models run, not accuracy)"
    )


def step_palm(run: _Run) -> str:
    """Enrol a synthetic person (both palms, 3 samples each, and the drawn face) and certify them."""
    from capture.idcard.synthetic import synthetic_cards
    from fieldkit.workflows.certification import certify
    from fieldkit.workflows.enrollment import enroll
    from matching.synthetic_palm import synthetic_hand
    from storage.records import Person

    store = run.store
    card = synthetic_cards(1, seed=20_260)[0]
    person = Person(id_number=card.id_number, name=card.name, birth_date=card.birth_date, gender=card.gender)
    with store.transaction(ACTOR):
        store.roster.apply_import(
            [person], present_fields={"id_number", "name"}, cycle=CYCLE, region="selftest",
            file_sha256="self-test", rejected=0,
        )  # fmt: skip
    common: dict[str, Any] = {"actor": ACTOR, "device": "self-test", "place": "self-test", "cycle": CYCLE}
    hands = {
        hand: [synthetic_hand(identity, i) for i in range(3)]
        for hand, identity in (("left", 1), ("right", 2))
    }
    enrolled = enroll(store, card=card, face_image=run.face_image, palm_images=hands, **common)
    if enrolled.status != "complete" or enrolled.cases:
        raise StepFailed(f"enrolment {enrolled.status} with {len(enrolled.cases)} case(s)")
    stranger = certify(
        store, card=card, palm_images={"right": synthetic_hand(77, 0)}, face_image=None, **common
    )
    genuine = certify(
        store, card=card, palm_images={"right": synthetic_hand(2, 9)}, face_image=None, attempt=2, **common
    )
    wrong = stranger.decision.outcome if stranger.decision else stranger.status
    right = genuine.decision.outcome if genuine.decision else genuine.status
    if wrong == "accept" or right != "accept" or genuine.receipt is None:
        raise StepFailed(f"certification: another person's palm -> {wrong}, the person's own -> {right}")
    run.receipt_number = genuine.receipt.number
    score = genuine.certification.scores.get("palm_right", 0.0) if genuine.certification else 0.0
    return (
        f"enrolled (6 palm samples + face, status {enrolled.status}); another palm -> {wrong}, "
        f"own palm -> {right} (score {score:.2f})"
    )


def step_receipt(run: _Run) -> str:
    """Render the signed receipt PDF and verify its QR code, read back from the rendered page."""
    from fieldkit.workflows import receipts
    from fieldkit.workflows.receipt_documents import find_receipt_codes, local_device_keys, receipt_pdf

    store = run.store
    pdf = receipt_pdf(store, run.receipt_number)
    if not pdf.startswith(b"%PDF"):
        raise StepFailed("the receipt is not a PDF")
    keys = local_device_keys(store)
    codes = find_receipt_codes(pdf, "the receipt")
    how = "QR read back from the rendered page"
    check = receipts.verify_receipt_text(codes[0], keys)
    if check.status != "genuine" or not check.payload or check.payload.get("number") != run.receipt_number:
        raise StepFailed(f"the receipt's code verified as {check.status}")
    payload, signature = receipts.parse_qr_text(codes[0])
    altered = payload.replace(b'"accept"', b'"reject"')  # a forged result
    if altered == payload:
        altered = payload[:-2] + bytes([payload[-2] ^ 1]) + payload[-1:]
    forged = receipts.verify_receipt_text(receipts.qr_text(altered, signature), keys)
    if forged.status != "altered":
        raise StepFailed(f"an altered receipt verified as {forged.status}")
    return f"{len(pdf) // 1024} KB PDF, signature genuine, an altered copy refused; {how}"


@contextmanager
def _loopback_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise StepFailed("the loopback HQ server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _hq_home(run: _Run) -> tuple[Path, str]:
    home = run.folder / "hq"
    return home, str(home / "hq.db")  # note: explicit, so $FIELDKIT_HQ_DB never points the test elsewhere


def step_hq_batch(run: _Run) -> str:
    """Seal the outbox for an HQ (SQLite in the temp folder), open it there and take it in."""
    from fieldkit.device_key import device_public_key
    from fieldkit.hq.intake import intake
    from fieldkit.hq.keys import create_hq_key, key_for_batch, load_hq_signing_key
    from fieldkit.hq.store import HqStore
    from fieldkit.sync.batch import build_batch
    from fieldkit.wire import keys as wire_keys
    from fieldkit.wire.envelope import open_batch

    home, url = _hq_home(run)
    hq = HqStore.open(home, create=True, db_url=url)
    hq.passphrase_prompt = run.hq_passphrase
    try:
        run.hq_public_key = create_hq_key(hq)
        run.hq_signing_key = load_hq_signing_key(hq).public_key().public_bytes_raw()
        public = device_public_key(run.store, ACTOR)
        hq.register_device(wire_keys.key_id(public), public, "self-test laptop")
        batch = build_batch(run.store, actor=ACTOR, hq_public_key=run.hq_public_key)
        opened = open_batch(
            batch.data, hq_private_key=key_for_batch(hq, batch.data), device_keys=hq.approved_keys()
        )
        report = intake(hq, opened)
    finally:
        hq.close()
    counts = report.counts()
    if set(counts) != {"accepted"} or counts["accepted"] != len(batch.manifest["entries"]):
        raise StepFailed(f"intake answered {counts}")
    accepted = f"{len(batch.data) // 1024} KB sealed batch, {counts['accepted']} records accepted"
    return f"{accepted}; {_postgres_driver()}"


def _postgres_driver() -> str:
    """Production HQ runs on PostgreSQL: check its driver and libpq load here (no server is needed)."""
    import psycopg

    libpq = psycopg.pq.version()  # e.g. 170004 for 17.4
    return f"PostgreSQL driver {psycopg.pq.__impl__}, libpq {libpq // 10000}.{libpq % 100} loaded"


def step_hq_http(run: _Run) -> str:
    """Sync the same outbox to that HQ served over uvicorn on loopback (it already holds the records
    from the batch step, so this also shows a re-sent record is acknowledged, not duplicated)."""
    import requests

    from fieldkit.hq.server import create_app
    from fieldkit.sync.client import sync

    home, url = _hq_home(run)
    session = requests.Session()
    session.trust_env = False  # note: a proxy from the environment must not see a loopback request
    with _loopback_server(create_app(home, db_url=url, passphrase_prompt=run.hq_passphrase)) as base:
        result = sync(
            run.store, url=base, hq_public_key=run.hq_public_key, hq_signing_key=run.hq_signing_key,
            actor=ACTOR, attempts=1, timeout=10, session=session,
        )  # fmt: skip
        # the review console's templates and stylesheet are files beside the code (a packaged app
        # must carry them): its login page must render
        login = session.get(f"{base}/console/login", timeout=10)
        style = session.get(f"{base}/console/static/console.css", timeout=10)
    left = run.store.outbox.pending_count()
    if result.problems or result.acknowledged != result.sent or left:
        raise StepFailed(f"sync: {result.acknowledged} of {result.sent} acknowledged, {left} left")
    if login.status_code != 200 or 'name="password"' not in login.text or style.status_code != 200:
        raise StepFailed(f"review console: login page {login.status_code}, stylesheet {style.status_code}")
    return (
        f"uvicorn on loopback, signed two-phase upload: {result.acknowledged} records acknowledged; "
        "review console served"
    )


Step = Callable[[_Run], str]
STEPS: tuple[tuple[str, Step, tuple[str, ...]], ...] = (
    ("store", step_store, ()),
    ("devices", step_devices, ()),
    ("face", step_face, ()),
    ("palm", step_palm, ("store",)),
    ("receipt", step_receipt, ("palm",)),
    ("hq-batch", step_hq_batch, ("palm",)),
    ("hq-http", step_hq_http, ("hq-batch",)),
)


def _describe(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or ""
    text = message if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {message}"
    return mask_text(text.strip().splitlines()[0] if text.strip() else type(exc).__name__)


def run_selftest(progress: Callable[[StepResult], None] | None = None) -> SelfTestReport:
    """Run every step in a temporary folder (deleted afterwards); a step whose input failed is skipped
    and counts as failed."""
    from fieldkit import version_text

    report = SelfTestReport(version=version_text())
    started = time.perf_counter()
    passed: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="fieldkit-selftest-", ignore_cleanup_errors=True) as folder:
        run = _Run(Path(folder))
        try:
            for name, step, needs in STEPS:
                begun = time.perf_counter()
                missing = [n for n in needs if n not in passed]
                if missing:
                    result = StepResult(name, False, 0.0, f"skipped: needs {', '.join(missing)}")
                else:
                    try:
                        result = StepResult(name, True, 0.0, step(run))
                        passed.add(name)
                    except Exception as exc:  # note: the point is to report any failure, then go on
                        result = StepResult(name, False, 0.0, _describe(exc))
                result.seconds = time.perf_counter() - begun
                report.steps.append(result)
                if progress is not None:
                    progress(result)
        finally:
            if run.store is not None:
                run.store.close()
    report.seconds = time.perf_counter() - started
    return report


def format_step(result: StepResult) -> str:
    """``PASS  name      1.23 s  detail``."""
    return f"{'PASS' if result.ok else 'FAIL'}  {result.name:<9} {result.seconds:6.2f} s  {result.detail}"


def main(*, as_json: bool = False) -> int:
    """Print the report (lines as the steps finish, or one JSON object); 0 only if every step passed."""
    from fieldkit import version_text

    if isinstance(sys.stdout, io.TextIOWrapper):  # a masked name in an error must not crash the report
        sys.stdout.reconfigure(errors="backslashreplace")
    if as_json:
        report = run_selftest()
        print(json.dumps(report.as_json(), ensure_ascii=False))
        return 0 if report.ok else 1
    print(f"fieldkit self-test - {version_text()} - offline, in a temporary folder", flush=True)
    report = run_selftest(lambda result: print(format_step(result), flush=True))
    passed = sum(step.ok for step in report.steps)
    verdict = "PASS" if report.ok else "FAIL"
    print(f"{verdict}: {passed} of {len(report.steps)} steps passed in {report.seconds:.1f} s", flush=True)
    return 0 if report.ok else 1
