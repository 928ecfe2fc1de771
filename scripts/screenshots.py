"""Screenshots of the main pages at 1366 px and 390 px (issue 14: "before" and "after").

Usage (a running site with the demo data, ``kompetensbron init --demo``)::

    python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots/after \
        --user samordnare@demo.invalid --password PASSWORD

It logs in as the given demo user, opens each page of :data:`PAGES` in Debian's chromium
(Playwright), and stores the first screen of each page (at most 1,600 px high) as a PNG
reduced to a 64-colour palette, so the folder stays small (~40 KB a file).
"""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

#: (file name, path) of the main pages
PAGES = [
    ("01-start", "/"),
    ("02-yrken", "/yrken/?q=chef"),
    ("03-yrke", "/yrken/2221/"),
    ("04-regioner", "/regioner/"),
    ("05-efterfragan", "/efterfragan/"),
    ("06-balans", "/efterfragan/balans/"),
    ("07-prognos", "/efterfragan/prognos/"),
    ("08-utbildning", "/utbildning/"),
    ("09-utexaminerade", "/utexaminerade/"),
    ("10-samverkan", "/samverkan/"),
    ("11-matchning", "/matchning/"),
    ("12-studentbostader", "/studentbostader/"),
    ("13-api-docs", "/api/v1/docs"),
    ("14-sok", "/sok/?q=sjuksk%C3%B6terska"),
]
WIDTHS = {1366: 900, 390: 844}
MAX_HEIGHT = 1600
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _save_small(png: bytes, target: Path) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def take(base_url: str, out_dir: Path, *, user: str | None, password: str | None) -> list[Path]:
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not installed (apt-get install -y chromium)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
                page = context.new_page()
                if user and password:
                    page.goto(f"{base_url}/konto/logga-in/")
                    page.fill("input[name=username]", user)
                    page.fill("input[name=password]", password)
                    with page.expect_navigation():
                        page.click("main button[type=submit], main input[type=submit]")
                for name, path in PAGES:
                    response = page.goto(f"{base_url}{path}", wait_until="networkidle")
                    if response is None or response.status >= 400:
                        print(f"skipped {path}: {response.status if response else 'no answer'}")
                        continue
                    if path.startswith("/api/v1/docs"):
                        page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
                    page.wait_for_timeout(400)  # charts finish their first animation frame
                    full = page.evaluate("document.documentElement.scrollHeight")
                    clip = {"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)}
                    target = out_dir / f"{name}-{width}.png"
                    _save_small(page.screenshot(clip=clip, full_page=True), target)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    for path in take(args.base_url.rstrip("/"), args.out_dir, user=args.user, password=args.password):
        print(path)


if __name__ == "__main__":
    main()
