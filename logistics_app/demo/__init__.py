"""The demo: four real events (facts.py, from docs/DATA.md) and the Rumbo al Ariel dataset (data/)."""

from logistics_app.demo.loader import CEREMONY_DAY, DEMO_SLUGS, seed_demo, weeks_to

__all__ = ["CEREMONY_DAY", "DEMO_SLUGS", "seed_demo", "weeks_to"]
