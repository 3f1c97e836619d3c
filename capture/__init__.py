"""capture: devices turned into small, uniform sources of frames and ID-card records.

Nothing here knows about people, storage or the GUI; see ``capture.devices`` for the interfaces.
"""

import os as _os

# note: OpenCV refuses images above this many pixels after reading their header and before
# allocating them (every decoder: PNG, JPEG, TIFF, WebP, ...), but only if set before cv2 loads;
# whichever of fieldkit's packages is imported first sets it. matching.image_io checks the header
# itself too (and refuses unknown formats), this bounds the decoders the libraries call directly.
_os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", "40000000")
