"""Reading and validating article files, collecting every problem with its file and line.

Two phases, as in Pelican but stricter: every file is read and checked before anything is
returned, and a problem never makes a file disappear silently: it is reported.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..memo import Memo, digest, recall
from ..model import Article, Event, Figure, FrontMatter, archived_copy, same_address
from ..passages import PassageFinder, normalise
from ..records import Records
from ..slugs import slugify
from .body import body_problems
from .characters import HIDDEN_IN_KEYS, HIDDEN_IN_VALUES, hidden_message
from .front_matter import read_article
from .messages import schema_message
from .problems import Problem, ProblemLog

__all__ = [
    "TODO",
    "Problem",
    "NotAFile",
    "check_values",
    "load_archive",
    "load_article",
    "normalised",
    "parse_article",
    "read_bounded",
    "url_key",
]

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
# Python-Markdown costs more than linear time on hostile text (report_text): a 400 KB body
# of "*a" paragraphs took 3 s; no report comes near this bound.
MAX_FILE_BYTES = 300_000
# A page's address and the files made of it add to the name (reports/<slug>/index.html,
# .finished/reports/<slug>.md.json): well within the 255 bytes a file name may have.
MAX_NAME_CHARACTERS = 100
TODO = "TODO"  # what `newsarchive new` writes where the editor must fill something in
# How the files are read and checked: one after the other by default; the runtime may
# hand a function that spreads them over every core (runtime/parallel.py).
Mapper = Callable[[Callable[[Path], Any], list[Path]], Iterable[Any]]


# --- schema and content checks ----------------------------------------------------------


def _validate(data: dict, log: ProblemLog) -> FrontMatter | None:
    try:
        return FrontMatter.model_validate(data)
    except ValidationError as errors:
        for error in errors.errors(include_url=False):
            loc = tuple(error["loc"])
            log.add(loc, schema_message(dict(error)))
        return None


def _grounded(meta: FrontMatter, body: str, log: ProblemLog) -> None:
    """Every figure, event and quote in front matter stands verbatim in the body."""
    finder = PassageFinder(body)
    for loc, passage in meta.cited_passages():
        span = finder.find(passage)
        if span is None:
            closest = finder.closest(passage)
            hint = f'; the closest passage is: "{closest}"' if closest else ""
            log.add(loc, f"this passage is not in the body, word for word{hint}")
        elif "\n\n" in body[span.start : span.end].replace("\r", ""):
            log.add(loc, "this passage runs over two paragraphs; quote one paragraph only")


def _texts(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str, bool]]:
    """Every key and every text value in the front matter, with its field path and
    whether it is a key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield loc + (key,), key, True
            yield from _texts(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, loc + (index,))
    elif isinstance(data, str):
        yield loc, data, False


def check_values(data: dict, log: ProblemLog) -> None:
    """Every key and value as YAML made it, whatever the file's bytes look like (an escape
    such as "\\u202e" or "\\0" writes a character the bytes do not hold): values still
    reading 'TODO: ...' from `newsarchive new`, and characters that are not text a reader
    sees (controls, tabs, reordering, private-use, invisible ones: load.characters)."""
    for loc, text, is_key in _texts(data):
        if is_key:
            if hidden := HIDDEN_IN_KEYS.search(text):
                log.add(loc, f"the key {hidden_message(hidden[0])}")
            continue
        if text.startswith(f"{TODO}:"):
            log.add(loc, f"still to fill in: {text[len(TODO) + 1 :].strip()}")
        if hidden := HIDDEN_IN_VALUES.search(text):
            log.add(loc, f"the value {hidden_message(hidden[0])}")


_CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6}")


def _distinct(problems: list[Problem]) -> list[Problem]:
    """One problem per field, line and character named: the schema refuses a line break
    in a value too (text is one line), after the value check has named the character."""
    seen: set[tuple[int, str, str]] = set()
    kept = []
    for problem in problems:
        code = _CODE_POINT.search(problem.message)
        told = (problem.line, problem.field, code[0]) if code else None
        if told not in seen:
            kept.append(problem)
        if told:
            seen.add(told)
    return kept


