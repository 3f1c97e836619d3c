"""Reusable widgets: preview, signature pad, result banner, strength meter."""
