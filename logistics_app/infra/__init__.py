"""The machinery: the database and its migrations, health checks, event backups, text limits."""
