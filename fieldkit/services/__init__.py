"""Use cases, written once: what a front-end offers, as plain functions over the store.

Why a layer of its own: the command line and the desktop window used to compose the same steps
twice, and the copies drifted (only one downloaded work packages, each raised its own error codes).
Now ``fieldkit.cli`` parses arguments and prints, ``fieldkit.gui`` draws widgets, and both call the
functions here; a feature exists once, and both show it.
"""
