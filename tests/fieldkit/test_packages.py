"""Work packages end to end, on SQLite and PostgreSQL: a person enrolled on laptop A reaches
headquarters in a batch, travels in a signed package encrypted to laptop B, and B certifies them
offline; deltas carry only changes; altered, foreign, unencrypted, other devices' and out-of-order
packages are refused by name; and the download works over HTTP for an approved device registered
for the region only."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import shutil
import struct
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from capture.idcard.synthetic import synthetic_cards
from fieldkit.device_key import device_key, device_public_key
from fieldkit.errors import UserError
from fieldkit.hq.device_regions import set_regions
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_key, load_hq_signing_key
from fieldkit.hq.package_index import refresh_index, thumbnail
from fieldkit.hq.packages import build_package
from fieldkit.hq.roster import load_roster
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import build_batch, canonical
from fieldkit.sync.http import HqClient
from fieldkit.sync.package import apply_package, remembered
from fieldkit.sync.package_client import download_package
from fieldkit.wire import keys as wire_keys
from fieldkit.wire.envelope import OpenedBatch, open_batch, open_from
from fieldkit.wire.keys import PUBLIC_FILE, read_hq_keys
from fieldkit.wire.package import (
    MAGIC,
    SEALED_MAGIC,
    Package,
    open_package,
    read_header,
    seal_for_device,
    seal_package,
    sealed_header,
)
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.store import Store
from tests.conftest import PASSPHRASE
from tests.fieldkit.hq_helpers import hq_signing, register
from tests.http_server import serve

CYCLE = 2026
REGION = "130402"
CARDS = synthetic_cards(4, seed=21)
FACES = Path(__file__).resolve().parents[3] / "shared" / "data" / "faces" / "lfw7"


@pytest.fixture
def store_b(tmp_path: Path, template_store: Path) -> Iterator[Store]:
    """A second laptop."""
    path = tmp_path / "laptop-b" / "fieldkit.db"
    path.parent.mkdir()
    shutil.copyfile(template_store, path)
    opened = Store.open(path, PASSPHRASE)
    yield opened
    opened.close()


def _roster(hq_home: Path, tmp_path: Path, statuses: tuple[str, ...] = ("正常",) * 4) -> None:
    lines = ["身份证号码,姓名,人员状态"] + [
        f"{c.id_number},{c.name},{s}" for c, s in zip(CARDS, statuses, strict=True)
    ]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    hq = HqStore.open(hq_home)
    try:
        load_roster(hq, path, cycle=CYCLE, region=REGION)
    finally:
        hq.close()


def _face() -> np.ndarray | None:  # type: ignore[type-arg]
    if not FACES.is_dir():
        return None
    person = sorted(p for p in FACES.iterdir() if p.is_dir())[0]
    frame = np.full((480, 640, 3), 120, np.uint8)
    frame[100:350, 200:450] = cv2.resize(cv2.imread(str(sorted(person.iterdir())[0])), (250, 250))
    return frame


def _enroll(store: Store, card, left: int, right: int, face=None):  # type: ignore[no-untyped-def]
    return enroll(
        store,
        card=card,
        face_image=face,
        palm_images={
            "left": [synthetic_hand(left, i) for i in range(3)],
            "right": [synthetic_hand(right, i) for i in range(3)],
        },
        actor="op",
        device="laptop",
        place="丛台区",
        cycle=CYCLE,
    )


def _certify(store: Store, card, identity: int, hand: str = "left"):  # type: ignore[no-untyped-def]
    return certify(
        store,
        card=card,
        palm_images={hand: synthetic_hand(identity, 8)},
        face_image=None,
        actor="op",
        device="laptop",
        place="天津河西区",
        cycle=CYCLE,
    )


def _register(store: Store, hq_home: Path, name: str) -> None:
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    hq.register_device(wire_keys.key_id(public), public, name)
    hq.close()


def _send(store: Store, hq_home: Path) -> dict[str, str]:
    """Laptop → HQ by batch (the USB path); returns HQ's per-record statuses."""
    hq = HqStore.open(hq_home)
    try:
        key = load_hq_key(hq)
        batch = build_batch(store, actor="op", hq_public_key=key.public_key().public_bytes_raw())
        opened = open_batch(batch.data, hq_private_key=key, device_keys=hq.approved_keys())
        return intake(hq, opened).statuses
    finally:
        hq.close()


