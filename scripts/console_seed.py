"""A headquarters with every kind of console page to show, made the way the field makes it.

Used by ``scripts/console_screenshots.py`` and ``benchmarks/bench_console.py``. Two laptops (real
SQLCipher stores) enrol and certify synthetic retirees and sync over real HTTP to a real HQ server
(uvicorn on loopback); the duplicate-search worker then runs, so every review item comes from
intake and the search, not from rows written by hand:

* a planted cross-laptop duplicate: laptop B enrols another ID card with the same palms as a
  person laptop A enrolled (two hands each, so the evidence page shows four palm images);
* roster problems: a deceased person and a person not due this cycle are certified;
* a home visit (witness, photo, place) and the ID-mismatch cases the synthetic cards open;
* a first batch of laptop B "lost on the way" (marked sent but never delivered), so the devices
  and reconciliation pages show a sequence gap;
* staff: an administrator ``admin`` and a reviewer ``reviewer`` (passwords in :data:`PASSWORDS`),
  and a locked account ``locked``.

Everything is synthetic (``capture.idcard.synthetic``, ``matching.synthetic_palm``,
``capture.replay_face``) and lives in the folder given; nothing touches real data.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capture.devices import CardRecord

HQ_PASSPHRASE = "console seed passphrase 2026"
STORE_PASSPHRASE = "console seed store passphrase"
PASSWORDS = {"admin": "admin-password-1", "reviewer": "reviewer-password-1", "locked": "locked-password-1"}
CYCLE = 2026
REGION = "130400"


@dataclass
class Seeded:
    """What was made: the HQ folder and the review ids a page test or screenshot opens."""

    hq_home: Path
    laptops: dict[str, Path] = field(default_factory=dict)
    device_keys: dict[str, str] = field(default_factory=dict)
    reviews: dict[str, int] = field(
        default_factory=dict
    )  # "duplicate" / "roster" / "home_visit" / "id_mismatch"


def init_hq(hq_home: Path) -> None:
    """``fieldkit hq init`` for the folder (keys locked with :data:`HQ_PASSPHRASE`)."""
    from fieldkit.hq.keys import create_hq_key, public_key_text
    from fieldkit.hq.store import HqStore
    from fieldkit.wire.keys import PUBLIC_FILE

    os.environ["FIELDKIT_HQ_PASSPHRASE"] = HQ_PASSPHRASE
    hq = HqStore.open(hq_home, create=True)
    try:
        create_hq_key(hq)
        (hq_home / PUBLIC_FILE).write_text(public_key_text(hq))
    finally:
        hq.close()


def serve(app: object) -> Generator[str, None, None]:
    """Run ``app`` with uvicorn on a free loopback port; yields its URL until closed."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _roster(path: Path, cards: Sequence[CardRecord]) -> None:
    districts = ("丛台区", "复兴区", "峰峰矿区")
    lines = ["id_number,name,status,district"]
    for index, card in enumerate(cards):
        status = "死亡" if index == 2 else "正常"
        lines.append(f"{card.id_number},{card.name},{status},{districts[index % 3]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _staff(hq_home: Path) -> None:
    from fieldkit.auth import MAX_FAILURES
    from fieldkit.errors import UserError
    from fieldkit.hq.operators import add_hq_operator, hq_log_in
    from fieldkit.hq.store import HqStore

    hq = HqStore.open(hq_home)
    try:
        add_hq_operator(hq, login="admin", name="赵主任", role="admin", password=PASSWORDS["admin"])
        add_hq_operator(hq, login="reviewer", name="王审核", role="reviewer", password=PASSWORDS["reviewer"])
        add_hq_operator(hq, login="locked", name="李临时", role="reviewer", password=PASSWORDS["locked"])
        for _ in range(MAX_FAILURES):
            try:
                hq_log_in(hq, "locked", "a wrong guess")
            except UserError:
                pass
    finally:
        hq.close()


def seed(folder: Path) -> Seeded:
    """Make the headquarters and the laptops in ``folder`` (a new, empty folder)."""
    from capture.idcard.synthetic import synthetic_cards
    from capture.replay_face import synthetic_face
    from fieldkit.device_key import device_public_key
    from fieldkit.hq.device_regions import set_regions
    from fieldkit.hq.reviews import list_reviews
    from fieldkit.hq.roster import load_roster
    from fieldkit.hq.search_worker import run_worker
    from fieldkit.hq.server import create_app
    from fieldkit.hq.store import HqStore
    from fieldkit.sync.batch import build_batch
    from fieldkit.sync.client import sync
    from fieldkit.wire import keys as wire_keys
    from fieldkit.workflows.certification import certify
    from fieldkit.workflows.enrollment import enroll
    from fieldkit.workflows.exceptions import HomeVisit
    from matching.synthetic_palm import synthetic_hand
    from storage.store import Store

    hq_home = folder / "hq"
    init_hq(hq_home)
    result = Seeded(hq_home)
    cards = list(synthetic_cards(8, seed=19))
    _roster(folder / "roster.csv", cards)
    hq = HqStore.open(hq_home)
    try:
        load_roster(hq, folder / "roster.csv", cycle=CYCLE, region=REGION)
    finally:
        hq.close()
    _staff(hq_home)

    stores: dict[str, Store] = {}
    for name, team in (("A", "丛台一队 Team A"), ("B", "复兴二队 Team B")):
        path = folder / f"laptop-{name}.db"
        Store.create(path, STORE_PASSPHRASE).close()  # note: each laptop its own store id and case prefix
        stores[name] = Store.open(path, STORE_PASSPHRASE)
        result.laptops[name] = path
        public = device_public_key(stores[name], "op")
        key_id = wire_keys.key_id(public)
        hq = HqStore.open(hq_home)
        try:
            hq.register_device(key_id, public, team)
            set_regions(hq, key_id, [REGION])
        finally:
            hq.close()
        result.device_keys[name] = key_id

    def enrol(store: Store, index: int, left: int, right: int, shot: int = 0) -> object:
        return enroll(
            store,
            card=cards[index],
            face_image=None,
            palm_images={
                "left": [synthetic_hand(left, shot + s) for s in range(3)],
                "right": [synthetic_hand(right, shot + s) for s in range(3)],
            },
            actor="op",
            device="sim",
            place="丛台区社区服务站",
            cycle=CYCLE,
        )

    def certify_one(store: Store, index: int, right: int, **extra: object) -> None:
        certify(
            store,
            card=cards[index],
            palm_images={"right": synthetic_hand(right, 6)},
            face_image=None,
            actor="op",
            device="sim",
            place="丛台区社区服务站",
            cycle=CYCLE,
            **extra,  # type: ignore[arg-type]
        )

    a, b = stores["A"], stores["B"]
    for index in (0, 1, 2, 3):  # 2 is deceased on the roster
        enrol(a, index, 100 + 2 * index, 101 + 2 * index)
        certify_one(a, index, 101 + 2 * index)
    enrol(b, 4, 120, 121)
    # laptop B's first batch is lost on the way (marked sent, never delivered): a gap at HQ
    from fieldkit.wire.keys import PUBLIC_FILE, read_hq_keys, read_public_key_file

    lost = build_batch(b, actor="op", hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE))
    with b.transaction("op"):
        b.outbox.mark_sent([int(e["sequence"]) for e in lost.manifest["entries"]])
    # the planted duplicate: another ID card, fresh captures of person 0's two palms
    enrol(b, 5, 100, 101, shot=5)
    visit_photo = synthetic_face(seed=3)  # note: a drawn face stands in for the bedside photo
    enrol(b, 6, 130, 131)
    certify_one(
        b,
        6,
        131,
        home_visit=HomeVisit(
            witness_name="张社区",
            witness_relation="社区网格员",
            photo=visit_photo,
            notes="卧床，家属在场",
            location={"address": "邯郸市丛台区人民路 12 号 3 单元 401"},
        ),
    )
    signing = read_hq_keys(hq_home / PUBLIC_FILE).signing
    app = create_app(hq_home)
    urls = serve(app)
    url = next(urls)
    try:
        for name in ("A", "B"):
            sync(
                stores[name],
                url=url,
                hq_public_key=read_public_key_file(hq_home / PUBLIC_FILE),
                hq_signing_key=signing or b"",
                actor="op",
            )
    finally:
        urls.close()
    hq = HqStore.open(hq_home)
    try:
        run_worker(hq, once=True)
        for review in list_reviews(hq):
            kind = review.kind
            if kind == "case":
                kind = "home_visit" if "home_visit" in review.summary else "id_mismatch"
            result.reviews.setdefault(kind, review.id)
    finally:
        hq.close()
    for store in stores.values():
        store.close()
    return result
