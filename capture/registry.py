"""Device drivers by name: our own, and vendors' plug-ins found through Python entry points.

Why a registry: the settings screen and ``fieldkit devices list|test`` must show every driver the
laptop could use, including ones that cannot work right now and why ("missing libraries for X"),
and a vendor's palm-scanner SDK must be installable as a separate package without editing our code.

Plug-in contract: an entry point in the ``fieldkit.devices`` group loads to a callable
``declare(registry: DeviceRegistry) -> None`` that calls ``registry.register(...)`` once per driver::

    [project.entry-points."fieldkit.devices"]
    acme-palm = "acme_palm.fieldkit:declare"

Nothing a plug-in does is fatal: one that fails to import or raises while declaring is recorded in
``unavailable`` with the reason (and the drivers it had declared so far are withdrawn). Drivers can be
given as ``"module:attribute"`` strings, imported only when listed or created, so a driver whose
module or libraries are missing is shown as unavailable instead of breaking this module's import.
Our own drivers are declared by ``declare_builtins``, which is also our entry point in that group.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import cv2

from capture.camera import OpenCvCamera, PalmScannerCamera
from capture.devices import CardReader, FrameSource
from capture.errors import DeviceNotFound
from capture.replay import ReplayCamera

if TYPE_CHECKING:
    from capture.location import LocationSource

log = logging.getLogger(__name__)
Device: TypeAlias = "FrameSource | CardReader | LocationSource"
Factory: TypeAlias = "Callable[..., Device]"
GROUP = "fieldkit.devices"


@dataclass(frozen=True)
class DriverEntry:
    """One line of ``fieldkit devices list``. ``source`` is "builtin" or the plug-in's distribution."""

    name: str
    kind: str
    description: str
    source: str
    available: bool
    reason: str | None = None


@dataclass
class _Driver:
    factory: Factory | str  # a string is "module:attribute", imported when first needed
    kind: str
    description: str
    source: str
    available: Callable[[], str | None] | None


def _import_target(target: str) -> Factory:
    module_name, _, attribute = target.partition(":")
    if not attribute:
        raise ImportError(f"{target!r} is not of the form 'module:attribute'")
    factory = getattr(importlib.import_module(module_name), attribute)
    if not callable(factory):
        raise ImportError(f"{target} is not callable")
    return factory  # type: ignore[no-any-return]


class DeviceRegistry:
    """Driver names → factories, with what is known about whether each can work on this machine."""

    def __init__(self) -> None:
        self._drivers: dict[str, _Driver] = {}
        self._broken: dict[str, tuple[str, str]] = {}  # plug-in (entry point) name → (source, reason)
        self._resolved: dict[str, Factory | BaseException] = {}
        self._loaded: set[tuple[str, str, str]] = set()
        self._source = "builtin"

    def register(
        self,
        name: str,
        factory: Factory | str,
        kind: str,
        description: str,
        available: Callable[[], str | None] | None = None,
    ) -> None:
        """Add a driver. ``available`` returns None when usable, else the reason it is not."""
        existing = self._drivers.get(name)
        if existing is not None:
            if existing.factory == factory:
                return  # note: the same declaration twice (builtins also come through our entry point)
            raise ValueError(f"A device driver named {name!r} is already provided by {existing.source}.")
        self._drivers[name] = _Driver(factory, kind, description, self._source, available)

    def load_entry_points(self, group: str = GROUP) -> None:
        """Let every installed plug-in declare its drivers; a broken one is recorded, never raised."""
        try:
            entry_points = importlib.metadata.entry_points(group=group)
        except Exception:  # note: damaged metadata in site-packages must not stop the application
            log.exception("could not list the %s entry points", group)
            return
        for entry_point in entry_points:
            key = (group, entry_point.name, entry_point.value)
            if key in self._loaded:
                continue
            self._loaded.add(key)
            dist = getattr(getattr(entry_point, "dist", None), "name", None)
            source = dist or entry_point.value.partition(":")[0]
            try:
                declare = entry_point.load()
            except (Exception, SystemExit) as exc:
                self._plugin_failed(entry_point.name, source, f"could not be loaded: {_describe(exc)}")
                continue
            if not callable(declare):
                self._plugin_failed(
                    entry_point.name, source, f"{entry_point.value} is not a declare function"
                )
                continue
            before = set(self._drivers)
            self._source = "builtin" if declare is declare_builtins else source
            try:
                declare(self)
            except (Exception, SystemExit) as exc:
                for name in set(self._drivers) - before:
                    del self._drivers[name]
                self._plugin_failed(
                    entry_point.name, source, f"failed to declare its drivers: {_describe(exc)}"
                )
            finally:
                self._source = "builtin"

    def _plugin_failed(self, name: str, source: str, reason: str) -> None:
        log.warning("device plug-in %s (%s) %s", name, source, reason)
        self._broken[name] = (source, reason)

    def _problem(self, name: str) -> str | None:
        """Why driver ``name`` cannot be used here (None if it can)."""
        driver = self._drivers[name]
        if isinstance(driver.factory, str):
            resolved = self._resolved.get(name)
            if resolved is None:
                try:
                    resolved = _import_target(driver.factory)
                except (Exception, SystemExit) as exc:
                    resolved = exc
                self._resolved[name] = resolved
            if isinstance(resolved, BaseException):
                return f"missing libraries for {name}: {_describe(resolved)}"
        if driver.available is not None:
            try:
                return driver.available()
            except Exception as exc:
                return f"availability check failed: {_describe(exc)}"
        return None

    @property
    def unavailable(self) -> dict[str, str]:
        """Broken plug-ins and unusable drivers → why (a fresh dict on each access)."""
        reasons = {name: reason for name, (_, reason) in self._broken.items()}
        for name in self._drivers:
            if (problem := self._problem(name)) is not None:
                reasons[name] = problem
        return reasons

    def names(self) -> builtins.list[str]:
        """Driver names in registration order (for command-line completion and error messages)."""
        return builtins.list(self._drivers)

    def create(self, name: str, **settings: Any) -> Device:
        """A new, not yet opened device from driver ``name`` with the given settings."""
        driver = self._drivers.get(name)
        if driver is None:
            known = sorted(self._drivers)
            raise DeviceNotFound(
                f"No device driver named {name!r}. Known drivers: {', '.join(known) or 'none'}.",
                code="device.not_found",
                known=known,
            )
        problem = self._problem(name)
        if problem is not None:
            raise DeviceNotFound(
                f"The {name} driver cannot be used: {problem}", code="device.unavailable", driver=name
            )
        resolved = self._resolved.get(name, driver.factory)
        assert callable(resolved)
        return resolved(**settings)

    def list(self) -> builtins.list[DriverEntry]:
        """Every driver (registration order), then every broken plug-in, with availability."""
        entries = []
        for name, driver in self._drivers.items():
            problem = self._problem(name)
            entries.append(
                DriverEntry(name, driver.kind, driver.description, driver.source, problem is None, problem)
            )
        for name, (source, reason) in self._broken.items():
            entries.append(DriverEntry(name, "unknown", "device plug-in", source, False, reason))
        return entries


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _pick_source(index: int | None, path: str | None, url: str | None) -> int | str:
    given = [value for value in (index, path, url) if value is not None]
    if len(given) > 1:
        raise ValueError("Give only one of index, path and url.")
    if index is not None:
        return int(index)  # note: settings typed on a command line arrive as text; "0" would be a file name
    return given[0] if given else 0


