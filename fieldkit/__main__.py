"""``python -m fieldkit`` runs the command line."""

import sys

from fieldkit.cli.main import main

sys.exit(main())
