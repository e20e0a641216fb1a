"""Reflex states: load, check, call one service, set view vars. No rules here."""
