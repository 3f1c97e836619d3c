"""The CLI and the desktop app show the same device for a role (issue 15: they used to differ for an
unconfigured palm scanner — the CLI showed the replay kit's four palms, the GUI the person-aware
simulation). Both now ask fieldkit.devices.registry."""

from __future__ import annotations

from pathlib import Path

from fieldkit.devices.hub import DeviceHub
from fieldkit.devices.registry import open_device, role_state
from fieldkit.devices.simulated_scanner import SimulatedPalmScanner


def test_an_unconfigured_palm_scanner_is_the_simulated_scanner_for_both(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    listed = cli("devices", "list")
    line = next(x for x in listed.out.splitlines() if x.strip().startswith("palm_scanner"))
    assert "simulated-palm" in line and "[simulation]" in line and "ok" in line
    state = role_state(home, "palm_scanner")
    assert (state.driver, state.simulated, state.configured) == ("simulated-palm", True, False)
    assert DeviceHub(home).state("palm_scanner") == state
    device = open_device(home, "palm_scanner")
    try:
        assert isinstance(device, SimulatedPalmScanner)
    finally:
        device.close()