def _named_sources(meta: FrontMatter, body: str, log: ProblemLog) -> None:
    """A primary source, or a relay, is one the report names: its name must stand in the
    body."""
    text = ""  # the folded body, made only when a source is named
    records: list[tuple[str, int, Figure | Event]]
    records = [("figures", i, f) for i, f in enumerate(meta.figures)]
    records += [("events", i, e) for i, e in enumerate(meta.events)]
    for kind, index, record in records:
        named = [("primary_source", record.primary_source)]
        if isinstance(record, Figure):
            named.append(("relayed_by", record.relayed_by))
        for key, name in named:
            if name and not text:
                text = normalise(body).casefold()
            if name and normalise(name).casefold() not in text:
                log.add(
                    (kind, index, key),
                    f"the report never names {name!r}; give the name as the text writes it, "
                    f"or leave {key} out when the report does not name them",
                )


def _archived_copies(meta: FrontMatter, log: ProblemLog) -> None:
    """Each archived copy is an archive address with its capture time, of this report."""
    url = meta.source.url
    for index, copy in enumerate(meta.source.archived):
        archived = archived_copy(copy)
        if archived is None:
            log.add(
                ("source", "archived", index),
                f"{copy!r} is not a web archive address with its capture time; write "
                "https://web.archive.org/web/<14-digit timestamp>/<the report's url> "
                "(or the same with https://archive.ph/)",
            )
        elif url is None or same_address(archived.url) != same_address(url):
            log.add(
                ("source", "archived", index),
                f"this is a copy of {archived.url}, not of the report's url ({url}); "
                "archive the report's own address",
            )


def _check_body(body: str, body_line: int, log: ProblemLog) -> None:
    """The report's text: present, not the scaffold's TODO, nothing the site refuses."""
    if body.lstrip().startswith(f"{TODO}:"):
        todo_line = body_line + body[: len(body) - len(body.lstrip())].count("\n")
        log.add((), "paste the report's text in place of the TODO line", todo_line, "body")
    elif not normalise(body):
        message = "there is no text below the front matter; paste the report in"
        log.add((), message, body_line, "body")
    for line, message in body_problems(body):
        log.add((), message, body_line + line, "body")


def _dates(meta: FrontMatter, log: ProblemLog, today: dt.date) -> None:
    published = meta.source.published
    if published.latest > today:
        log.add(("source", "published"), f"{published.latest} is in the future")
    for index, event in enumerate(meta.events):
        if event.date is None:
            continue
        first = event.date.earliest()
        if first is None:  # an open or unknown start: nothing to compare
            continue
        if first > today:
            log.add(("events", index, "date"), f"{event.date} is in the future")
        elif first > published.latest:
            log.add(
                ("events", index, "date"),
                f"{event.date} is after the report was published ({published.latest}); "
                "a report can only tell what happened before it came out",
            )


def _name_length(path: Path, log: ProblemLog) -> None:
    if len(path.name) > MAX_NAME_CHARACTERS:
        log.add(
            (),
            f"the file name is {len(path.name)} characters long, over the "
            f"{MAX_NAME_CHARACTERS} characters a name may have; shorten its title part",
            1,
            field="file name",
        )


def _file_name(path: Path, meta: FrontMatter, log: ProblemLog) -> None:
    match = FILE_NAME.match(path.name)
    if not match:
        log.add(
            (),
            f"file name '{path.name}' must look like YYYY-MM-DD-outlet-short-title.md "
            "(lower-case letters, digits and -)",
            1,
            field="file name",
        )
    elif match.group(1) != meta.source.published.sort_date.isoformat():
        log.add(
            ("source", "published"),
            f"the file name starts with {match.group(1)} but the report was published "
            f"{meta.source.published.sort_date} (the exact day or the first day of its window); "
            "rename the file",
        )


# --- public API -------------------------------------------------------------------------


