"""capture: devices turned into small, uniform sources of frames and ID-card records.

Nothing here knows about people, storage or the GUI; see ``capture.devices`` for the interfaces.
"""
