from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from newsarchive.analyse.archive import Archive, analyse
from newsarchive.load import load_archive, load_records
from newsarchive.model import Article, FrontMatter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = Path(sys.executable).parent / "mkdocs"
CHROMIUM = "/usr/bin/chromium"  # Debian's package (Playwright's own download is not used)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the run (Playwright's sync API
    allows one running instance per thread)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make browser`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def build_site(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` of `project` into `out`, from another folder
    (nothing may depend on the working directory)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def copy_project(target: Path) -> Path:
    """A copy of the project's site sources (config, docs, hooks, articles) to change freely."""
    for name in ("docs", "hooks", "articles"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "records.yml"):
        shutil.copy(ROOT / name, target / name)
    return target


def make_article(
    slug: str,
    events: Sequence[dict] = (),
    *,
    body: str = "q",
    figures: Sequence[dict] = (),
    quotes: Sequence[dict] = (),
    published: str = "2019-01-14",
    outlet: str | None = None,
    archived: Sequence[str] = (),
) -> Article:
    """A validated report built in memory (events quote "q" unless they say otherwise)."""
    meta = FrontMatter.model_validate(
        {
            "title": f"Report {slug}",
            "title_source": "editorial",
            "title_note": "test",
            "source": {
                "outlet": outlet or f"Outlet {slug}",
                "url": f"https://example.org/{slug}",
                "author": "A. Writer",
                "published": {"date": published},
                "archived": list(archived),
            },
            "language": "en",
            "summary": "test",
            "figures": list(figures),
            "events": [{"quote": "q", **event} for event in events],
            "quotes": list(quotes),
        }
    )
    return Article(Path(f"{published}-{slug}.md"), f"{published}-{slug}", meta, body, 1)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on a free local port, as a browser reads it."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def real_archive() -> Archive:
    """The five real reports, loaded with their records, checked and analysed."""
    records, problems = load_records(ROOT)
    articles, more = load_archive([ROOT / "articles"], root=ROOT, records=records)
    assert problems + more == []
    return analyse(articles)


def set_paging(project: Path, **settings: int) -> None:
    """Split lists sooner in a copied project (mkdocs.yml's extra: archive_paging:)."""
    lines = "".join(f"    {name}: {value}\n" for name, value in settings.items())
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert text.count("\nextra:\n") == 1
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  archive_paging:\n{lines}"), "utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session, with a repository URL for edit links."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out, REPO_URL="https://github.com/example-org/press-archive")
    assert result.returncode == 0, result.stderr
    return out


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    shots = os.environ.get("SCREENSHOT_DIR", str(ROOT / "tests" / "screenshots"))
    if Path(shots).is_dir():
        terminalreporter.write_line(f"Screenshots of the pages checked in the browser: {shots}")