def _decode(path: Path, raw: bytes, log: ProblemLog) -> str | None:
    if not raw.strip():
        log.add((), "the file is empty; it needs front matter and the report's text", 1, "file")
        return None
    if len(raw) > MAX_FILE_BYTES:
        log.add((), f"the file is over {MAX_FILE_BYTES:,} bytes; split it or trim it", 1, "file")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        log.add((), "the file is not UTF-8 text; save it with UTF-8 encoding", line, "file")
        return None
    # One spelling of each letter (NFC), before any check: a body saved on macOS spells é
    # as e and an accent, and a quote typed elsewhere as one character. NFC joins no two
    # lines, so every line number stays the file's.
    return _nfc(text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text  # nearly every text: checked at C speed
    return unicodedata.normalize("NFC", text)


def normalised(data: Any, log: ProblemLog, loc: tuple = ()) -> Any:
    """The front matter with every key and text in NFC: a YAML escape (e\\u0301) or an
    escaped line break can write what the file's own NFC text does not hold."""
    if isinstance(data, dict):
        result: dict = {}
        for key, value in data.items():
            if isinstance(key, str) and (spelled := _nfc(key)) != key:
                if spelled in data or spelled in result:
                    message = f"the key {spelled!r} is given twice, spelled two ways; merge them"
                    log.add(loc + (key,), message)
                log.lines[loc + (spelled,)] = log.line_of(loc + (key,))
                key = spelled
            result[key] = normalised(value, log, loc + (key,))
        return result
    if isinstance(data, list):
        return [normalised(value, log, loc + (index,)) for index, value in enumerate(data)]
    return _nfc(data) if isinstance(data, str) else data


def parse_article(
    path: Path, raw: bytes, *, display: str | None = None, today: dt.date | None = None
) -> Article | list[Problem]:
    """Validate one article file's bytes; return the Article or every problem found."""
    log = ProblemLog(display or str(path))
    _name_length(path, log)
    text = _decode(path, raw, log)
    parts = read_article(text, log) if text is not None else None
    if text is None or parts is None:
        return log.problems
    data, body, body_line = parts
    if data is not None:
        data = normalised(data, log)
        check_values(data, log)
    meta = _validate(data, log) if data is not None else None
    _check_body(body, body_line, log)
    if meta is not None:
        _grounded(meta, body, log)
        _named_sources(meta, body, log)
        _archived_copies(meta, log)
        _dates(meta, log, today or dt.date.today())
        _file_name(path, meta, log)
    if log.problems or meta is None:
        return sorted(_distinct(log.problems), key=lambda p: p.line)
    return Article(
        path=path,
        slug=path.stem,
        meta=meta,
        body=body,
        body_line=body_line,
        lines=log.lines,
        digest=digest(raw),
    )


SYMLINK = (
    "is a symbolic link; an article must be the file itself (a link could publish a file "
    "from elsewhere): put the file in its place"
)
_NOT_FILES = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


class NotAFile(OSError):
    """What was opened is not a regular file (a pipe, a device, a folder)."""


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most `limit` + 1 bytes of the regular file `path` (one more says it is too
    large): a symbolic link is not followed (ELOOP), and a named pipe is opened without
    waiting for a writer and refused, as any file that is not a regular one."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(_NOT_FILES.get(stat.S_IFMT(mode), "not a regular file"))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0 and (chunk := os.read(descriptor, left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def load_article(
    path: Path, *, root: Path | None = None, memo: Memo | None = None
) -> Article | list[Problem]:
    """Read and validate one article file: only a regular file, never through a symbolic
    link, at most MAX_FILE_BYTES of it. With a `memo`, an unchanged file is not parsed
    again: the same result comes back."""
    display = _display(path, root)
    try:
        raw = read_bounded(path)
    except NotAFile as error:
        message = f"not a regular file ({error}); an article is a text file: remove it"
        return [Problem(display, 1, "file", message)]
    except OSError as error:
        if error.errno == errno.ELOOP:
            return [Problem(display, 1, "file", SYMLINK)]
        return [Problem(display, 1, "file", f"cannot be read ({error.strerror})")]
    key = ("parsed", str(path), display, digest(raw), dt.date.today())  # dates are checked
    return recall(memo, key, lambda: parse_article(path, raw, display=display))


def _display(path: Path, root: Path | None) -> str:
    """The file as problems name it: from the project's folder, when it is inside."""
    text = str(path)  # string work: Path.relative_to costs ~15 us, for every file
    return text.removeprefix(os.path.join(str(root), "")) if root else text


