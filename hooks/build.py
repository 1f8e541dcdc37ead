"""MkDocs build hook: a thin adapter from MkDocs events to the `newsarchive` package.

Each event calls one verb. The articles are loaded, validated, analysed and rendered once
per build (newsarchive.runtime.staging: in a child process for a one-off build), and the pages and
files made are added to the site (on_files); any problem fails the build with every problem
listed. What lives across the builds of one process (`mkdocs serve`) is the BuildSession's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from newsarchive.render import PagingOptions, fill_home, json_ld_script, with_language
from newsarchive.render.heading_ids import heading_id
from newsarchive.runtime.outputs import fingerprint, site_fingerprint
from newsarchive.runtime.search import SearchIndexError
from newsarchive.runtime.session import BuildSession
from newsarchive.runtime.staging import Staged, StagedPage

_session = BuildSession()


def on_startup(*, command: str, dirty: bool) -> None:
    """The process starts: `mkdocs serve` rebuilds many times, worth caching; with
    `--dirty`, each rebuild writes only the pages that changed."""
    _session.start(serving=command == "serve", dirty=dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A build starts: read the paging settings; no edit buttons without a repository;
    headings never take an id that starts with _ (the theme's own: #__config)."""
    overrides = config.theme.custom_dir
    site = site_fingerprint(Path(config.config_file_path), Path(overrides) if overrides else None)
    _session.begin(config.site_dir, _paging_options(config), site=site)
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_id
    if not config.repo_url:
        config.edit_uri = None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Load, check, analyse and render the articles; add the pages and files made."""
    _add_archive_pages(files, config)
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give report pages their JSON-LD."""
    return _page_markdown(markdown, page)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page's content is its finished HTML (its source held only its front
    matter: MkDocs converted nothing) with its table of contents; start sanitising it (on
    another core; its template gets the clean HTML: on_page_context)."""
    page.markdown = ""  # converted: only its title was read again, kept apart (None hides it)
    return _finished_html(html, page)


def on_page_context(context, /, *, page: Page, config: MkDocsConfig, nav):
    """A page's template is about to be rendered: give it the page's sanitised HTML."""
    with _session.build.timings.phase("sanitise (wait)"):
        cleaned = _session.build.cleaner.take(page.file.src_uri)
    if cleaned is not None:
        page.content = cleaned
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """A report in another language than the site's says so, for search and screen readers;
    the finished page goes to the search index, which works while the next page renders."""
    output = _page_language(output, page, config)
    try:
        _session.index_page(page.file.dest_uri, output)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    page.content = None  # written and indexed: nothing reads it again
    return output


def on_env(env, /, *, config: MkDocsConfig, files: Files):
    """Every page is converted: date each report page by its article's last change, also
    those a dirty build leaves as they are (the sitemap lists them all)."""
    _date_reports(files)
    _session.build.timings.note_memory("pages converted")
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """Delete the staged files and what the last build wrote that this one did not; write
    the search bundle; write the benchmark timings, if measuring; tidy up memory once the
    server is idle."""
    _session.drop_staging()
    _session.written([file.dest_uri for file in _session.build.files or ()])
    _session.build.timings.note_memory("pages written")
    try:
        _session.write_index()
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    _session.build.timings.write()
    _session.end()


def on_shutdown() -> None:
    """The process ends: stop a search run still going."""
    _session.close()


def on_build_error(*, error: Exception) -> None:
    """A failed build must leave nothing that a deploy step could publish by mistake."""
    _session.drop_staging()
    _session.failed()
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
    staged = _session.stage(
        Path(config.config_file_path).parent,
        site_url=config.site_url or "",
        site_name=config.site_name,
        licences=config.extra.get("data_licences") or [],
    )
    if staged.problems:
        listing = "\n".join(staged.problems)
        raise PluginError(
            f"{len(staged.problems)} problem(s) in the articles; nothing was built:\n{listing}"
        )
    _add_home(files, staged, config)
    for page in staged.pages.values():
        files.append(_staged_page(staged, page, config))
    for path in staged.files_for_mkdocs():
        files.append(_staged_file(staged, path, config, InclusionLevel.UNDEFINED))
    _session.build.files = files


class _GeneratedFile(File):
    """A generated page or file that tells a dirty build whether it changed since the last
    build (MkDocs counts every generated file as changed)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _staged_file(
    staged: Staged,
    src_uri: str,
    config: MkDocsConfig,
    inclusion: InclusionLevel,
    made_from: tuple[str | None, ...] = (),
) -> File:
    source = staged.source(src_uri)
    if isinstance(source, Path):  # written by the child process
        file = _GeneratedFile.generated(
            config, src_uri, abs_src_path=str(source), inclusion=inclusion
        )
    else:
        file = _GeneratedFile.generated(config, src_uri, content=source, inclusion=inclusion)
    assert isinstance(file, _GeneratedFile)
    if _session.incremental:
        what = fingerprint(file.dest_uri, *made_from, source if isinstance(source, str) else None)
        file.changed = _session.modified(file.dest_uri, what)
    return file


