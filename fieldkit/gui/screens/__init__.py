"""One module per screen (ARCHITECTURE.md: ``*_screen.py``)."""
