"""The desktop application (PyQt5): the screens a field team works in all day.

Why a thin layer: every rule of the product lives in ``fieldkit.workflows``; the screens only
collect input, start a workflow off the Qt main thread (``tasks``) and show its answer. Nothing
here touches SQL, image processing or HTTP. ``backend/`` holds the Qt-free composition the screens
need (summaries for a list, the lazy receipt-PDF adapter); it is the part that could move into the
workflows unchanged.

Start it with ``fieldkit gui`` (``fieldkit.gui.app.main``).
"""
