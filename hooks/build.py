"""MkDocs build hook: a thin adapter from MkDocs events to the `newsarchive` package.

Loads and validates `articles/` once per build (in on_files), fails the build with every
problem listed, and adds the generated pages as virtual files. No state survives a build:
`mkdocs serve` imports this module once and rebuilds many times.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from newsarchive.archive import Archive, analyse
from newsarchive.load import load_archive
from newsarchive.render import json_ld, render_feed, render_home, render_pages, report_src
from newsarchive.sanitize import clean_html

# The archive of the build under way; replaced at the start of every build.
_build: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.clear()
    _build["site_dir"] = config.site_dir
    # Without a repository (a local build) there is nowhere for an edit button to point.
    if not config.repo_url:
        config.edit_uri = None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    articles, problems = load_archive([root / "articles"], root=root)
    if problems:
        listing = "\n".join(str(problem) for problem in sorted(problems))
        raise PluginError(
            f"{len(problems)} problem(s) in the articles; nothing was built:\n{listing}"
        )
    archive = analyse(articles)
    _build["archive"] = archive
    _build["reports"] = {report_src(article): article for article in archive.articles}
    _build["generated"] = generated = set()
    for page in render_pages(archive):
        generated.add(page.src_uri)
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        # edit_uri points into docs/; the article's source lives beside it in articles/.
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
        files.append(file)
    if config.site_url:
        feed = render_feed(archive, site_url=config.site_url, site_name=config.site_name)
        files.append(File.generated(config, "feed.xml", content=feed))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    archive = _build["archive"]
    assert isinstance(archive, Archive)
    if page.file.src_uri == "index.md":
        return render_home(archive, markdown)
    article = _build["reports"].get(page.file.src_uri)  # type: ignore[attr-defined]
    if article is not None:
        page.meta["json_ld"] = json_ld(article, page.canonical_url)
    return markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Generated pages carry editors' text: keep only the HTML our templates and Markdown
    # make (the check already refused raw HTML; this is the second lock).
    if page.file.src_uri in _build["generated"]:  # type: ignore[operator]
        return clean_html(html)
    return html


def on_build_error(*, error: Exception) -> None:
    # A failed build must leave nothing that a deploy step could publish by mistake.
    site_dir = _build.get("site_dir")
    if isinstance(site_dir, str) and Path(site_dir).is_dir():
        shutil.rmtree(site_dir, ignore_errors=True)
