"""Headquarters: the server side of reconciliation (batch intake, devices, review)."""
