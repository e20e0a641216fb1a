"""Read models: what pages, feeds, the JSON and the CLI show, built from the database (no writes,
but for the feeds' own bookkeeping of Last-Modified)."""