def _camera(
    *, index: int | None = None, path: str | None = None, url: str | None = None, **settings: Any
) -> OpenCvCamera:
    return OpenCvCamera(_pick_source(index, path, url), **settings)


def _palm_scanner(
    *, index: int | None = None, path: str | None = None, url: str | None = None, **settings: Any
) -> PalmScannerCamera:
    return PalmScannerCamera(_pick_source(index, path, url), **settings)


def _replay_camera(path: str, **settings: Any) -> ReplayCamera:
    settings.setdefault("name", "replay-camera")
    return ReplayCamera(path, kind="camera", **settings)


def _replay_palm(path: str, **settings: Any) -> ReplayCamera:
    settings.setdefault("name", "replay-palm")
    settings.setdefault("grey", True)  # note: like the real scanner it stands in for
    return ReplayCamera(path, kind="palm_scanner", **settings)


def _camera_support() -> str | None:
    try:
        backends = cv2.videoio_registry.getCameraBackends()
    except Exception:  # note: very old builds lack the registry; assume support and let open() tell
        return None
    return None if backends else "this OpenCV build has no camera backend"


def declare_builtins(registry: DeviceRegistry) -> None:
    """Our own drivers (also our ``fieldkit.devices`` entry point)."""
    registry.register(
        "camera", _camera, "camera", "Webcam via OpenCV (settings: index, path or url)", _camera_support
    )
    registry.register(
        "palm-scanner", _palm_scanner, "palm_scanner", "UVC near-infrared palm-vein scanner", _camera_support
    )
    registry.register("replay-camera", _replay_camera, "camera", "Recorded face frames (folder or video)")
    registry.register("replay-palm", _replay_palm, "palm_scanner", "Recorded palm frames (folder or video)")
    registry.register(
        "replay-face",
        "capture.replay_face:ScriptedFaceCamera",
        "camera",
        "Synthetic face acting out the liveness prompts (settings: script live|spoof|still)",
    )
    registry.register(
        "gps-nmea", "capture.location:NmeaLocation", "location", "NMEA 0183 GPS/BeiDou receiver"
    )
    registry.register(
        "idcard-serial",
        "capture.idcard.reader:SerialCardReader",
        "card_reader",
        "ID-card reader (serial SAM)",
    )
    registry.register(
        "idcard-replay", "capture.idcard.simulated:ReplayCardReader", "card_reader", "Recorded ID-card reads"
    )


def builtin_registry() -> DeviceRegistry:
    """A registry holding our own drivers only (call ``load_entry_points`` to add plug-ins)."""
    registry = DeviceRegistry()
    declare_builtins(registry)
    return registry
