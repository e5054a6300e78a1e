"""Interventions service: turns an open case into tailored, delivered support."""