def _staged_page(staged: Staged, page: StagedPage, config: MkDocsConfig) -> File:
    inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
    # Besides its front matter, what the page events add to a page: its finished HTML and
    # contents, and a report's JSON-LD, last change and language.
    report = staged.reports.get(page.src_uri)
    made_from = (
        page.edit_path,
        str(page.in_nav),
        repr(staged.finished_of(page)) if _session.incremental else None,
        repr(report),
    )
    file = _staged_file(staged, page.src_uri, config, inclusion, made_from)
    # edit_uri points into docs/; the article's source lives beside it in articles/.
    file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
    return file


def _add_home(files: Files, staged: Staged, config: MkDocsConfig) -> None:
    """The home page with the archive's key facts in place of its markers: a page made
    here, so that a dirty build knows when those change."""
    home = files.get_file_from_path("index.md")
    if home is None:
        return
    markdown = fill_home(home.content_string, staged.home)
    files.remove(home)
    file = _GeneratedFile.generated(config, "index.md", content=markdown)
    assert isinstance(file, _GeneratedFile)
    file.edit_uri = home.edit_uri
    if _session.incremental:
        file.changed = _session.modified(file.dest_uri, fingerprint(file.dest_uri, markdown))
    files.append(file)


def _page_markdown(markdown: str, page: Page) -> str:
    build = _session.build
    assert build.staged is not None
    with build.timings.phase("metadata"):
        report = build.staged.reports.get(page.file.src_uri)
        if report is not None:
            page.meta["json_ld"] = json_ld_script(report.json_ld, page.canonical_url)
        return markdown


def _date_reports(files: Files) -> None:
    """The sitemap's <lastmod> of a report: when its article last changed, not the
    build's day."""
    staged = _session.build.staged
    assert staged is not None
    for src_uri, report in staged.reports.items():
        file = files.get_file_from_path(src_uri)
        if report.updated and file is not None and file.page is not None:
            file.page.update_date = report.updated


def _finished_html(html: str, page: Page) -> str:
    build = _session.build
    assert build.staged is not None
    staged = build.staged.pages.get(page.file.src_uri)
    if staged is None:
        return html
    finished = build.staged.finished_of(staged)
    if finished is not None:
        html = finished.html
        page.toc = get_toc(finished.toc)  # type: ignore[arg-type]  # toc_tokens' shape
    if not staged.clean:
        return html
    # Generated pages carry editors' text: keep only the HTML our templates and report
    # text make (the second lock behind the check). Until the cleaner is done, the page
    # holds nothing: no unclean HTML can reach a template.
    build.cleaner.submit(page.file.src_uri, html)
    return ""


def _page_language(output: str, page: Page, config: MkDocsConfig) -> str:
    staged = _session.build.staged
    report = staged.reports.get(page.file.src_uri) if staged else None
    if report is None or report.language == config.theme["language"]:
        return output
    # Pagefind stems a page by its <html lang>; Material writes the site's language there.
    return with_language(output, report.language)
