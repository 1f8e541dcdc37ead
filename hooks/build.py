"""MkDocs build hook: a thin adapter from MkDocs events to the `newsarchive` package.

Each event calls one verb. The articles are loaded, validated, analysed and rendered once
per build (on_files); any problem fails the build with every problem listed. What lives
across the builds of one process (`mkdocs serve`) is the BuildSession's.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from newsarchive.analyse.archive import analyse
from newsarchive.export import download_files
from newsarchive.load import load_archive
from newsarchive.load.history import last_changes
from newsarchive.render import (
    CONTRIBUTING_FILE,
    CONTRIBUTING_SRC,
    GeneratedPage,
    PagingOptions,
    contributing_page,
    inject_blocks,
    json_ld,
    render_feed,
    render_home,
    render_pages,
    report_src,
    with_language,
)
from newsarchive.render.data_page import data_page
from newsarchive.render.sanitize import clean_html
from newsarchive.render.search import SearchIndexError
from newsarchive.session import BuildSession

_session = BuildSession()


def on_startup(*, command: str, dirty: bool) -> None:
    """The process starts: `mkdocs serve` rebuilds many times, worth caching."""
    _session.start(serving=command == "serve")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A build starts: read the paging settings; no edit buttons without a repository."""
    _session.begin(config.site_dir, _paging_options(config))
    if not config.repo_url:
        config.edit_uri = None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Load, check, analyse and render the articles into generated pages."""
    _add_archive_pages(files, config)
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the home page's markers; give report pages their JSON-LD and last change."""
    return _page_markdown(markdown, page)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put back a generated page's HTML blocks and sanitise it."""
    return _finished_html(html, page)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """A report in another language than the site's says so, for search and screen readers;
    the finished page goes to the search index, which works while the next page renders."""
    output = _page_language(output, page)
    try:
        _session.index_page(page.file.dest_uri, output)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    page.content = None  # written and indexed: nothing reads it again
    return output


def on_env(env, /, *, config: MkDocsConfig, files: Files):
    """Every page is converted: the articles and their analysis are no longer needed while
    the pages are written and Pagefind indexes them, so let them go."""
    _session.build.timings.note_memory("pages converted")
    _session.release_archive()
    _session.build.timings.note_memory("archive released")
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the search bundle; write the benchmark timings, if measuring."""
    _session.build.timings.note_memory("pages written")
    try:
        _session.write_index()
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    _session.build.timings.write()


def on_shutdown() -> None:
    """The process ends: stop a search run still going."""
    _session.close()


def on_build_error(*, error: Exception) -> None:
    """A failed build must leave nothing that a deploy step could publish by mistake."""
    site_dir = _session.build.site_dir
    if site_dir and Path(site_dir).is_dir():
        shutil.rmtree(site_dir, ignore_errors=True)


# --- what the events do -------------------------------------------------------------------


def _paging_options(config: MkDocsConfig) -> PagingOptions:
    try:
        return PagingOptions.from_settings(config.extra.get("archive_paging"))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml: {error}") from error


def _add_archive_pages(files: Files, config: MkDocsConfig) -> None:
    build, root = _session.build, Path(config.config_file_path).parent
    with build.timings.phase("load"):
        articles, problems = load_archive([root / "articles"], root=root)
    build.timings.note_memory("loaded")
    if problems:
        listing = "\n".join(str(problem) for problem in sorted(problems))
        raise PluginError(
            f"{len(problems)} problem(s) in the articles; nothing was built:\n{listing}"
        )
    with build.timings.phase("analyse"):
        archive = build.archive = analyse(articles)
    build.timings.note_memory("analysed")
    build.reports = {report_src(article): article for article in archive.articles}
    build.languages = {
        src: article.meta.language
        for src, article in build.reports.items()
        if article.meta.language != config.theme["language"]
    }
    with build.timings.phase("render"):
        licences = config.extra.get("data_licences") or []
        pages = render_pages(archive, build.options, site_url=config.site_url or "")
        for page in [*pages, data_page(archive, licences)]:
            build.blocks[page.src_uri] = page.blocks
            files.append(_generated_file(page, config))
        files.append(_contributing_file(root, config))
        downloads = download_files(
            archive, site_url=config.site_url or "", site_name=config.site_name, licences=licences
        )
        for path, content in downloads.items():
            files.append(File.generated(config, path, content=content))
        build.changed = last_changes(root / "articles")
        if config.site_url:
            feed = render_feed(
                archive,
                site_url=config.site_url,
                site_name=config.site_name,
                changed=build.changed,
                built=dt.datetime.now(dt.UTC).replace(microsecond=0),
            )
            files.append(File.generated(config, "feed.xml", content=feed))
    build.timings.note_memory("rendered")


def _generated_file(page: GeneratedPage, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
    # edit_uri points into docs/; the article's source lives beside it in articles/.
    file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
    return file


def _contributing_file(root: Path, config: MkDocsConfig) -> File:
    """The page "How to add a report": CONTRIBUTING.md itself, edited where it lives."""
    guide = (root / CONTRIBUTING_FILE).read_text("utf-8")
    file = File.generated(config, CONTRIBUTING_SRC, content=contributing_page(guide))
    file.edit_uri = f"../{CONTRIBUTING_FILE}"
    return file


def _page_markdown(markdown: str, page: Page) -> str:
    build = _session.build
    assert build.archive is not None
    with build.timings.phase("metadata"):
        if page.file.src_uri == "index.md":
            return render_home(build.archive, markdown, build.options)
        article = build.reports.get(page.file.src_uri)
        if article is not None:
            page.meta["json_ld"] = json_ld(article, page.canonical_url)
            # The sitemap's <lastmod>: when the article last changed, not the build day.
            if changed := build.changed.get(article.path.name):
                page.update_date = changed.date().isoformat()
        return markdown


def _finished_html(html: str, page: Page) -> str:
    build = _session.build
    blocks = build.blocks.pop(page.file.src_uri, None)  # used once: free it
    if blocks is None:
        return html
    # Generated pages carry editors' text: keep only the HTML our templates and Markdown
    # make (the second lock behind the check).
    with build.timings.phase("sanitise"):
        return clean_html(inject_blocks(html, blocks))


def _page_language(output: str, page: Page) -> str:
    language = _session.build.languages.get(page.file.src_uri)
    if language is None:
        return output
    # Pagefind stems a page by its <html lang>; Material writes the site's language there.
    return with_language(output, language)
