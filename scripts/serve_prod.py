"""`make run-prod`: Reflex's production server, its granian workers respawned when one dies.

Reflex starts granian without `respawn_failed_workers`, so one worker killed (out of memory, a
crash, `kill -9`) used to stop the whole backend. Here granian's own supervision is turned on: the
other workers keep serving while the dead one is replaced (granian stops only on a crash loop, when
the service manager restarts everything: deploy/logistics-app.service). Each worker also serves up
to GRANIAN_BACKPRESSURE (8,192) connections at once: the ceremony's live viewers hold one each.

Usage: python scripts/serve_prod.py [reflex run options], e.g. --backend-host 127.0.0.1.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import granian.server

# Open connections a worker serves at once. Granian's default (its backlog, 1,024) would leave the
# ceremony's live viewers beyond it waiting: each holds one idle stream (api/live.py).
BACKPRESSURE = int(os.environ.get("GRANIAN_BACKPRESSURE", "8192"))
BACKLOG = int(os.environ.get("GRANIAN_BACKLOG", "4096"))


class RespawningServer(granian.server.Server):  # type: ignore[misc,valid-type]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("respawn_failed_workers", True)
        kwargs["backlog"] = max(kwargs.get("backlog") or 0, BACKLOG)
        kwargs["backpressure"] = max(kwargs.get("backpressure") or 0, BACKPRESSURE)
        super().__init__(*args, **kwargs)


def main() -> None:
    # Reflex imports granian's Server when it starts the backend: it finds this one.
    granian.server.Server = RespawningServer  # type: ignore[misc]
    from reflex.reflex import cli

    cli(["run", "--env", "prod", *sys.argv[1:]])


if __name__ == "__main__":
    main()
