"""Qt-free composition for the screens: plain functions over the store, run on the store thread.

Why a separate package: each function here is what a screen needs in one call (a summary for a list,
the team's settings, a receipt's fields), built only from workflow functions and the store's public
repositories — never SQL. Nothing here imports PyQt5, so these functions can move into
``fieldkit.workflows`` unchanged when another front-end needs them.
"""
