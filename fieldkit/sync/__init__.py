"""Laptop-side reconciliation with headquarters: batches, transfer and sync."""
