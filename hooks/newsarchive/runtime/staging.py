"""The archive compiled: every generated page (its front matter, and its finished HTML), every
file to take away, and the few facts the page events still need.

`mkdocs build` compiles in a forked child process (`stage_in_child`): the articles and their
analysis, most of a build's memory, live and die there, so the MkDocs process holds little
more than a plain site's pages while Pagefind builds its index beside it. (Freeing them in
the same process gave back almost nothing: what stays is scattered among what was freed.)
The child writes the pages to a staging folder and the files to take away straight to
their place in the site. `mkdocs serve` compiles in its own process and keeps everything in
memory, with its memo (newsarchive.memo) of what the last build made, which makes a rebuild
cheap.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..analyse.archive import Archive, analyse
from ..export import CITATIONS_DIR, download_files
from ..export.files import Licence
from ..load import load_archive, load_records
from ..load.history import last_changes
from ..load.reading import Mapper
from ..memo import Memo
from ..render import (
    CONTRIBUTING_FILE,
    CONTRIBUTING_SRC,
    GeneratedPage,
    PagingOptions,
    contributing_page,
    home_blocks,
    json_ld_text,
    render_feed,
    render_pages,
    report_src,
)
from ..render.data_page import data_page
from .parallel import on_every_core
from .timings import Timings

__all__ = [
    "Finished",
    "Folders",
    "Staged",
    "StagedPage",
    "StagedReport",
    "StagingRequest",
    "stage_archive",
    "stage_in_child",
]

T = TypeVar("T")
FEED_FILE = "feed.xml"
_FINISHED = ".finished"  # under the pages' folder: each page's HTML and contents, as JSON


@dataclass(frozen=True)
class StagingRequest:
    """What a compilation needs to know of the project and its settings."""

    root: Path  # the project: articles/ and CONTRIBUTING.md
    options: PagingOptions
    site_url: str  # "" when the site's address is not known (then no feed)
    site_name: str
    licences: list[Licence]
    built: dt.datetime  # the feed's time for an article git does not know


@dataclass(frozen=True)
class StagedPage:
    """A generated page, found by MkDocs at its `src_uri` (Staged.source)."""

    src_uri: str
    edit_path: str | None  # the repository file an editor changes for this page
    in_nav: bool
    clean: bool  # carries editors' text: sanitised before it is written
    finished: bool  # its content is finished HTML (Staged.finished_of), not Markdown


@dataclass(frozen=True)
class Finished:
    """A page's content as finished HTML, and its table of contents (toc_tokens)."""

    html: str
    toc: list[dict[str, Any]]


@dataclass(frozen=True)
class StagedReport:
    """What a report's page events need: its JSON-LD but for the address, the day its file
    last changed (git) and its language."""

    json_ld: str  # but for the page's address (json_ld_script)
    updated: str | None
    language: str


@dataclass(frozen=True)
class Folders:
    """Where a compilation in another process writes: its pages, and the site itself (the
    files to take away, in their place; MkDocs leaves a file that is already there)."""

    pages: Path
    site: Path


@dataclass
class Staged:
    """A compiled archive: its pages and files (in `folders`, or in `texts` when compiled in
    this process) and what the page events need. With `problems`, nothing else was made and
    nothing may be published."""

    folders: Folders | None = None
    problems: list[str] = field(default_factory=list)
    pages: dict[str, StagedPage] = field(default_factory=dict)  # by src_uri
    files: list[str] = field(default_factory=list)  # data, citations, feed: as they are
    home: dict[str, str] = field(default_factory=dict)  # home page marker -> its HTML
    reports: dict[str, StagedReport] = field(default_factory=dict)  # by src_uri
    texts: dict[str, str] = field(default_factory=dict)  # src_uri -> text, kept in memory
    finished: dict[str, Finished] = field(default_factory=dict)  # kept in memory

    def source(self, src_uri: str) -> str | Path:
        """A page's or file's text, or the file it was written to."""
        if self.folders is None:
            return self.texts[src_uri]
        folder = self.folders.pages if src_uri in self.pages else self.folders.site
        return folder / src_uri

    def files_for_mkdocs(self) -> list[str]:
        """The files to take away that MkDocs must know: all, when kept in memory (MkDocs
        writes them). Written to their place in the site, all but the citation files
        (three per report: 30 MB of MkDocs's memory at 10,000 reports, to copy each onto
        itself); only report pages' HTML links to those, which MkDocs does not check,
        while pages' Markdown links to the others (the feed, the data files)."""
        if self.folders is None:
            return self.files
        return [path for path in self.files if not path.startswith(f"{CITATIONS_DIR}/")]

    def finished_of(self, page: StagedPage) -> Finished | None:
        """A page's finished HTML and its table of contents, read when its turn comes;
        None for a page of Markdown."""
        if not page.finished:
            return None
        if self.folders is None:
            return self.finished[page.src_uri]
        made = json.loads(_finished_path(self.folders.pages, page.src_uri).read_text("utf-8"))
        return Finished(made["html"], made["toc"])

    def add_page(self, page: GeneratedPage, *, clean: bool) -> None:
        """Keep or write a rendered page."""
        self.pages[page.src_uri] = StagedPage(
            src_uri=page.src_uri,
            edit_path=page.edit_path,
            in_nav=page.in_nav,
            clean=clean,
            finished=page.html is not None,
        )
        if self.folders is None:
            self.texts[page.src_uri] = page.content
            if page.html is not None:
                self.finished[page.src_uri] = Finished(page.html, page.toc)
            return
        _write(self.folders.pages / page.src_uri, page.content)
        if page.html is not None:
            made = json.dumps({"html": page.html, "toc": page.toc}, ensure_ascii=False)
            _write(_finished_path(self.folders.pages, page.src_uri), made)

    def add_file(self, src_uri: str, text: str) -> None:
        """Keep a file to take away, or write it to its place in the site."""
        self.files.append(src_uri)
        if self.folders is None:
            self.texts[src_uri] = text
        else:
            _write(self.folders.site / src_uri, text)


