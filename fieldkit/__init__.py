"""fieldkit: the application that composes capture, matching, storage and reports into the
enrollment and proof-of-life workflows, with a command line and (later) a PyQt5 desktop front-end.
"""

__version__ = "0.1.0"


def build_commit() -> str:
    """The commit this program was built from: stamped into ``fieldkit/_build.py`` by
    ``pyinstaller.spec`` in a packaged app; from a source checkout asked of git (else "source").

    Why git is not trusted in a packaged app and the stamp is not trusted in a checkout: a build
    leaves ``_build.py`` behind in the source tree, which would name a stale commit there.
    """
    import sys

    if getattr(sys, "frozen", False):
        try:
            from fieldkit._build import COMMIT  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            return "unknown"
        return str(COMMIT)
    import subprocess
    from pathlib import Path

    checkout = Path(__file__).resolve().parent.parent
    try:
        lines = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--short", "HEAD"],
            cwd=checkout, capture_output=True, text=True, timeout=5, check=True,
        ).stdout.split()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "source"
    # note: an installed copy inside some other repository must not report that repository's commit
    if len(lines) != 2 or Path(lines[0]).resolve() != checkout:
        return "source"
    return lines[1]


def version_text() -> str:
    """``fieldkit 0.1.0 (commit 1a2b3c4)``: what ``--version`` and the self-test print."""
    return f"fieldkit {__version__} (commit {build_commit()})"
