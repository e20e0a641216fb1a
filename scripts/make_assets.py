"""Renders assets/: favicon.ico and the PNG icons from logo.svg, and the social-preview image.

Run after changing assets/logo.svg: `.venv/bin/python scripts/make_assets.py` (needs Debian's
chromium, as the browser tests do). The outputs are committed; the app only serves them.
"""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LOGO = (ASSETS / "logo.svg").read_text()
PREVIEW = f"""<!doctype html><html lang="es"><meta charset="utf-8"><style>svg{{width:100%;height:100%}}</style>
<body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:56px;padding:0 90px;
box-sizing:border-box;background:linear-gradient(135deg,#f4f0fe,#ffffff 60%);font-family:sans-serif;color:#1c1c1f">
<div style="width:260px;height:260px;flex:none">{LOGO}</div>
<div><div style="font-size:64px;font-weight:700;line-height:1.1">Logística de cine</div>
<div style="font-size:32px;margin-top:24px;color:#4f4c57;line-height:1.35">Programa, sedes y calendarios<br>
de los eventos de cine en México</div>
<div style="font-size:26px;margin-top:28px;color:#6e56cf">Premios Ariel · Rumbo al Ariel · Jalisco Lab</div></div>
</body></html>"""

ICON = '<style>svg{{width:{size}px;height:{size}px;display:block}}</style><body style="margin:0">{logo}</body>'


def _ico(png: bytes, size: int) -> bytes:
    """An .ico holding one PNG image (read by every browser since 2007)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for size, name in ((32, "favicon-32.png"), (180, "apple-touch-icon.png"), (512, "logo-512.png")):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(ICON.format(size=size, logo=LOGO))
            (ASSETS / name).write_bytes(page.screenshot(omit_background=True))
        (ASSETS / "favicon.ico").write_bytes(_ico((ASSETS / "favicon-32.png").read_bytes(), 32))
        (ASSETS / "favicon-32.png").unlink()
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(PREVIEW)
        (ASSETS / "social-preview.png").write_bytes(page.screenshot())
        browser.close()


if __name__ == "__main__":
    main()
