"""HTML to PDF with WeasyPrint (README, "Dependencies"). Only the HTML given is rendered: no URL
is fetched (a sheet's HTML carries its stylesheet and no images), so nothing reaches the network.

PDFs are made in threads of their own (`in_pdf_thread`, two per process): a second or so each, a
few asked at once never take the threads the pages' other work needs (the show caller's looks)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from weasyprint import HTML

PDF_THREADS = 2  # PDFs rendered at once per process; more wait their turn
_POOL = ThreadPoolExecutor(max_workers=PDF_THREADS, thread_name_prefix="pdf")
_P = ParamSpec("_P")
_T = TypeVar("_T")


async def in_pdf_thread(make: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """Runs `make` (which reads what it prints and renders the PDF) in one of the PDF threads."""
    return await asyncio.get_running_loop().run_in_executor(_POOL, lambda: make(*args, **kwargs))


def _no_fetch(url: str, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"printed sheets fetch nothing ({url[:60]})")


def to_pdf(html: str) -> bytes:
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