def _article_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The article files of `paths`: each file given, the .md files of each folder given
    (not of its subfolders). No symbolic link is followed, not even to a folder; what is
    not a regular file is refused when it is read (load_article)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            problems.append(Problem(str(path), 1, "file", "no such file or folder"))
            continue
        except OSError as error:
            problems.append(Problem(str(path), 1, "file", f"cannot be read ({error.strerror})"))
            continue
        if stat.S_ISLNK(mode):
            problems.append(Problem(str(path), 1, "file", SYMLINK))
        elif stat.S_ISDIR(mode):
            inside = sorted(path.iterdir(), key=lambda p: p.name)
            found.extend(p for p in inside if p.suffix == ".md")
            # A stray file in articles/ is an editor's mistake worth naming, not ignoring.
            for other in (p for p in inside if p.suffix != ".md"):
                if not other.name.startswith(".") and other.name != "README.md":
                    problems.append(
                        Problem(
                            str(other), 1, "file", "not an article; rename it to .md or move it"
                        )
                    )
        else:
            found.append(path)
    return found, problems


def load_archive(
    paths: Iterable[Path],
    *,
    root: Path | None = None,
    records: Records | None = None,
    memo: Memo | None = None,
    each: Mapper = map,
) -> tuple[list[Article], list[Problem]]:
    """Load every article under `paths` (files or folders), with their names resolved
    against `records` when given (load.names); `each(function, files)` applies the loading
    to every file, in order (`map`, or the runtime's on every core). With a `memo` (a
    server's), an unchanged file gives the same Article as last time, names resolved
    alike: what a report works out of itself once (Article's cached properties) is not
    worked out again.

    Returns:
        The articles, newest first, and every problem in every file. When there is any
        problem the articles must not be published.
    """
    files, problems = _article_paths(paths)
    articles: list[Article] = []
    for result in each(partial(load_article, root=root, memo=memo), files):
        if isinstance(result, Article):
            articles.append(result)
        else:
            problems.extend(result)
    problems.extend(_cross_file_problems(articles, root))
    if records is not None:
        from .names import resolve_names  # names checks values with this module's checks

        display = {article.slug: _display(article.path, root) for article in articles}
        articles, unresolved = resolve_names(articles, records, display)
        problems.extend(unresolved)
        if memo is not None:  # a copy with names resolved: the same copy as last time
            articles = [_same_as_last(memo, article) for article in articles]
    articles.sort(key=lambda a: (a.published.sort_date, a.slug), reverse=True)
    return articles, problems


def _same_as_last(memo: Memo, article: Article) -> Article:
    key = ("resolved", str(article.path), article.digest, repr(article.named))
    return memo.get(key, lambda: article)


def url_key(url: str) -> str:
    """A URL as compared for duplicates: no scheme, no www., no trailing slash, lower case."""
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")


def _cross_file_problems(articles: list[Article], root: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    by_slug: dict[str, Article] = {}
    by_url: dict[str, Article] = {}
    by_outlet: dict[str, Article] = {}  # outlet slug -> first article naming it
    for article in sorted(articles, key=lambda a: str(a.path)):
        display = _display(article.path, root)
        outlet = article.meta.source.outlet
        first = by_outlet.setdefault(slugify(outlet), article)
        if first.meta.source.outlet != outlet:
            problems.append(
                Problem(
                    display,
                    article.line_of(("source", "outlet")),
                    "source.outlet",
                    f"'{outlet}' and '{first.meta.source.outlet}' (in "
                    f"{_display(first.path, root)}) would share one outlet page, "
                    f"outlets/{slugify(outlet)}/: spell one outlet the same in every article, "
                    "or name two outlets so that their letters or digits differ",
                )
            )
        first = by_slug.setdefault(article.slug.lower(), article)
        if first is not article:
            problems.append(
                Problem(
                    display,
                    1,
                    "file",
                    f"same page address as {_display(first.path, root)}; give it another name",
                )
            )
        url = article.meta.source.url
        if url is None:
            continue
        first = by_url.setdefault(url_key(url), article)
        if first is not article:
            problems.append(
                Problem(
                    display,
                    article.line_of(("source", "url")),
                    "source.url",
                    f"the same report is already in the archive as {_display(first.path, root)}",
                )
            )
    return problems