def _package(hq_home: Path, laptop: Store, since: int = 0, region: str = REGION) -> bytes:
    """The package of ``region`` made for ``laptop`` (registered for this region and "other")."""
    device = register(laptop, hq_home, "laptop", regions=(REGION, "other"))
    hq = HqStore.open(hq_home)
    try:
        return build_package(hq, region=region, cycle=CYCLE, since=since, device_key_id=device)
    finally:
        hq.close()


def read_package(data: bytes, key: bytes, laptop: Store) -> Package:
    return open_package(data, key, device_key(laptop, "op"))


def _readable(data: bytes, needle: bytes) -> bool:
    """``needle`` in the bytes as they are, or in any zlib stream found anywhere in them."""
    if needle in data:
        return True
    for start in range(len(data) - 2):
        if data[start] != 0x78:
            continue
        try:
            if needle in zlib.decompressobj().decompress(data[start:]):
                return True
        except zlib.error:
            continue
    return False


def _hq_public(hq_home: Path) -> bytes:
    signing = read_hq_keys(hq_home / PUBLIC_FILE).signing
    assert signing is not None
    return signing


def _code(action) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as info:
        action()
    return info.value.code


def test_enrolled_elsewhere_certified_offline_and_deltas(
    store: Store, store_b: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    key = _hq_public(hq_home)
    # laptop B takes the region before anyone is enrolled: identity data only
    first = read_package(_package(hq_home, store_b), key, store_b)
    assert (len(first.people), first.enrollments, first.certifications) == (4, [], [])
    summary = apply_package(store_b, first, actor="op")
    assert (summary.people_added, summary.enrollments_added) == (4, 0)
    assert remembered(store_b, REGION, CYCLE)[0] == first.change_seq
    # laptop A (no package) enrolls two people, with a face when real face images are at hand
    _register(store, hq_home, "team A")
    face = _face()
    _enroll(store, CARDS[0], 11, 12, face=face)
    _enroll(store, CARDS[1], 13, 14)
    assert set(_send(store, hq_home).values()) <= {"accepted", "needs_review"}
    delta_bytes = _package(hq_home, store_b, since=first.change_seq)
    delta = read_package(delta_bytes, key, store_b)
    assert delta.people == [] and len(delta.enrollments) == 2 and delta.since == first.change_seq
    assert {n for n, _ in delta.enrollments} == {CARDS[0].id_number, CARDS[1].id_number}
    palms = [s for _, e in delta.enrollments for s in e.samples if s.modality == "palm"]
    assert len(palms) == 12 and all(s.template and s.image == b"" for s in palms)
    if face is not None:
        faces = [s for _, e in delta.enrollments for s in e.samples if s.modality == "face"]
        assert len(faces) == 1 and faces[0].image.startswith(b"\xff\xd8") and len(faces[0].image) < 8000
    before = store_b.audit_head()
    summary = apply_package(store_b, delta, actor="op")
    assert (summary.enrollments_added, summary.people_added) == (2, 0)
    # applying the same package again changes nothing, not even the audit trail
    after = store_b.audit_head()
    again = apply_package(store_b, read_package(delta_bytes, key, store_b), actor="op")
    assert not again.changed and again.enrollments_present == 2 and store_b.audit_head() == after != before
    assert store_b.outbox.pending_count() == 0  # nothing received travels back
    # B certifies CARDS[0] offline against templates enrolled on A; a stranger's palm is not accepted
    person_b = store_b.people.find_by_id_number(CARDS[0].id_number)
    assert person_b is not None and person_b.uuid != store.people.find_by_id_number(CARDS[0].id_number).uuid
    accepted = _certify(store_b, CARDS[0], 11)
    assert accepted.status == "recorded" and accepted.decision is not None
    assert accepted.decision.outcome == "accept"
    wrong = _certify(store_b, CARDS[1], 99)
    assert wrong.decision is not None and wrong.decision.outcome != "accept"
    # A certifies CARDS[1]; after the next delta, B says "already certified" instead of certifying again
    assert _certify(store, CARDS[1], 13).decision.outcome == "accept"  # type: ignore[union-attr]
    _send(store, hq_home)
    third = read_package(_package(hq_home, store_b, since=delta.change_seq), key, store_b)
    assert third.people == [] and third.enrollments == []
    assert [(n, c.result) for n, c in third.certifications] == [(CARDS[1].id_number, "accept")]
    apply_package(store_b, third, actor="op")
    already = _certify(store_b, CARDS[1], 13)
    assert already.status == "already_certified" and "天津河西区" in already.message
    # a roster change reaches the laptop as one person, with everything that person has
    _roster(hq_home, tmp_path, ("暂停", "正常", "正常", "正常"))
    fourth = read_package(_package(hq_home, store_b, since=third.change_seq), key, store_b)
    assert [p.id_number for p in fourth.people] == [CARDS[0].id_number]
    assert [n for n, _ in fourth.enrollments] == [CARDS[0].id_number]
    assert apply_package(store_b, fourth, actor="op").people_updated == 1
    suspended = store_b.people.find_by_id_number(CARDS[0].id_number)
    assert suspended is not None and suspended.status == "suspended" and suspended.uuid == person_b.uuid
    # a full package of a region nobody is in is empty but valid; nothing new is empty too
    assert read_package(_package(hq_home, store_b, region="other"), key, store_b).people == []
    empty = read_package(_package(hq_home, store_b, since=fourth.change_seq), key, store_b)
    assert (empty.people, empty.enrollments, empty.certifications) == ([], [], [])


def test_refusals_altered_foreign_other_hq_gap_and_stale(
    store: Store, store_b: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    key = _hq_public(hq_home)
    data = _package(hq_home, store)
    header, prefix = sealed_header(data)
    assert data.startswith(SEALED_MAGIC) and header["region"] == REGION and header["counts"]["people"] == 4
    assert header["device_key_id"] == wire_keys.key_id(device_public_key(store, "op"))
    altered = bytearray(data)
    altered[len(prefix) + 60] ^= 0x01
    assert _code(lambda: read_package(bytes(altered), key, store)) == "package.altered"
    tag = bytearray(data)
    tag[-1] ^= 0x80
    assert _code(lambda: read_package(bytes(tag), key, store)) == "package.altered"
    # the clear header is bound in: naming another region makes the package fail to open
    forged_header = json.dumps(header | {"region": "999999"}, sort_keys=True, separators=(",", ":")).encode()
    forged = SEALED_MAGIC + struct.pack(">I", len(forged_header)) + forged_header + data[len(prefix) :]
    assert _code(lambda: read_package(forged, key, store)) == "package.altered"
    assert _code(lambda: read_package(data[:-100], key, store)) == "package.altered"
    assert _code(lambda: read_package(data[:20], key, store)) == "package.damaged"
    assert _code(lambda: read_package(b"PK\x03\x04 a zip file", key, store)) == "package.foreign"
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert _code(lambda: read_package(data, other, store)) == "package.other_hq"
    # another laptop cannot open it: named by its header, and its key cannot decrypt it either
    assert _code(lambda: read_package(data, key, store_b)) == "package.other_device"
    mine = wire_keys.key_id(device_public_key(store_b, "op"))
    relabelled = json.dumps(header | {"device_key_id": mine}, sort_keys=True, separators=(",", ":")).encode()
    stolen = SEALED_MAGIC + struct.pack(">I", len(relabelled)) + relabelled + data[len(prefix) :]
    assert _code(lambda: read_package(stolen, key, store_b)) == "package.altered"
    # signed-only packages (an older headquarters, or one taken out of its envelope) are refused by name
    hq = HqStore.open(hq_home)
    try:
        signing = load_hq_signing_key(hq)
    finally:
        hq.close()
    inner = open_from(
        wire_keys.x25519_private_from_ed25519(device_key(store, "op")),
        data[len(prefix) :],
        aad=prefix,
        info=b"fieldkit package v2",
    )
    inner_header, body_start = read_header(inner)
    assert inner.startswith(MAGIC) and inner_header["device_key_id"] == header["device_key_id"]
    unencrypted = _code(lambda: read_package(inner, key, store))
    assert unencrypted == "package.unencrypted"
    # HQ's package for laptop A, re-encrypted to laptop B by someone holding A's key: the signed
    # layer names A, so B refuses it
    moved = seal_for_device(inner, device_public_key(store_b, "op"))
    assert _code(lambda: read_package(moved, key, store_b)) == "package.other_device"
    # a signed layer edited, then sealed for the device: headquarters' signature fails
    edited = bytearray(inner)
    edited[body_start + 10] ^= 0x01
    resealed = seal_for_device(bytes(edited), device_public_key(store, "op"))
    assert _code(lambda: read_package(resealed, key, store)) == "package.altered"
    # a package signed by another headquarters' key is named as such
    body = zlib.decompress(inner[body_start:-64])
    stranger = Ed25519PrivateKey.generate()
    fake = seal_package(
        {k: v for k, v in inner_header.items() if k not in ("compression", "body_size")}
        | {"hq_key_id": wire_keys.key_id(stranger.public_key().public_bytes_raw())},
        json.loads(body),
        stranger,
    )
    fake_sealed = seal_for_device(fake, device_public_key(store, "op"))
    assert _code(lambda: read_package(fake_sealed, key, store)) == "package.other_hq"
    assert signing.public_key().public_bytes_raw() == key
    # order: a delta starting after what the laptop holds is a gap; an older package is stale
    full = read_package(data, key, store)
    late = dataclasses.replace(full, since=full.change_seq + 5, change_seq=full.change_seq + 9)
    assert _code(lambda: apply_package(store, late, actor="op")) == "package.gap"
    apply_package(store, dataclasses.replace(full, change_seq=full.change_seq + 9), actor="op")
    assert _code(lambda: apply_package(store, full, actor="op")) == "package.stale"
    assert store.people.count() == 4


def test_package_bytes_show_no_names_or_ids_and_only_registered_regions_get_one(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    data = _package(hq_home, store)
    inner = open_from(
        wire_keys.x25519_private_from_ed25519(device_key(store, "op")),
        data[len(sealed_header(data)[1]) :],
        aad=sealed_header(data)[1],
        info=b"fieldkit package v2",
    )
    for card in CARDS:
        # the signed layer alone (the old format) gives them away; the encrypted package does not
        assert _readable(inner, card.id_number.encode()) and _readable(inner, card.name.encode())
        assert not _readable(data, card.id_number.encode()) and not _readable(data, card.name.encode())
    device = wire_keys.key_id(device_public_key(store, "op"))
    hq = HqStore.open(hq_home)
    try:
        set_regions(hq, device, ["130403"])
        with pytest.raises(UserError) as refused:
            build_package(hq, region=REGION, cycle=CYCLE, device_key_id=device)
        assert refused.value.code == "package.region_not_allowed" and "130403" in refused.value.message
        with pytest.raises(UserError) as unknown:
            build_package(hq, region=REGION, cycle=CYCLE, device_key_id="0123456789abcdef")
        assert unknown.value.code == "hq.no_device"
    finally:
        hq.close()


def _intake_records(hq_home: Path, records: list[tuple[str, str, bytes]]) -> None:
    """Records straight into intake (no sealing), in the order given."""
    entries, contents = [], {}
    for sequence, (record_type, record_uuid, content) in enumerate(records, start=1):
        contents[f"o{sequence}"] = base64.b64encode(content).decode("ascii")
        entries.append(
            {
                "outbox_uuid": f"o{sequence}",
                "sequence": sequence,
                "record_type": record_type,
                "record_uuid": record_uuid,
                "version": 1,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    body = json.dumps({"manifest": {"entries": entries}, "records": contents}).encode()
    hq = HqStore.open(hq_home)
    try:
        intake(hq, OpenedBatch(batch_id=str(uuid.uuid4()), device_key_id="abcdef0123456789", body=body))
    finally:
        hq.close()


def test_an_enrollment_whose_person_arrives_later_is_shipped_then(
    store: Store, hq_home: Path, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    key = _hq_public(hq_home)
    outcome = _enroll(store, CARDS[2], 21, 22)  # laptop A's own person UUID, unknown to HQ so far
    enrollment = store.enrollments.get(outcome.enrollment.uuid)
    _intake_records(hq_home, [("enrollment", enrollment.uuid, canonical(enrollment))])
    first = read_package(_package(hq_home, store), key, store)
    assert first.enrollments == [] and len(first.people) == 4
    person = store.people.get(outcome.person.uuid)
    _intake_records(hq_home, [("person", person.uuid, canonical(person))])
    later = read_package(_package(hq_home, store, since=first.change_seq), key, store)
    assert [(n, e.uuid) for n, e in later.enrollments] == [(CARDS[2].id_number, enrollment.uuid)]
    hq = HqStore.open(hq_home)
    try:
        counter = hq.meta("change_seq")
        assert refresh_index(hq) is None and hq.meta("change_seq") == counter  # nothing new: no number taken
    finally:
        hq.close()


def test_thumbnail_is_small_and_bad_images_give_none() -> None:
    image = np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    ok, encoded = cv2.imencode(".jpg", image)
    assert ok
    small = thumbnail(bytes(encoded.tobytes()))
    assert small is not None and small.startswith(b"\xff\xd8")
    assert max(cv2.imdecode(np.frombuffer(small, np.uint8), cv2.IMREAD_COLOR).shape[:2]) == 96
    assert thumbnail(b"not an image") is None and thumbnail(b"") is None


def test_bad_requests_at_hq_are_user_errors(hq_home: Path) -> None:
    hq = HqStore.open(hq_home)
    try:
        bad_region = _code(lambda: build_package(hq, region="../x", cycle=CYCLE, device_key_id="0" * 16))
        assert bad_region == "roster.bad_region"
        bad_since = _code(
            lambda: build_package(hq, region="r", cycle=CYCLE, since=-1, device_key_id="0" * 16)
        )
        assert bad_since == "package.bad_since"
        assert load_hq_signing_key(hq) is not None
    finally:
        hq.close()


# -- over HTTP ----------------------------------------------------------------------------------------
@pytest.fixture
def hq_url(hq_home: Path) -> Iterator[str]:
    yield from serve(create_app(hq_home))


def _client(store: Store, url: str, hq_home: Path) -> HqClient:
    return HqClient(
        url=url,
        key=device_key(store, "op"),
        key_id=wire_keys.key_id(device_public_key(store, "op")),
        hq_signing_key=hq_signing(hq_home),
        attempts=2,
        timeout=30,
        sleep=lambda _: None,
    )


def test_download_over_http_signed_encrypted_and_region_bound(
    store: Store, hq_home: Path, hq_url: str, tmp_path: Path
) -> None:
    _roster(hq_home, tmp_path)
    key = _hq_public(hq_home)
    client = _client(store, hq_url, hq_home)
    unregistered = _code(
        lambda: download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=key, actor="op")
    )
    assert unregistered == "sync.refused.auth.unknown_device" and store.people.count() == 0
    _register(store, hq_home, "team A")  # approved, but for no region yet
    no_region = _code(
        lambda: download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=key, actor="op")
    )
    assert no_region == "sync.refused.package.region_not_allowed" and store.people.count() == 0
    register(store, hq_home, "team A", regions=("130403",))  # region B only
    with pytest.raises(UserError) as other_region:
        download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=key, actor="op")
    assert (
        other_region.value.params["status"] == 403
        and "not registered for region" in other_region.value.message
    )
    register(store, hq_home, "team A", regions=(REGION, "130403"))
    summary = download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=key, actor="op")
    assert summary.people_added == 4 and store.people.count() == 4
    again = download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=key, actor="op")
    assert not again.changed and again.change_seq == summary.change_seq
    # path-like regions are refused before anything is built
    with pytest.raises(UserError) as info:
        client.request("GET", "/v1/packages", params={"region": "../../etc", "cycle": CYCLE})
    assert info.value.params["status"] == 400
    # a package for a laptop that holds nothing of another headquarters' numbering: refused by name
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    code = _code(
        lambda: download_package(store, client, region=REGION, cycle=CYCLE, hq_signing_key=other, actor="op")
    )
    assert code == "package.other_hq"
    # an unsigned request gets nothing
    response = requests.get(f"{hq_url}/v1/packages", params={"region": REGION, "cycle": CYCLE}, timeout=10)
    assert response.status_code == 401 and response.json()["detail"]["code"] == "auth.missing"
    assert not response.content.startswith(MAGIC)


def test_cli_package_out_apply_and_download(
    store: Store,
    hq_home: Path,
    hq_url: str,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    import argparse

    from fieldkit.cli.context import Context
    from fieldkit.cli.package_cmds import register_hq

    _roster(hq_home, tmp_path)
    parser = argparse.ArgumentParser()
    parser.add_argument("--hq-home")
    register_hq(parser.add_subparsers(dest="hq_command", required=True))
    out = tmp_path / "region.fkpkg"
    device = register(store, hq_home, "team A", regions=(REGION,))
    argv = [
        "--hq-home",
        str(hq_home),
        "package",
        "--region",
        REGION,
        "--cycle",
        str(CYCLE),
        "--out",
        str(out),
    ]
    args = parser.parse_args([*argv, "--device", device])
    assert args.handler(Context(home_option=None, operator_login=None), args) == 0
    assert out.read_bytes().startswith(SEALED_MAGIC)
    elsewhere = parser.parse_args([*argv, "--device", device, "--region", "130403", "--force"])
    with pytest.raises(UserError) as refused_region:
        elsewhere.handler(Context(home_option=None, operator_login=None), elsewhere)
    assert refused_region.value.code == "package.region_not_allowed"
    store.close()  # the CLI opens the store itself
    public = str(hq_home / PUBLIC_FILE)
    applied = cli("package", "apply", str(out), "--hq-key", public)
    assert applied.code == 0 and "4 people added" in applied.out
    assert "1 agency ID-binding key(s) received" in applied.out  # the USB path carries the key too
    again = cli("package", "apply", str(out), "--hq-key", public)
    assert again.code == 0 and "Nothing was new" in again.out and "ID-binding" not in again.out
    tampered = tmp_path / "tampered.fkpkg"
    data = bytearray(out.read_bytes())
    data[-70] ^= 0x01
    tampered.write_bytes(bytes(data))
    refused = cli("package", "apply", str(tampered), "--hq-key", public)
    assert refused.code == 1 and "altered" in refused.err and "Traceback" not in refused.err
    elsewhere_download = cli(
        "package", "download", "--hq", hq_url, "--hq-key", public, "--region", "130403", "--cycle", str(CYCLE)
    )
    assert elsewhere_download.code == 1 and "not registered for region 130403" in elsewhere_download.err
    downloaded = cli(
        "package", "download", "--hq", hq_url, "--hq-key", public, "--region", REGION, "--cycle", str(CYCLE)
    )
    assert downloaded.code == 0, downloaded.err
    # a package of the old, signed-only format is refused by name
    old = tmp_path / "old.fkpkg"
    old.write_bytes(MAGIC + b"\x00\x00\x00\x02{}" + bytes(64))
    unencrypted = cli("package", "apply", str(old), "--hq-key", public)
    assert unencrypted.code == 1 and "not encrypted to a device" in unencrypted.err
