"""Receipts on paper: gather a receipt's facts from the store, print it, and verify a printed one.

Why here: ``reports`` draws, ``storage`` keeps, ``fieldkit.workflows.receipts`` signs; only the
application may combine them (ARCHITECTURE.md). The CLI and the GUI call these functions, never
``reports`` directly. ``reports`` errors (no Chinese font, an unreadable signature, a damaged PDF)
become ``UserError`` here, so every front-end shows a message instead of a traceback.

Originals and copies: the first print of a receipt is the original; every later print is a reprint,
counted by ``store.receipts.count_copy`` and marked "复印件 COPY n". The store has no "printed" flag,
so the first print is remembered as a ``meta`` entry (``receipt_printed:<number>``, audited as
``receipt.print``). note: a dedicated column in ``storage`` would be cleaner; see the issue notes.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from fieldkit.device_key import stored_device_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.times import display_time
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows import receipts
from fieldkit.workflows.receipt_facts import MASKED_ID, evidence_rows, gather_facts, record_of
from reports.errors import ReportsError
from reports.fonts import has_glyphs
from reports.images import signature_image
from reports.qr_scan import decode_picture, find_qr_texts
from reports.raster import pdf_to_pngs
from reports.receipt import LAYOUTS, ReceiptData
from reports.receipt import receipt_pdf as render_receipt
from storage.attachments import Attachment
from storage.errors import NotFound
from storage.records import Certification, Enrollment, Receipt
from storage.store import Store

log = logging.getLogger(__name__)
SIGNATURE_KINDS = {"retiree": "retiree_signature", "operator": "operator_signature"}
MAX_SIGNATURE_BYTES = 2_000_000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@contextmanager
def reports_errors() -> Iterator[None]:
    """Turn a ``reports`` error (font, picture, PDF) into a UserError with the same code."""
    try:
        yield
    except ReportsError as exc:
        raise UserError(exc.message, code=exc.code) from None


# -- facts ----------------------------------------------------------------------------------------
def receipt_masked_id(id_number: str) -> str:
    """The receipt's form of an ID number: no digit at all (``******************``).

    Why nothing: the old mask (area code + last four) left only the birth date hidden, which the page
    printed on the next line. With the area code and the sequence shown, a birth year is a 365-try
    search even through a slow hash; with no digit shown (and no birth date printed) the QR's salted
    scrypt binding costs ~1e10 guesses (``fieldkit.identity.id_binding``). A clerk checks the card with
    ``fieldkit receipt verify --id-number``.
    """
    return "*" * len(id_number.strip()) if id_number.strip() else MASKED_ID


def _find(store: Store, number: str) -> Receipt:
    try:
        return store.receipts.get_by_number(number.strip().upper())
    except NotFound:
        raise UserError(f"No receipt with number {number.strip()}.", code="receipt.not_found") from None


def _face(store: Store, person_uuid: str, record: Enrollment | Certification | None) -> bytes | None:
    """The face image of the receipt's enrollment, else of the person's newest enrollment with one."""

    def face_of(enrollment: Enrollment) -> bytes | None:
        return next((s.image for s in enrollment.samples if s.modality == "face" and s.image), None)

    if isinstance(record, Enrollment) and (face := face_of(record)) is not None:
        return face
    for enrollment in store.enrollments.for_person(person_uuid):  # newest first
        if (face := face_of(enrollment)) is not None:
            return face
    return None


def _signatures(store: Store, record_uuid: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for attachment in store.attachments.for_record(record_uuid):  # oldest first: the newest wins
        if attachment.kind in SIGNATURE_KINDS.values():
            found[attachment.kind] = attachment.data
    return found


def was_printed(store: Store, number: str) -> bool:
    """Has the original of this receipt been printed (so any further print is a copy)?"""
    try:
        return store.receipts.first_printed_at(number) is not None
    except NotFound:
        return False  # note: no such receipt; printing it will say so


def receipt_data(
    store: Store, receipt_number: str, *, copy: bool = False, english: bool = True
) -> ReceiptData:
    """Everything printed on a receipt, drawn from its signed payload.

    Version 2: every printed fact comes from the payload's signed ``page`` — the page cannot say
    anything the signature does not cover. Version 1 (old receipts): the facts it never signed are
    read from the store, as they were then. Only the photo, the handwritten signatures and the copy
    mark are added from the store unsigned.
    """
    receipt = _find(store, receipt_number)
    fields = json.loads(receipt.payload)
    record = record_of(store, receipt.kind, receipt.record_uuid)
    facts = receipts.payload_facts(fields)
    if facts is None:  # version 1
        facts = gather_facts(store, kind=receipt.kind, record_uuid=receipt.record_uuid,
                             person_uuid=receipt.person_uuid)  # fmt: skip
        facts = replace(facts, extra=evidence_rows(record))
    signatures = _signatures(store, receipt.record_uuid)
    return ReceiptData(
        number=receipt.number,
        kind=str(fields.get("kind", receipt.kind)),
        result=str(fields.get("result", "")),
        person_name=facts.name,
        masked_id=MASKED_ID,
        gender=facts.gender,
        birth_date="",
        issued_at=display_time(str(fields.get("issued_at", receipt.issued_at)), zone=True),
        place=facts.place,
        team=facts.team,
        operator=facts.operator,
        device=str(fields.get("device", "")),
        key_id=str(fields.get("key_id", "")),
        qr_text=receipts.qr_text(receipt.payload, receipt.signature),
        agency=facts.agency,
        agency_en=facts.agency_en,
        extra=facts.extra,
        face_jpeg=_face(store, receipt.person_uuid, record),
        retiree_signature_png=signatures.get(SIGNATURE_KINDS["retiree"]),
        operator_signature_png=signatures.get(SIGNATURE_KINDS["operator"]),
        is_copy=copy,
        copy_number=receipt.copies if copy else 0,
        english=english,
    )


def _render(data: ReceiptData, layout: str) -> bytes:
    """Draw the receipt; warn (in the masked log) when the font lacks a character of the name or place.

    note: rare given-name characters live in CJK Extension B and later, which WenQuanYi and YaHei do
    not cover; such a character prints as an empty box, so the clerk should write it in by hand.
    """
    with reports_errors():
        if not has_glyphs(data.person_name + data.place + data.operator):
            log.warning("receipt %s: the font lacks a character of the name or place", data.number)
        return render_receipt(data, layout)


def receipt_pdf(
    store: Store, receipt_number: str, *, layout: str = "a4", copy: bool = False, english: bool = True
) -> bytes:
    """The receipt as PDF bytes (``a4`` or ``roll80``); ``copy`` marks it "复印件 COPY".

    Reads only: nothing is counted. Printing goes through :func:`print_receipt`, which counts copies.
    """
    if layout not in LAYOUTS:
        raise UserError(f"Layout must be one of {', '.join(LAYOUTS)}.", code="receipt.bad_layout")
    return _render(receipt_data(store, receipt_number, copy=copy, english=english), layout)


# -- signatures -------------------------------------------------------------------------------------
def _check_signature(png: bytes, who: str) -> None:
    if not png.startswith(_PNG_MAGIC) or len(png) > MAX_SIGNATURE_BYTES:
        raise UserError(
            f"The {who}'s signature must be a PNG image under 2 MB.", code="receipt.bad_signature"
        )
    with reports_errors():
        signature_image(png)  # decodes it: a damaged picture is refused now, not at print time


def save_signatures(
    store: Store, actor: str, record_uuid: str, retiree_png: bytes | None, operator_png: bytes | None
) -> None:
    """Keep the handwritten signatures (PNG from the signing pad) as attachments of the record.

    The record is an enrollment or a certification; a later call adds newer signatures, which the
    receipt then shows. Runs in the caller's transaction if there is one, else in its own.
    """
    given = {"retiree": retiree_png, "operator": operator_png}
    for who, png in given.items():
        if png is not None:
            _check_signature(png, who)
    if all(png is None for png in given.values()):
        return
    try:
        store.enrollments.get(record_uuid)
        record_type = "enrollment"
    except NotFound:
        try:
            store.certifications.get(record_uuid)
            record_type = "certification"
        except NotFound:
            raise UserError(
                "No enrollment or certification with that id.", code="receipt.no_record"
            ) from None

    def add_all() -> None:
        for who, png in given.items():
            if png is not None:
                store.attachments.add(
                    Attachment(record_type, record_uuid, SIGNATURE_KINDS[who], "image/png", png)
                )

    if store.in_transaction:  # note: then the signatures land with the record they belong to
        add_all()
    else:
        with store.transaction(actor):
            add_all()


# -- printing ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PrintOutcome:
    """What a print did: whether it was a copy (and which), where it went."""

    number: str
    is_copy: bool
    copy_number: int
    sent_to: str  # "printer NAME", "default printer", or the saved file's path


def send_to_printer(pdf: bytes, printer: str | None, *, title: str) -> str:
    """Hand a PDF to the system's printing: CUPS ``lp`` (Linux, macOS) or the shell's print verb (Windows).

    note: on Linux the PDF goes to ``lp`` on stdin, so no copy with a person's name is left on disk.
    On Windows the shell needs a file: it is written to a private temporary folder, which Windows
    cleans up; the print application must still be able to open it after this returns.
    """
    if sys.platform == "win32":
        folder = Path(tempfile.mkdtemp(prefix="fieldkit-print-"))
        path = folder / f"{title}.pdf"
        path.write_bytes(pdf)
        try:
            if printer:
                os.startfile(path, "printto", f'"{printer}"')  # type: ignore[attr-defined,call-arg,unused-ignore]
            else:
                os.startfile(path, "print")  # type: ignore[attr-defined,unused-ignore]
        except OSError as exc:
            raise UserError(
                f"Windows could not print the PDF ({exc.strerror}); is a PDF viewer installed? "
                "Use --save FILE and print it by hand.",
                code="print.failed",
            ) from None
        return f"printer {printer}" if printer else "default printer"
    lp = shutil.which("lp")
    if lp is None:
        raise UserError(
            "No printing system (CUPS 'lp') was found; use --save FILE instead.", code="print.no_lp"
        )
    command = [lp, "-t", title] + (["-d", printer] if printer else [])
    try:
        completed = subprocess.run(command, input=pdf, capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        raise UserError("The printing system did not answer within 60 s.", code="print.timeout") from None
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip()[:200] or f"exit {completed.returncode}"
        raise UserError(f"Printing failed: {reason}", code="print.failed")
    return f"printer {printer}" if printer else "default printer"


def print_receipt(
    store: Store,
    actor: str,
    receipt_number: str,
    *,
    layout: str = "a4",
    printer: str | None = None,
    save_to: Path | None = None,
    english: bool = True,
) -> PrintOutcome:
    """Print (or save) a receipt: the first time the original, afterwards a counted, marked copy.

    The print is recorded only after the PDF was delivered, so a failed printer does not use up the
    original or count a copy that nobody holds.
    """
    if layout not in LAYOUTS:
        raise UserError(f"Layout must be one of {', '.join(LAYOUTS)}.", code="receipt.bad_layout")
    receipt = _find(store, receipt_number)
    is_copy = was_printed(store, receipt.number)
    data = receipt_data(store, receipt.number, copy=is_copy, english=english)
    if is_copy:  # the copy being made now is the next one
        data = replace(data, copy_number=receipt.copies + 1)
    pdf = _render(data, layout)
    destinations = []
    if save_to is not None:
        atomic_write(save_to, pdf)
        destinations.append(str(save_to))
    if save_to is None or printer is not None:
        destinations.append(send_to_printer(pdf, printer, title=f"receipt-{receipt.number}"))
    with store.transaction(actor):
        if is_copy:
            receipt = store.receipts.count_copy(receipt.number)
        else:
            store.receipts.mark_printed(receipt.number)
    return PrintOutcome(receipt.number, is_copy, receipt.copies if is_copy else 0, ", ".join(destinations))


# -- verifying ------------------------------------------------------------------------------------
def local_device_keys(store: Store) -> dict[str, bytes]:
    """This laptop's own receipt key (key id → public key), without creating one if there is none."""
    key = stored_device_key(store)
    if key is None:
        return {}
    public = key.public_key().public_bytes_raw()
    return {wire_keys.key_id(public): public}


