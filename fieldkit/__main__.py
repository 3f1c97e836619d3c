"""``python -m fieldkit`` behaves like the packaged program (which uses this file as its entry):
``--self-test``, the GUI when started without arguments on a display, otherwise the command line.
See ``fieldkit.launcher``."""

import sys

from fieldkit.launcher import main

if __name__ == "__main__":
    sys.exit(main())
