"""fieldkit: the application that composes capture, matching, storage and reports into the
enrollment and proof-of-life workflows, with a command line and (later) a PyQt5 desktop front-end.
"""

import os as _os

# note: OpenCV refuses images above this many pixels after reading their header and before
# allocating them (every decoder: PNG, JPEG, TIFF, WebP, ...), but only if set before cv2 loads;
# whichever of fieldkit's packages is imported first sets it. matching.image_io checks the header
# itself too (and refuses unknown formats), this bounds the decoders the libraries call directly.
_os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", "40000000")

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