def stage_archive(
    request: StagingRequest,
    timings: Timings,
    folders: Folders | None = None,
    *,
    settled: Callable[[], None] = lambda: None,
    memo: Memo | None = None,
    each: Mapper = map,
) -> Staged:
    """Load, check, analyse and render the articles; write what is made to `folders`, or
    keep it in memory. `settled` is called when what is made so far lives to the end (the
    articles once loaded, then their analysis); `each` loads the files (load_archive). A
    server's `memo` hands back what the last build made from the same inputs (parsed
    files, pages, files to take away)."""
    with timings.phase("load"):
        records, problems = load_records(request.root)
        articles, more = load_archive(
            [request.root / "articles"],
            root=request.root,
            records=records,
            memo=memo,
            each=each,
        )
        problems += more
    timings.note_memory("loaded")
    if problems:
        return Staged(folders, problems=[str(problem) for problem in sorted(problems)])
    settled()
    with timings.phase("analyse"):
        archive = analyse(articles)
    timings.note_memory("analysed")
    settled()
    staged = Staged(folders)
    with timings.phase("render"):
        # A build writes the files to take away from a second process, beside the pages.
        downloads = _Forked(_downloads, archive, request, folders) if folders else None
        pages = render_pages(archive, request.options, site_url=request.site_url, memo=memo)
        pages.append(data_page(archive, request.licences))
        for page in pages:
            staged.add_page(page, clean=True)
        # The editors' guide is the project's own text: not cleaned like report text.
        guide = (request.root / CONTRIBUTING_FILE).read_text("utf-8")
        guide_page = GeneratedPage(CONTRIBUTING_SRC, contributing_page(guide), CONTRIBUTING_FILE)
        staged.add_page(guide_page, clean=False)
        staged.home = home_blocks(archive, request.options, memo)
    # Phases never nest: each second is counted once, in one phase.
    with timings.phase("render (wait for the files)"):
        made = downloads.result() if downloads else _downloads(archive, request, folders, memo)
    with timings.phase("render"):
        staged.files = made.files
        staged.texts.update(made.texts)
        for article in archive.articles:
            when = made.changed.get(article.path.name)
            staged.reports[report_src(article)] = StagedReport(
                json_ld=json_ld_text(article),
                updated=when.date().isoformat() if when else None,
                language=article.meta.language,
            )
    timings.note_memory("rendered")
    return staged


@dataclass
class _Downloads:
    """The files to take away (their texts too when kept in memory), and when each
    article file last changed (git), which the feed and the report pages tell."""

    files: list[str]
    texts: dict[str, str]
    changed: dict[str, dt.datetime]


def _downloads(
    archive: Archive, request: StagingRequest, folders: Folders | None, memo: Memo | None = None
) -> _Downloads:
    files = download_files(
        archive,
        site_url=request.site_url,
        site_name=request.site_name,
        licences=request.licences,
        memo=memo,
    )
    changed = last_changes(request.root / "articles")
    if request.site_url:
        files[FEED_FILE] = render_feed(
            archive,
            site_url=request.site_url,
            site_name=request.site_name,
            changed=changed,
            built=request.built,
            memo=memo,
        )
    made = Staged(folders)
    for path, text in files.items():
        made.add_file(path, text)
    return _Downloads(made.files, made.texts, changed)


def stage_in_child(request: StagingRequest, timings: Timings, folders: Folders) -> Staged:
    """`stage_archive` in a forked process, whose memory is the system's again as soon as
    it is done; its phases and memory are added to `timings`."""
    staged, seconds, memory = _Forked(_stage_timed, request, timings, folders).result()
    timings.seconds.update(seconds)
    timings.memory.update(memory)
    return staged


def _stage_timed(
    request: StagingRequest, timings: Timings, folders: Folders
) -> tuple[Staged, dict[str, float], dict[str, float]]:
    # The child's objects die with it: the collector need not scan the articles and their
    # analysis again at every full collection (12 s of its 66 at 10,000 reports, and 9 s
    # of the 18 of the process it forks for the files to take away).
    staged = stage_archive(request, timings, folders, settled=gc.freeze, each=on_every_core)
    return staged, timings.seconds, timings.memory


class _Forked(Generic[T]):
    """A function called in a forked process (Linux), its result sent back."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(target=_call_and_send, args=(sender, function, args))
        self._child.start()
        sender.close()  # the child holds the only sending end: its end means no answer

    def result(self) -> T:
        """What the function returned; a RuntimeError with the child's traceback if it
        failed."""
        try:
            answer = self._receiver.recv()
        except EOFError:
            answer = ("error", "it ended without an answer")
        finally:
            self._receiver.close()
            self._child.join()
        if answer[0] == "error":
            raise RuntimeError(f"The archive could not be compiled: {answer[1]}")
        return answer[1]


def _call_and_send(sender, function: Callable, args: tuple) -> None:
    try:
        sender.send(("done", function(*args)))
    except BaseException:  # the parent must hear of any failure, not wait for ever
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _finished_path(folder: Path, src_uri: str) -> Path:
    return folder / _FINISHED / f"{src_uri}.json"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")  # as it is: CSV lines end in \r\n
