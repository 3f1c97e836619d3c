"""The device registry: our drivers, plug-ins through entry points, and every kind of broken driver
shown as unavailable with its reason instead of crashing the application.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from capture.camera import OpenCvCamera
from capture.errors import DeviceNotFound
from capture.registry import GROUP, DeviceRegistry, DriverEntry, builtin_registry, declare_builtins
from capture.replay import ReplayCamera

BUILTINS = {
    "camera": "camera",
    "palm-scanner": "palm_scanner",
    "replay-camera": "camera",
    "replay-palm": "palm_scanner",
    "replay-face": "camera",
    "gps-nmea": "location",
    "idcard-serial": "card_reader",
    "idcard-replay": "card_reader",
}


class FakeEntryPoint:
    def __init__(self, name: str, value: str, dist: str | None, loads: Any) -> None:
        self.name, self.value, self.group = name, value, GROUP
        self.dist = SimpleNamespace(name=dist) if dist else None
        self._loads = loads

    def load(self) -> Any:
        if isinstance(self._loads, BaseException):
            raise self._loads
        return self._loads


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> list[FakeEntryPoint]:
    """Entry points the registry will find (only in our group)."""
    found: list[FakeEntryPoint] = []
    monkeypatch.setattr(
        importlib.metadata, "entry_points", lambda group: list(found) if group == GROUP else []
    )
    return found


def _entry(registry: DeviceRegistry, name: str) -> DriverEntry:
    return next(e for e in registry.list() if e.name == name)


class FakeScanner:
    def __init__(self, **settings: Any) -> None:
        self.settings = settings


def test_builtins_are_listed() -> None:
    entries = {e.name: e for e in builtin_registry().list()}
    assert {name: e.kind for name, e in entries.items()} == BUILTINS
    assert {e.source for e in entries.values()} == {"builtin"}
    for name in ("replay-camera", "replay-palm", "gps-nmea"):
        assert entries[name].available, entries[name].reason


def test_create_unknown_lists_known_names() -> None:
    with pytest.raises(DeviceNotFound) as caught:
        builtin_registry().create("scanner-9000")
    assert caught.value.code == "device.not_found"
    assert "replay-palm" in caught.value.message and "camera" in caught.value.message
    assert caught.value.params["known"] == sorted(BUILTINS)


def test_create_builtin_replays(tmp_path: Path) -> None:
    registry = builtin_registry()
    palm = registry.create("replay-palm", path=str(tmp_path), fps=5)
    assert isinstance(palm, ReplayCamera)
    assert (palm.kind, palm.grey, palm.name, palm.info().simulated) == (
        "palm_scanner",
        True,
        "replay-palm",
        True,
    )
    face = registry.create("replay-camera", path=str(tmp_path))
    assert isinstance(face, ReplayCamera) and face.kind == "camera" and not face.grey
    with pytest.raises(ValueError):
        registry.create("camera", index=0, path="clip.avi")
    camera = registry.create("camera", index="1")  # as typed on a command line
    assert isinstance(camera, OpenCvCamera) and camera.source == 1


def test_plugin_declares_a_driver_under_its_distribution(plugins: list[FakeEntryPoint]) -> None:
    def declare(registry: DeviceRegistry) -> None:
        registry.register("acme-palm", FakeScanner, "palm_scanner", "ACME palm-vein scanner")

    plugins.append(FakeEntryPoint("acme", "acme_palm.fieldkit:declare", "acme-palm-sdk", declare))
    registry = builtin_registry()
    registry.load_entry_points()
    entry = _entry(registry, "acme-palm")
    assert (entry.source, entry.kind, entry.available, entry.reason) == (
        "acme-palm-sdk",
        "palm_scanner",
        True,
        None,
    )
    device = registry.create("acme-palm", exposure=3)
    assert isinstance(device, FakeScanner) and device.settings == {"exposure": 3}
    registry.load_entry_points()  # a second scan changes nothing
    assert [e.name for e in registry.list()].count("acme-palm") == 1 and registry.unavailable == {}


def test_broken_plugins_are_unavailable_never_fatal(plugins: list[FakeEntryPoint]) -> None:
    def half_declare(registry: DeviceRegistry) -> None:
        registry.register("half-1", FakeScanner, "camera", "declared before the failure")
        raise RuntimeError("SDK licence file not found")

    def steal_camera(registry: DeviceRegistry) -> None:
        registry.register("camera", FakeScanner, "camera", "tries to replace ours")

    plugins += [
        FakeEntryPoint(
            "broken", "acme_sdk.fieldkit:declare", "acme-sdk", ImportError("No module named 'acme_sdk'")
        ),
        FakeEntryPoint("half", "half.plugin:declare", "half-plugin", half_declare),
        FakeEntryPoint("thief", "thief:declare", None, steal_camera),
        FakeEntryPoint("not-callable", "odd:VALUE", "odd", 42),
    ]
    registry = builtin_registry()
    registry.load_entry_points()
    unavailable = registry.unavailable
    assert "acme_sdk" in unavailable["broken"] and "ImportError" in unavailable["broken"]
    assert "licence" in unavailable["half"]
    assert "already provided by builtin" in unavailable["thief"]
    assert "not-callable" in unavailable
    broken = _entry(registry, "broken")
    assert (broken.source, broken.available) == ("acme-sdk", False)
    assert _entry(registry, "thief").source == "thief"  # no distribution: the module stands in
    names = [e.name for e in registry.list()]
    assert "half-1" not in names  # withdrawn with its failed plug-in
    assert isinstance(registry.create("replay-camera", path="."), ReplayCamera)


def test_our_own_entry_point_does_not_duplicate_builtins(plugins: list[FakeEntryPoint]) -> None:
    plugins.append(
        FakeEntryPoint("fieldkit", "capture.registry:declare_builtins", "fieldkit", declare_builtins)
    )
    registry = builtin_registry()
    registry.load_entry_points()
    assert [e.name for e in registry.list()] == list(BUILTINS)
    assert {e.source for e in registry.list()} == {"builtin"}
    alone = DeviceRegistry()
    alone.load_entry_points()
    assert {e.source for e in alone.list()} == {"builtin"}


def test_lazy_driver_with_missing_module_is_unavailable() -> None:
    registry = builtin_registry()
    registry.register("ghost-reader", "capture.no_such_module:Reader", "card_reader", "missing")
    registry.register("no-attr", "capture.errors:NoSuchReader", "card_reader", "missing attribute")
    ghost = _entry(registry, "ghost-reader")
    assert not ghost.available and ghost.reason is not None
    assert ghost.reason.startswith("missing libraries for ghost-reader") and "no_such_module" in ghost.reason
    assert not _entry(registry, "no-attr").available
    with pytest.raises(DeviceNotFound) as caught:
        registry.create("ghost-reader")
    assert caught.value.code == "device.unavailable"


def test_lazy_driver_resolves_when_created() -> None:
    registry = DeviceRegistry()
    registry.register("replay", "capture.replay:ReplayCamera", "camera", "lazily imported")
    assert _entry(registry, "replay").available
    assert isinstance(registry.create("replay", path="."), ReplayCamera)


def test_availability_checks() -> None:
    def broken_check() -> str | None:
        raise OSError("udev unavailable")

    registry = DeviceRegistry()
    registry.register("needs-sdk", FakeScanner, "camera", "x", available=lambda: "missing libraries for ACME")
    registry.register("check-fails", FakeScanner, "camera", "y", available=broken_check)
    registry.register("fine", FakeScanner, "camera", "z", available=lambda: None)
    assert registry.unavailable == {
        "needs-sdk": "missing libraries for ACME",
        "check-fails": "availability check failed: OSError: udev unavailable",
    }
    with pytest.raises(DeviceNotFound):
        registry.create("needs-sdk")
    assert isinstance(registry.create("fine"), FakeScanner)
