"""fieldkit: the application that composes capture, matching, storage and reports into the
enrollment and proof-of-life workflows, with a command line and (later) a PyQt5 desktop front-end.
"""

__version__ = "0.1.0"
