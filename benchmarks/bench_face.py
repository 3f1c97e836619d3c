"""Face engine speed on this machine: detection + alignment + embedding per 640×480 frame, one core.

Target (issue 4): <= 50 ms median per frame. Uses a real face from ../shared/data/faces when present
(pasted into a 640×480 frame in memory; nothing is written), else a blank frame, which measures
detection alone and says so.

    .venv/bin/python benchmarks/bench_face.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import cv2
import numpy as np

from matching.face_engine import analyse_face, detect_faces, similarity
from matching.face_models import load_models

FACES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "faces" / "lfw7"


def main() -> None:
    cv2.setNumThreads(1)
    load_models()
    frames = []
    files = sorted(FACES.glob("*/*"))[::25] if FACES.is_dir() else []
    for path in files[:12]:
        frame = np.full((480, 640, 3), 110, np.uint8)
        face = cv2.resize(cv2.imread(str(path)), (220, 220))
        frame[130:350, 210:430] = face
        frames.append(frame)
    if not frames:
        print(f"no real faces at {FACES}: timing detection on blank frames only")
        blank = np.full((480, 640, 3), 110, np.uint8)
        times = []
        for _ in range(30):
            started = time.perf_counter()
            detect_faces(blank)
            times.append((time.perf_counter() - started) * 1000)
        print(f"detection per 640x480 frame, one core: median {statistics.median(times):.1f} ms")
        return
    times = []
    captures = []
    for _ in range(3):
        for frame in frames:
            started = time.perf_counter()
            captures.append(analyse_face(frame))
            times.append((time.perf_counter() - started) * 1000)
    print(
        f"detection + alignment + embedding per 640x480 frame, one core: median "
        f"{statistics.median(times):.1f} ms ({len(times)} frames)"
    )
    a, b = captures[0].embedding, captures[1].embedding
    compare = []
    for _ in range(2000):
        started = time.perf_counter()
        similarity(a, b)
        compare.append((time.perf_counter() - started) * 1000)
    print(f"one face comparison: median {statistics.median(compare):.4f} ms")


if __name__ == "__main__":
    main()
