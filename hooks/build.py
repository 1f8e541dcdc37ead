"""MkDocs build hook: a thin adapter from MkDocs events to the `newsarchive` package.

Loads and validates `articles/` once per build (in on_files), fails the build with every
problem listed, and adds the generated pages as virtual files. `mkdocs serve` imports this
module once and rebuilds many times: what one build knows is replaced at the next, and only
the content caches (newsarchive.cache) carry results over, when serving.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from newsarchive import cache
from newsarchive.analyse.archive import Archive, analyse
from newsarchive.load import load_archive
from newsarchive.load.history import last_changes
from newsarchive.model import Article
from newsarchive.render import (
    CONTRIBUTING_FILE,
    CONTRIBUTING_SRC,
    PagingOptions,
    contributing_page,
    inject_blocks,
    json_ld,
    render_feed,
    render_home,
    render_pages,
    report_src,
)
from newsarchive.render.sanitize import clean_html
from newsarchive.render.search import (
    SearchIndexError,
    index_site,
    start_indexing,
    stop_indexing,
)


@dataclass
class _Build:
    """What one build knows; replaced in on_config at the start of every build."""

    site_dir: str = ""
    options: PagingOptions = field(default_factory=PagingOptions)
    archive: Archive | None = None
    reports: dict[str, Article] = field(default_factory=dict)  # src_uri -> article
    blocks: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri -> its blocks
    seconds: dict[str, float] = field(default_factory=dict)  # hook time per phase
    memory: dict[str, float] = field(default_factory=dict)  # resident MB after each step

    @contextmanager
    def timed(self, phase: str):
        started = time.perf_counter()
        yield
        self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - started

    def note_memory(self, step: str) -> None:
        """For benchmarks/bench.py: this process's resident memory now (Linux)."""
        status = Path("/proc/self/status")
        if os.environ.get("NEWSARCHIVE_TIMINGS") and status.exists():
            rss = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS"))
            self.memory[step] = int(rss.split()[1]) / 1024


_build = _Build()
_serving = False  # `mkdocs serve`: rebuilds after each edit, worth caching


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    cache.enable(_serving)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    try:
        options = PagingOptions.from_settings(config.extra.get("archive_paging"))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml: {error}") from error
    _build = _Build(site_dir=config.site_dir, options=options)
    cache.next_build()
    stop_indexing()  # an index of the previous build's pages is no longer wanted
    if _serving:
        # The caches and the last build's objects are live while a rebuild allocates as
        # much again, and Python's collector would scan them over and over (half the hook's
        # rebuild time at 1,000 reports). Collect the last build once; exempt what is left.
        with _build.timed("gc"):
            gc.unfreeze()
            gc.collect()
            gc.freeze()
    # Without a repository (a local build) there is nowhere for an edit button to point.
    if not config.repo_url:
        config.edit_uri = None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    with _build.timed("load"):
        articles, problems = load_archive([root / "articles"], root=root)
    _build.note_memory("loaded")
    if problems:
        listing = "\n".join(str(problem) for problem in sorted(problems))
        raise PluginError(
            f"{len(problems)} problem(s) in the articles; nothing was built:\n{listing}"
        )
    with _build.timed("analyse"):
        archive = _build.archive = analyse(articles)
    _build.note_memory("analysed")
    _build.reports = {report_src(article): article for article in archive.articles}
    with _build.timed("render"):
        for page in render_pages(archive, _build.options):
            _build.blocks[page.src_uri] = page.blocks
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            # edit_uri points into docs/; the article's source lives beside it in articles/.
            file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
            files.append(file)
        files.append(_contributing_file(root, config))
        if config.site_url:
            feed = render_feed(
                archive,
                site_url=config.site_url,
                site_name=config.site_name,
                changed=last_changes(root / "articles"),
                built=dt.datetime.now(dt.UTC).replace(microsecond=0),
            )
            files.append(File.generated(config, "feed.xml", content=feed))
    _build.note_memory("rendered")
    return files


def _contributing_file(root: Path, config: MkDocsConfig) -> File:
    """The page "How to add a report": CONTRIBUTING.md itself, edited where it lives."""
    guide = (root / CONTRIBUTING_FILE).read_text("utf-8")
    file = File.generated(config, CONTRIBUTING_SRC, content=contributing_page(guide))
    file.edit_uri = f"../{CONTRIBUTING_FILE}"
    return file


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build.archive is not None
    with _build.timed("metadata"):
        if page.file.src_uri == "index.md":
            return render_home(_build.archive, markdown, _build.options)
        article = _build.reports.get(page.file.src_uri)
        if article is not None:
            page.meta["json_ld"] = json_ld(article, page.canonical_url)
        return markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = _build.blocks.pop(page.file.src_uri, None)  # used once: free it
    if blocks is None:
        return html
    # Put back the HTML blocks kept out of Markdown; then, since generated pages carry
    # editors' text, keep only the HTML our templates and Markdown make (the second lock).
    with _build.timed("sanitise"):
        return clean_html(inject_blocks(html, blocks))


def on_env(env, /, *, config: MkDocsConfig, files: Files):
    _build.note_memory("pages converted")  # MkDocs holds every page's HTML now
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    _build.note_memory("pages written")
    with _build.timed("search"):
        try:
            if _serving:
                start_indexing(Path(config.site_dir))
            else:
                index_site(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
    # For benchmarks/bench.py: the hook's own time per phase.
    if target := os.environ.get("NEWSARCHIVE_TIMINGS"):
        measured = {"seconds": _build.seconds, "memory": _build.memory}
        Path(target).write_text(json.dumps(measured), encoding="utf-8")


def on_shutdown() -> None:
    stop_indexing()
    gc.unfreeze()


def on_build_error(*, error: Exception) -> None:
    # A failed build must leave nothing that a deploy step could publish by mistake.
    if _build.site_dir and Path(_build.site_dir).is_dir():
        shutil.rmtree(_build.site_dir, ignore_errors=True)
