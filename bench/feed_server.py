"""The feeds app plus the same bytes as a static file, for `make bench` (served by granian)."""

from __future__ import annotations

import os

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from logistics_app.api.routes import build_api
from logistics_app.db import make_engine

app = build_api(make_engine(os.environ["BENCH_DATABASE_URL"]))
app.router.routes.append(Mount("/static", app=StaticFiles(directory=os.environ["BENCH_STATIC_DIR"])))
