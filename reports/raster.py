"""Turning PDF pages into images with PDFium (the ``pypdfium2`` wheel).

Why render at all: reportlab writes PDFs but cannot draw them, and the only way to know what a
printer or a viewer will show is to render the page. The same path serves ``fieldkit receipt
verify`` on a PDF (the QR code is read from the rendered page, exactly as from a scan), the receipt
preview in the desktop app and the tests that look at every document.

Why PDFium and not poppler's ``pdftoppm``: ``pdftoppm`` is an external program, absent on the
Windows laptops the teams carry; PDFium ships inside a wheel. Measured on a receipt at 150 dpi
(2-core laptop): A4 238 ms with ``pdftoppm`` against 25 ms here, 80 mm roll 144 ms against 14 ms,
the same page sizes, and the QR code read back from both.
"""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium

from reports.errors import RasterError

MAX_PAGES = 20
POINTS_PER_INCH = 72
MAX_PAGE_PIXELS = 80_000_000  # note: an A3 page at 300 dpi is 17 million; a forged page can claim more


def pdf_to_pngs(pdf: bytes, *, dpi: int = 150, max_pages: int = MAX_PAGES) -> list[bytes]:
    """PNG bytes of the first ``max_pages`` pages, rendered at ``dpi``.

    Raises RasterError (``reports.bad_pdf``) for a damaged, empty or encrypted PDF.
    """
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise RasterError(f"The PDF could not be rendered ({exc}).", code="reports.bad_pdf") from None
    try:
        pages = []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            width, height = page.get_size()
            if (width * dpi / POINTS_PER_INCH) * (height * dpi / POINTS_PER_INCH) > MAX_PAGE_PIXELS:
                page.close()
                raise RasterError(
                    f"A page of the PDF is too large to draw ({width:.0f} × {height:.0f} points).",
                    code="reports.page_too_large",
                )
            try:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH)
                image = np.ascontiguousarray(bitmap.to_numpy())  # BGR, as OpenCV expects
            finally:
                page.close()
            ok, png = cv2.imencode(".png", image)
            if not ok:
                raise RasterError("A rendered PDF page could not be saved as PNG.", code="reports.bad_pdf")
            pages.append(png.tobytes())
    except pdfium.PdfiumError as exc:
        raise RasterError(f"The PDF could not be rendered ({exc}).", code="reports.bad_pdf") from None
    finally:
        document.close()
    if not pages:
        raise RasterError("The PDF has no pages.", code="reports.bad_pdf")
    return pages
