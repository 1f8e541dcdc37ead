"""Bytes a reader's browser downloads from the search bundle to run one search.

Serves a built site, opens its search page in headless Chromium (Debian's package), types
one word as a reader does, waits for the results, and adds up every response from
`pagefind/`: script, styles, wasm, metadata, filters, index chunks and result fragments.
Two totals: as served here (uncompressed), and as a host that gzips text (GitHub Pages
does, for scripts, styles and JSON; Pagefind's own files are compressed already) sends it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_download(site: Path, word: str) -> tuple[int, int, int]:
    """Bytes fetched from pagefind/ for one search of `word` (uncompressed, and as a host
    that gzips text sends them), and how many results show."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    failed: list[str] = []  # requests that got no answer, named if no result shows
    errors: list[str] = []  # the page's script errors, named too
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()

            def count(request) -> None:
                # The engine, and the stand-in the search page loads it through.
                if "/pagefind/" in request.url or "/javascripts/search/" in request.url:
                    fetched[request.url] = request.sizes()["responseBodySize"]

            page.on("requestfinished", count)
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"http://127.0.0.1:{server.server_port}/search/")
            page.locator(".pagefind-ui__search-input").press_sequentially(word, delay=20)
            # The search for the whole word, not one of the prefixes typed on the way.
            message = page.locator(".pagefind-ui__message", has_text=f" for {word}")
            message.wait_for(timeout=60_000)
            results = page.locator(".pagefind-ui__result")
            try:
                results.first.wait_for(timeout=60_000)
            except PlaywrightTimeout as error:  # say why (a truncated bundle once)
                said = message.all_inner_texts()
                raise RuntimeError(
                    f"no result for {word!r}: {said}, failed requests: {failed}, "
                    f"script errors: {errors}"
                ) from error
            page.wait_for_load_state("networkidle")
            shown = results.count()
            browser.close()
    finally:
        server.shutdown()
    served = 0
    for url, size in fetched.items():
        path = site / url.split("/", 3)[3].split("?")[0]
        text = path.suffix in {".js", ".css", ".json"}
        served += len(gzip.compress(path.read_bytes())) if text else size
    return sum(fetched.values()), served, shown
