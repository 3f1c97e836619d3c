"""``fieldkit devices list|test|record``: what is configured, what is found, and does it work.

These commands need no store passphrase: device settings belong to the machine (fieldkit.toml), so a
technician can check a scanner before anyone unlocks the data.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.cli.arg_types import float_range, int_range
from fieldkit.cli.context import Context
from fieldkit.errors import UserError
from fieldkit.identity.idnumber import mask_id_number

if TYPE_CHECKING:
    from capture.devices import CardReader, FrameSource

# note: capture, OpenCV and the replay kit are imported inside the commands, so that every other
# fieldkit command starts without loading them


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    """Roles with the driver serving them, then every driver the registry knows."""
    from fieldkit.devices.registry import SIMULATED_DRIVERS, effective_devices, registry

    found = registry()
    entries = {entry.name: entry for entry in found.list()}
    print("Configured roles:")
    for role, setting in sorted(effective_devices(ctx.home).items()):
        entry = entries.get(setting.driver)
        state = (
            "unknown driver"
            if entry is None
            else ("ok" if entry.available else f"unavailable: {entry.reason}")
        )
        simulated = " [simulation]" if setting.driver in SIMULATED_DRIVERS else ""
        print(f"  {role:<13} {setting.driver:<15}{simulated} {state}")
    print("Drivers found:")
    for entry in sorted(entries.values(), key=lambda e: e.name):
        state = "available" if entry.available else f"unavailable: {entry.reason}"
        print(f"  {entry.name:<15} {entry.kind:<13} {entry.source:<10} {state} — {entry.description}")
    return 0


def _test_frames(device: FrameSource, seconds: float) -> None:
    from capture.camera import focus_measure, mean_brightness

    first = device.grab(timeout=5.0)
    stamps, focus, brightness = (
        [first.timestamp],
        [focus_measure(first.image)],
        [mean_brightness(first.image)],
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        frame = device.grab(timeout=5.0)
        if frame.timestamp != stamps[-1]:
            stamps.append(frame.timestamp)
            focus.append(focus_measure(frame.image))
            brightness.append(mean_brightness(frame.image))
    height, width = first.image.shape[:2]
    intervals = [b - a for a, b in itertools.pairwise(stamps)]
    fps = 1.0 / statistics.median(intervals) if intervals else float("nan")
    print(f"  resolution {width}×{height}, {len(stamps)} frames, frame rate {fps:.1f}/s")
    print(f"  mean brightness {statistics.median(brightness):.0f}/255, focus {statistics.median(focus):.0f}")


def _test_card(device: CardReader, timeout: float) -> None:
    if not device.wait_for_card(timeout=timeout):
        raise UserError(f"No card was placed on the reader within {timeout:.0f} s.", code="card.none")
    started = time.perf_counter()
    card = device.read_card()
    print(
        f"  read a card ({card.source}) in {(time.perf_counter() - started) * 1000:.0f} ms: "
        f"ID {mask_id_number(card.id_number)}, photo {len(card.photo or b'')} bytes"
    )


def cmd_test(ctx: Context, args: argparse.Namespace) -> int:
    """Open a device, grab frames or read a card, and report what came out."""
    from capture.devices import FrameSource
    from capture.errors import CaptureError
    from fieldkit.devices.registry import open_device

    device = open_device(ctx.home, args.name)
    try:
        info = device.info()
        label = " (simulation)" if info.simulated else ""
        print(f"{info.name}: {info.kind} via {info.driver}{label}")
        if isinstance(device, FrameSource) and info.kind != "card_reader":
            _test_frames(device, args.seconds)
        else:
            _test_card(device, args.seconds)  # type: ignore[arg-type]
    except CaptureError as exc:
        raise UserError(f"{args.name}: {exc.message}", code=exc.code) from None
    finally:
        device.close()
    return 0


def cmd_record(ctx: Context, args: argparse.Namespace) -> int:
    """Save frames from a camera or scanner for later replay."""
    from capture.devices import FrameSource
    from capture.errors import CaptureError
    from capture.replay import record
    from fieldkit.devices.registry import open_device

    device = open_device(ctx.home, args.name)
    try:
        if not isinstance(device, FrameSource) or device.info().kind == "card_reader":
            raise UserError(f"{args.name} is not a camera or scanner.", code="device.not_frames")
        saved = record(device, Path(args.folder), args.count, every=args.every)
    except CaptureError as exc:
        raise UserError(f"{args.name}: {exc.message}", code=exc.code) from None
    finally:
        device.close()
    print(
        f"Saved {saved} frames to {args.folder}; replay them with driver replay-camera (path = that folder)."
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the device commands."""
    devices = sub.add_parser("devices", help="list, test and record capture devices")
    actions = devices.add_subparsers(dest="devices_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="configured roles and the drivers found")
    listing.set_defaults(handler=cmd_list)
    test = actions.add_parser("test", help="open a device and grab frames or read a card")
    test.add_argument("name", help="a role (face_camera, palm_scanner, card_reader) or a driver name")
    test.add_argument(
        "--seconds", type=float_range(0.1, 600.0), default=2.0, help="how long to stream (or wait for a card)"
    )
    test.set_defaults(handler=cmd_test)
    rec = actions.add_parser("record", help="save frames for replay")
    rec.add_argument("name")
    rec.add_argument("folder")
    rec.add_argument("--count", type=int_range(1, 10_000), default=30)
    rec.add_argument("--every", type=int_range(1, 1000), default=1, help="keep every N-th frame")
    rec.set_defaults(handler=cmd_record)
