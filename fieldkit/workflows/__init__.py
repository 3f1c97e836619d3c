"""Workflows: the only place that composes storage, capture, matching and reports."""
