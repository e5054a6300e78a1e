"""Compliance service: recommends and refers on non-compliance; never decides."""
