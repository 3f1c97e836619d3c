"""Formats both sides speak: batch envelope, request signing, work packages, key files and ids.

The laptop's :mod:`fieldkit.sync` and headquarters' :mod:`fieldkit.hq` both import this package and
never each other (an import-linter contract in pyproject.toml keeps it so).
"""
