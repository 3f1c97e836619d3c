"""reports: records → PDF receipts and reports (reportlab), PNG charts, CSV text; QR reading.

A library like ``capture``, ``matching`` and ``storage``: it imports none of them nor ``fieldkit``.
It receives plain data (its own dataclasses, bytes, numbers) and a ready QR text — it never signs
and never opens the store. ``fieldkit.workflows.receipt_documents`` and ``report_data`` gather the
data; the CLI and the GUI call those.

Modules: ``receipt`` (A4 and 80 mm roll receipts), ``daily``, ``cases``, ``reconciliation`` and
``accuracy`` (reports), ``qr`` (fast QR drawing), ``qr_scan`` (finding codes in scans and photos),
``raster`` (PDF pages → PNG with PDFium), ``fonts`` (the embedded CJK font), ``errors``.
"""

import os as _os

# note: OpenCV refuses images above this many pixels after reading their header and before
# allocating them (every decoder: PNG, JPEG, TIFF, WebP, ...), but only if set before cv2 loads;
# whichever of fieldkit's packages is imported first sets it. matching.image_io checks the header
# itself too (and refuses unknown formats), this bounds the decoders the libraries call directly.
_os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", "40000000")
