"""Turning PDF pages into images with poppler's ``pdftoppm``.

Why an external program: reportlab writes PDFs but cannot draw them, and the only way to know what a
printer or a viewer will show is to render the page. The same path serves ``fieldkit receipt
verify`` on a PDF (the QR code is read from the rendered page, exactly as from a scan) and the tests
that look at every document. On Debian/Ubuntu it is ``poppler-utils``; on Windows it must be on PATH
(or named by ``FIELDKIT_PDFTOPPM``); without it a clear error says to verify a scan or photo instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reports.errors import RasterError

PDFTOPPM_ENV = "FIELDKIT_PDFTOPPM"
MAX_PAGES = 20
TIMEOUT_SECONDS = 120


def find_pdftoppm() -> str | None:
    """The ``pdftoppm`` program to use, or None."""
    override = os.environ.get(PDFTOPPM_ENV)
    if override:
        return override if Path(override).is_file() else None
    return shutil.which("pdftoppm")


def pdf_to_pngs(pdf: bytes, *, dpi: int = 150, max_pages: int = MAX_PAGES) -> list[bytes]:
    """PNG bytes of the first ``max_pages`` pages, rendered at ``dpi``.

    Raises RasterError when ``pdftoppm`` is missing, fails (a damaged or encrypted PDF) or takes too long.
    """
    program = find_pdftoppm()
    if program is None:
        raise RasterError(
            "Reading a PDF needs poppler's pdftoppm, which is not installed here "
            "(Debian/Ubuntu: apt install poppler-utils). Scan or photograph the page and give the "
            "image file instead.",
            code="reports.no_pdftoppm",
        )
    with tempfile.TemporaryDirectory(prefix="fieldkit-raster-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        try:
            completed = subprocess.run(
                [
                    program,
                    "-png",
                    "-r",
                    str(dpi),
                    "-l",
                    str(max_pages),
                    str(source),
                    str(Path(folder) / "page"),
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RasterError("Rendering the PDF took too long; it may be damaged.") from None
        except OSError as exc:
            raise RasterError(f"pdftoppm could not be started ({exc.strerror}).") from None
        pages = sorted(Path(folder).glob("page*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        if completed.returncode != 0 or not pages:
            reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RasterError(
                "The PDF could not be rendered" + (f" ({reason[-1][:120]})." if reason else "."),
                code="reports.bad_pdf",
            )
        return [page.read_bytes() for page in pages]
