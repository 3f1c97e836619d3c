"""The laptop's devices as the application sees them, for the CLI and the GUI alike.

Modules: ``settings`` (the ``[devices.*]`` part of fieldkit.toml), ``replay_kit`` (synthetic files
that stand in for hardware), ``simulated_scanner`` (a palm scanner showing the presented person's
synthetic hand), ``registry`` (drivers found through the ``fieldkit.devices`` entry points, which
driver serves each role, opening a device), ``hub`` (a session's open devices, shared by screens).

Why one package: both front-ends must show the same device for a role — an unconfigured palm
scanner is the simulated scanner for ``fieldkit devices list|test`` and for the desktop app.
Nothing here imports PyQt5 or opens a camera at import time.
"""
