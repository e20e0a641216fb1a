"""Use cases: one transaction each, the database session passed keyword-only."""
