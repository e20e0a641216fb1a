"""Reusable UI pieces. No database access, no rules."""
