"""Cold start of the packaged app: to ``--version``, and to its first window on a real X display.

Target (issue 10): start to the unlock screen <= 3 s. Starts Xvfb itself (Debian ``xvfb``) and
watches the display with ``xwininfo`` (Debian ``x11-utils``) for the main window; the data folder
holds a store, so the first window is the unlock screen. Build first (README, "Packaged desktop
app"). Files are in the page cache after the first run; the first run is printed apart.

    .venv/bin/python benchmarks/bench_startup.py [--app dist/fieldkit/fieldkit] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

TITLE = "fieldkit"


def _window_up(display: str) -> bool:
    """The main window exists and is mapped (viewable), not merely created."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, env=env).stdout
    for line in tree.splitlines():
        if TITLE in line and "has no name" not in line:
            window = line.split()[0]
            info = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True, env=env).stdout
            if "IsViewable" in info:
                return True
    return False


def _to_window(app: str, home: Path, display: str) -> float:
    env = {**os.environ, "DISPLAY": display, "FIELDKIT_HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)
    started = time.perf_counter()
    process = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not _window_up(display):
            if process.poll() is not None or time.perf_counter() - started > 60:
                raise RuntimeError("the app exited or showed no window")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", default=str(Path("dist") / "fieldkit" / "fieldkit"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    versions = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run([args.app, "--version"], capture_output=True, check=True)
        versions.append(time.perf_counter() - started)
    print(f"start to --version: median {statistics.median(versions):.2f} s of {args.runs}")
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24"], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            subprocess.run(
                [args.app, "--home", str(home), "init"],
                env={**os.environ, "FIELDKIT_PASSPHRASE": "startup benchmark passphrase"},
                capture_output=True,
                check=True,
            )
            first = _to_window(args.app, home, display)
            times = [_to_window(args.app, home, display) for _ in range(args.runs)]
    finally:
        xvfb.kill()
        xvfb.wait()
    print(
        f"start to the first window (unlock screen): first run {first:.2f} s, then median "
        f"{statistics.median(times):.2f} s of {args.runs} (min {min(times):.2f}, max {max(times):.2f})"
    )


if __name__ == "__main__":
    main()
