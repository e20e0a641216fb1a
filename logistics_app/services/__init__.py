"""Use cases: what people do (writes), one transaction each, the database session keyword-only.

Read models for pages live in logistics_app.queries, the machinery (database, migrations,
health, backups, text limits) in logistics_app.infra, the demo in logistics_app.demo.
"""

# The limits on stored text apply to every session the app opens.
from logistics_app.infra import limits as limits
