"""Receipt and report speed: a receipt PDF from the store, and a day's summary for 500 people.

Targets (issue 8): a receipt PDF <= 100 ms; the daily summary (data, PDF and CSV) for 500 people
<= 2 s. Both go through the same workflow functions the CLI and the GUI call, on a real encrypted
store in a temporary folder: the receipt with a face photo and two signatures; the day with 500
people on the cycle's list, 400 enrolled and certified today (every enrolment carrying a face and six
palm images, so the store has its real weight), 100 still due and 30 open cases. Prints medians;
nothing is asserted (timings on a shared 2-core machine are noisy). The first receipt in a process
also loads the CJK font (~0.1-0.3 s), printed separately.

    .venv/bin/python benchmarks/bench_reports.py [--repeats 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from fieldkit.demo.data import people_rows
from fieldkit.workflows.receipt_documents import receipt_pdf, save_signatures
from fieldkit.workflows.receipts import issue_receipt
from fieldkit.workflows.report_data import write_daily_report
from storage.records import BiometricSample, Case, Certification, Enrollment, Person
from storage.store import Store

PEOPLE, CERTIFIED_TODAY, OPEN_CASES = 500, 400, 30


def median_ms(action: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds (CPU time shows the work itself when other
    processes share the two cores and stretch the wall-clock figure)."""
    wall, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _jpeg(seed: int, size: tuple[int, int]) -> bytes:
    image = np.random.default_rng(seed).integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    image = cv2.GaussianBlur(image, (9, 9), 0)  # a little structure, so JPEG sizes are realistic
    return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes())


def _signature(seed: int) -> bytes:
    image = np.zeros((300, 900, 4), dtype=np.uint8)
    xs = np.linspace(60, 840, 150)
    points = np.stack([xs, 150 + 70 * np.sin(xs / (30 + seed))], axis=1).astype(np.int32)
    cv2.polylines(image, [points], False, (20, 20, 20, 255), 6, cv2.LINE_AA)
    return bytes(cv2.imencode(".png", image)[1].tobytes())


def _populate(store: Store, cycle: int) -> str:
    """The 500-person day; returns the number of one receipt."""
    face, palm = _jpeg(1, (640, 480)), _jpeg(2, (320, 240))
    rows = list(people_rows(PEOPLE, seed=8))
    people = [
        Person(id_number=r[0], name=r[1], gender="male" if r[2] == "男" else "female",
               birth_date=dt.date.fromisoformat(r[3]), unit=r[7], district=r[8])
        for r in rows
    ]  # fmt: skip
    with store.transaction("bench"):
        store.roster.apply_import(
            people, present_fields={"id_number", "name", "gender", "birth_date", "unit", "district"},
            cycle=cycle, region="130400", file_sha256="bench", rejected=0,
        )  # fmt: skip
    number = ""
    for index, person in enumerate(store.roster.people_in_cycle(cycle)[:CERTIFIED_TODAY]):
        samples = [BiometricSample(modality="face", image=face, image_format="jpeg")]
        samples += [
            BiometricSample(modality="palm", hand=h, sample_index=i, image=palm, image_format="jpeg")
            for h in ("left", "right")
            for i in range(3)
        ]
        with store.transaction("bench"):
            enrollment = store.enrollments.add(
                Enrollment(person.uuid, "bench", "laptop-07", "丛台区", samples=samples)
            )
            receipt = issue_receipt(
                store, kind="enrollment", record_uuid=enrollment.uuid, person_uuid=person.uuid,
                id_number=person.id_number, result="complete", device="laptop-07", actor="bench",
            )  # fmt: skip
            certification = store.certifications.add(
                Certification(person.uuid, cycle, "palm", "accept", "bench", "laptop-07", "丛台区")
            )
            issue_receipt(
                store, kind="certification", record_uuid=certification.uuid, person_uuid=person.uuid,
                id_number=person.id_number, result="accept", device="laptop-07", actor="bench",
            )  # fmt: skip
            if index < OPEN_CASES:
                store.cases.open(Case(kind="id_mismatch", person_uuid=person.uuid, opened_by="bench",
                                      details={"mismatches": ["name_differs"]}))  # fmt: skip
        number = number or receipt.number
        if index == 0:
            save_signatures(store, "bench", enrollment.uuid, _signature(1), _signature(2))
    return number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    cycle = dt.date.today().year
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "s.db", "benchmark passphrase")
        started = time.perf_counter()
        number = _populate(store, cycle)
        took = time.perf_counter() - started
        print(f"(set-up: {PEOPLE} people, {CERTIFIED_TODAY} enrolled and certified: {took:.1f} s)")
        started = time.perf_counter()
        receipt_pdf(store, number)
        took = (time.perf_counter() - started) * 1000
        print(f"first receipt in a process (loads the CJK font): {took:.0f} ms")
        for layout in ("a4", "roll80"):
            ms, cpu = median_ms(lambda layout=layout: receipt_pdf(store, number, layout=layout), args.repeats)  # type: ignore[misc]
            print(
                f"receipt PDF ({layout}, face photo + 2 signatures, from the store): "
                f"median {ms:.0f} ms (CPU {cpu:.0f} ms) of {args.repeats} (target <= 100 ms)"
            )
        out = Path(folder) / "reports"
        ms, cpu = median_ms(lambda: write_daily_report(store, out, cycle=cycle), 5)
        pdf = next(out.glob("*.pdf"))
        print(
            f"daily summary for {PEOPLE} people (data + PDF + CSV, {pdf.stat().st_size // 1024} KB PDF): "
            f"median {ms:.0f} ms (CPU {cpu:.0f} ms) of 5 (target <= 2000 ms)"
        )
        store.close()


if __name__ == "__main__":
    main()
