"""Starlette routes for /cal/ and /api/: parse, call a service, respond."""
