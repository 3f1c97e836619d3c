"""The demo: synthetic people and rosters (``data``) and a scripted field day through the real
workflows (``field_day``, run by ``fieldkit demo``). Synthetic only — no one's real data or picture.
"""
