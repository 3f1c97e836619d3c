"""Reading receipts back: PDF pages drawn (reports.raster, PDFium) and QR codes found in phone-like
photos (reports.qr_scan, zxing-cpp).

Why kept: issue 15 swapped poppler's pdftoppm for PDFium and OpenCV's QR detectors for zxing-cpp,
on these measurements (2-core laptop): a receipt page at 150 dpi 238 ms -> 25 ms (A4) and
144 ms -> 14 ms (80 mm roll); 90 photo-like copies read 58 -> 74, ~920 ms -> ~10 ms a photo. Run
this after touching either module. Synthetic data only; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_receipt_reading.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldkit.workflows import receipts
from fieldkit.workflows.receipt_documents import receipt_pdf
from reports.qr_scan import find_qr_texts
from reports.raster import pdf_to_pngs
from storage.records import Person
from storage.store import Store
from tests.reports.pdf_tools import photo_like

ID_NUMBER = "11010519491231002X"  # a valid synthetic number


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "bench.db", "benchmark passphrase")
        with store.transaction("op"):
            person = store.people.add(Person(id_number=ID_NUMBER, name="王秀英"))
            issued = [
                receipts.issue_receipt(
                    store,
                    kind="enrollment",
                    record_uuid=f"{index:036d}",
                    person_uuid=person.uuid,
                    id_number=ID_NUMBER,
                    result="complete",
                    device="laptop",
                    actor="op",
                )
                for index in range(3)
            ]
        photos = []
        for receipt in issued:
            text = receipts.qr_text(receipt.payload, receipt.signature)
            for layout in ("a4", "roll80"):
                pdf = receipt_pdf(store, receipt.number, layout=layout)
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    pdf_to_pngs(pdf, dpi=150)
                    times.append(time.perf_counter() - started)
                print(f"render {layout:6} at 150 dpi: {statistics.median(times) * 1000:6.1f} ms")
                page = cv2.imdecode(np.frombuffer(pdf_to_pngs(pdf, dpi=200)[0], np.uint8), cv2.IMREAD_COLOR)
                for angle in (0, 7, 15, 25, 35):
                    for scale in (0.45, 0.6, 0.8):
                        photos.append((photo_like(page, angle=angle, scale=scale, seed=angle), text))
        store.close()
    started = time.perf_counter()
    read = sum(text in find_qr_texts(photo) for photo, text in photos)
    each = (time.perf_counter() - started) / len(photos) * 1000
    print(f"QR codes read from {len(photos)} photo-like copies: {read} ({each:.1f} ms a photo)")


if __name__ == "__main__":
    main()