def read_device_keys(path: Path) -> dict[str, bytes]:
    """Device keys exported by headquarters: one ``<key_id> <public_key_hex>`` per line (# comments)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            f"Cannot read the device key file {path}: {exc}.", code="receipt.keys_unreadable"
        ) from None
    keys: dict[str, bytes] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        try:
            public = bytes.fromhex(parts[1]) if len(parts) == 2 else b""
        except ValueError:
            public = b""
        if len(public) != 32 or wire_keys.key_id(public) != parts[0].lower():
            raise UserError(
                f"{path.name} line {number}: expected '<key id> <64 hex characters>' with the key id "
                "belonging to that key.",
                code="receipt.keys_malformed",
            )
        keys[parts[0].lower()] = public
    return keys


def _picture_size_ok(data: bytes) -> bool:
    """A picture's header names a format and a size that may be decoded (refused before decoding)."""
    from matching.errors import BadImage
    from matching.image_io import check_image_size

    try:
        check_image_size(data)
    except BadImage as exc:
        if exc.code == "image.too_large":
            raise UserError(f"The picture is refused: {exc.message}", code=exc.code) from None
        return False
    return True


def find_receipt_codes(data: bytes, name: str = "the file") -> list[str]:
    """The receipt QR texts in a PDF or a picture (scan, photo); raises UserError when there is none."""
    with reports_errors():
        if data.startswith(b"%PDF"):
            found: list[str] = []
            for dpi in (150, 300):  # note: a second, sharper rendering for small or dense codes
                for page in pdf_to_pngs(data, dpi=dpi):
                    image = decode_picture(page)
                    found += find_qr_texts(image) if image is not None else []
                if found:
                    break
        else:
            image = decode_picture(data) if _picture_size_ok(data) else None
            if image is None:
                raise UserError(f"{name} is neither a PDF nor a picture.", code="receipt.not_a_document")
            found = find_qr_texts(image)
    codes = list(dict.fromkeys(t.strip() for t in found if t.strip().startswith(receipts.QR_PREFIX)))
    if not codes:
        what = "a QR code, but not a fieldkit receipt code" if found else "no QR code"
        raise UserError(
            f"{name} shows {what}. Scan or photograph the whole receipt, flat and in focus.",
            code="receipt.no_code",
        )
    return codes


def verify_receipt_file(path: Path, known_keys: Mapping[str, bytes]) -> list[receipts.ReceiptCheck]:
    """Verify every receipt code found in a PDF or a scan/photo against the known device keys."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.", code="receipt.unreadable") from None
    return [receipts.verify_receipt_text(code, known_keys) for code in find_receipt_codes(data, path.name)]
