"""Presentation-attack detection (liveness) for faces: an active challenge–response check decided
from YuNet's landmark track, and a passive MiniFASNet score as a second signal.

Why a package of small modules: the geometry (``geometry``), the challenge and its timing
(``challenge``), the per-frame session (``session``), the passive model (``passive``), the fusion
of both (``fusion``) and the synthetic attacks used to measure them (``synthetic``) change for
different reasons and are tested separately. Nothing here stores or encrypts: a result carries the
evidence frames and the application keeps them in its encrypted store.
"""
