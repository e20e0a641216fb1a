"""Use cases: one transaction each, the database session passed keyword-only."""

# The limits on stored text apply to every session the app opens.
from logistics_app.services import limits as limits
