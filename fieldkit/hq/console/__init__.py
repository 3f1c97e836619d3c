"""The headquarters web console (placeholder until the console framework is merged)."""
