"""HTML to PDF with WeasyPrint (README, "Dependencies"). Only the HTML given is rendered: no URL
is fetched (a sheet's HTML carries its stylesheet and no images), so nothing reaches the network."""

from __future__ import annotations

from typing import Any

from weasyprint import HTML


def _no_fetch(url: str, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"printed sheets fetch nothing ({url[:60]})")


def to_pdf(html: str) -> bytes:
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
