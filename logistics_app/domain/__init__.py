"""Rules as plain functions on plain data. Never imports reflex or touches the database."""
