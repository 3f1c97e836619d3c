"""matching: images → templates → scores → decisions, for palm vein and face.

No I/O but model files and the shipped decision data; plain numpy arrays and bytes in and out.
Palm: ``palm`` (the facade: analyse, compare, fuse), ``palm_roi``, ``palm_code``, ``palm_template``,
``palm_index`` (1:N), ``palm_consistency``. Face: ``face_engine``, ``face_template``. Decisions:
``fusion``, ``decision_data`` (shipped thresholds). Development tools: ``evaluate`` (accuracy, with
subject-disjoint cross-validation in ``crossval``), ``calibrate`` (thresholds from out-of-fold scores).
"""

import os as _os

# note: OpenCV refuses images above this many pixels after reading their header and before
# allocating them (every decoder: PNG, JPEG, TIFF, WebP, ...), but only if set before cv2 loads;
# whichever of fieldkit's packages is imported first sets it. matching.image_io checks the header
# itself too (and refuses unknown formats), this bounds the decoders the libraries call directly.
_os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", "40000000")
