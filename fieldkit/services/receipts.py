"""Receipts, for every front-end: find, list, show, print, verify.

``fieldkit receipt print|show|verify`` and the desktop app's Receipts screen and receipt panel all
call these functions; the CLI formats their answers as lines, the GUI as widgets.

Why an adapter with a lazy import: the printable receipt (``fieldkit.workflows.receipt_documents``:
``save_signatures``, ``receipt_pdf``, ``print_receipt`` ...) was built in parallel with the GUI and
pulls in ``reports`` (reportlab). If it is missing or broken on a machine, the GUI still enrols and
certifies — the signed receipt record exists either way — and says clearly that printing is not
available (``receipt.documents_missing``), showing the receipt's fields as text instead.

Printing goes through ``print_receipt``, which decides original or counted copy and records the
print only after the PDF was delivered. The preview image is drawn in memory by ``reports.raster``
(PDFium; nothing with the retiree's name touches the disk); no PDF code runs in the GUI.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from fieldkit.errors import UserError
from fieldkit.times import display_time
from fieldkit.workflows.receipts import ReceiptCheck, qr_text, verify, verify_receipt_text
from storage.records import Receipt
from storage.store import Store

DOCUMENTS_MODULE = "fieldkit.workflows.receipt_documents"


def _documents() -> ModuleType:
    try:
        return importlib.import_module(DOCUMENTS_MODULE)
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name not in (DOCUMENTS_MODULE, None):
            if not str(exc.name).startswith(("reports", "reportlab")):
                raise
        raise UserError(
            "Receipt printing (fieldkit.workflows.receipt_documents) is not available.",
            code="receipt.documents_missing",
        ) from None


def documents_available() -> bool:
    try:
        _documents()
    except UserError:
        return False
    return True


def save_signatures(
    store: Store, actor: str, record_uuid: str, retiree_png: bytes | None, operator_png: bytes | None
) -> None:
    """Keep the signatures with the record (raises ``receipt.documents_missing`` if unavailable)."""
    if retiree_png is None and operator_png is None:
        return
    _documents().save_signatures(store, actor, record_uuid, retiree_png, operator_png)


def issue_not_passed_slip(store: Store, actor: str, certification_uuid: str) -> Receipt:
    """The signed "未通过 / 待复核" slip of a certification that did not pass (see
    ``fieldkit.services.receipt_slips``); print it with :func:`print_receipt` like any receipt."""
    from fieldkit.services import receipt_slips

    return receipt_slips.issue_not_passed_slip(store, actor, certification_uuid)


def was_printed(store: Store, number: str) -> bool:
    """Whether the original was printed already (the next print is then a counted copy)."""
    documents = _documents()
    check = getattr(documents, "was_printed", None)
    return bool(check(store, number.strip().upper())) if callable(check) else False


def receipt_pdf(store: Store, number: str, *, layout: str = "a4", english: bool = True) -> bytes:
    """The PDF as the next print will look (original, or marked as a copy once printed)."""
    copy = was_printed(store, number)
    return bytes(_documents().receipt_pdf(store, number, layout=layout, copy=copy, english=english))


def print_receipt(
    store: Store,
    actor: str,
    number: str,
    *,
    layout: str = "a4",
    printer: str | None = None,
    save_to: Path | None = None,
    english: bool = True,
) -> Any:
    """Print (or save as PDF) through the workflow, which counts copies; returns its PrintOutcome."""
    return _documents().print_receipt(
        store, actor, number, layout=layout, printer=printer, save_to=save_to, english=english
    )


def render_page(pdf: bytes, *, dpi: int = 110) -> bytes:
    """The first page of ``pdf`` as PNG bytes (compute thread only; nothing is written to disk)."""
    try:
        from reports.errors import ReportsError
        from reports.raster import pdf_to_pngs
    except ImportError:
        raise UserError("The receipt page cannot be drawn here.", code="receipt.render_failed") from None
    try:
        return pdf_to_pngs(pdf, dpi=dpi, max_pages=1)[0]
    except ReportsError:
        raise UserError("The receipt page could not be drawn.", code="receipt.render_failed") from None


@dataclass(frozen=True)
class ReceiptView:
    """A receipt's printed facts, for the text preview and the receipts list."""

    number: str
    kind: str
    result: str
    issued_at: str
    person_name: str
    id_number: str
    copies: int
    key_id: str
    genuine: bool
    qr: str


def own_keys(store: Store) -> dict[str, bytes]:
    """This laptop's receipt key (key id → public key), without creating one."""
    documents = None
    try:
        documents = _documents()
    except UserError:
        pass
    if documents is not None and hasattr(documents, "local_device_keys"):
        return dict(documents.local_device_keys(store))
    return {}


def _view(store: Store, receipt: Receipt, keys: Mapping[str, bytes]) -> ReceiptView:
    person = store.people.get(receipt.person_uuid)
    try:
        fields = json.loads(receipt.payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        fields = {}
    key_id = str(fields.get("key_id", ""))
    public = keys.get(key_id)
    return ReceiptView(
        number=receipt.number,
        kind=receipt.kind,
        result=str(fields.get("result", "")),
        issued_at=display_time(receipt.issued_at),
        person_name=person.name,
        id_number=person.id_number,
        copies=receipt.copies,
        key_id=key_id,
        genuine=public is not None and verify(receipt.payload, receipt.signature, public),
        qr=qr_text(receipt.payload, receipt.signature),
    )


def receipt_view(store: Store, number: str) -> ReceiptView:
    """A stored receipt by its printed number (``store.record_not_found`` if there is none)."""
    return _view(store, store.receipts.get_by_number(number.strip().upper()), own_keys(store))


def recent_receipts(store: Store, *, limit: int = 50) -> list[ReceiptView]:
    """The newest receipts issued on this laptop, newest first (one indexed query, any store size)."""
    keys = own_keys(store)
    return [_view(store, receipt, keys) for receipt in store.receipts.recent(limit=limit)]


def known_keys(store: Store | None, device_keys_file: Path | None = None) -> dict[str, bytes]:
    """The device keys a receipt is checked against: this laptop's own (if ``store``) and those of a
    headquarters export (``<key_id> <public_key_hex>`` lines), if one is given."""
    keys: dict[str, bytes] = {}
    if device_keys_file is not None:
        keys.update(_documents().read_device_keys(device_keys_file))
    if store is not None:
        keys.update(own_keys(store))
    return keys


def check_code(store: Store, text: str) -> ReceiptCheck:
    """Verify a scanned receipt code against this laptop's device key."""
    return verify_receipt_text(text, own_keys(store))


def check_file(path: Path, keys: Mapping[str, bytes]) -> list[ReceiptCheck]:
    """Verify every receipt code in a scanned/photographed receipt or a receipt PDF."""
    return list(_documents().verify_receipt_file(path, keys))
