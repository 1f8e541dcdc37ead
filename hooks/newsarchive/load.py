"""Reading and validating article files, collecting every problem with its file and line.

Two phases, as in Pelican but stricter: every file is read and checked before anything is
returned, and a problem never makes a file disappear silently: it is reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .model import Article, FrontMatter
from .passages import closest_passage, find_passage, normalise
from .sanitize import body_problems

__all__ = ["TODO", "Problem", "load_archive", "load_article", "parse_article", "url_key"]

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
MAX_FILE_BYTES = 1_000_000
TODO = "TODO"  # what `newsarchive new` writes where the editor must fill something in


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, said so that an editor can fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class _Report:
    """Collects the problems of one file."""

    def __init__(self, path: str, lines: dict[tuple, int] | None = None, offset: int = 0):
        self.path = path
        self.lines = lines or {}
        self.offset = offset
        self.problems: list[Problem] = []

    def line_of(self, loc: tuple) -> int:
        # The nearest enclosing key that has a line: a missing field points at its parent.
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def add(
        self, loc: tuple, message: str, line: int | None = None, field: str | None = None
    ) -> None:
        field = field or _dotted(loc) or "front matter"
        self.problems.append(Problem(self.path, line or self.line_of(loc), field, message))


def _dotted(loc: Iterable) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- front matter -----------------------------------------------------------------------


# libyaml's C parser when the wheel has it (about ten times faster), else pure Python.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text: the model parses them with editor-friendly
    errors, where YAML's own timestamps crash on 2019-02-30 and turn 2019-01 into text."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _split(text: str, report: _Report) -> tuple[str, str, int] | None:
    """Front matter text, body text and the file line where the body starts."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add((), "the file must start with a line '---' that opens the front matter", 1)
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    report.add((), "the front matter is never closed; add a line '---' after its last field", 1)
    return None


def _walk(node: yaml.Node, loc: tuple, report: _Report, seen: set[int]) -> None:
    """Record the line of every key and item; report duplicate keys and aliases."""
    if id(node) in seen:
        if not any("anchors and aliases" in p.message for p in report.problems):
            message = "YAML anchors and aliases (&, *) are not allowed; write the value out"
            report.add(loc, message)
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1 + report.offset
            if key in keys:
                report.add(
                    loc + (key,),
                    f"duplicate key (first given on line {keys[key]}); YAML would keep only "
                    "the last one, so merge them into one",
                    line,
                )
                continue
            keys[key] = line
            report.lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), report, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            report.lines[loc + (index,)] = item.start_mark.line + 1 + report.offset
            _walk(item, loc + (index,), report, seen)


def _yaml_message(problem: str, line: str) -> str:
    if "\t" in line or "\t" in problem:
        return "a tab is used for indenting; YAML needs spaces: replace each tab with spaces"
    if "constructor for the tag" in problem or "tag" in problem and "!" in problem:
        return (
            "YAML tags such as !!python/... are not allowed; front matter is plain text, "
            "numbers, dates and lists"
        )
    return f"this is not valid YAML ({problem}); check indentation, colons and quotes"


def _parse_yaml(front: str, report: _Report) -> dict | None:
    loader = _PlainLoader(front)
    try:
        root = loader.get_single_node()
        if root is None:
            report.add((), "the front matter is empty; fill in the fields (see CONTRIBUTING.md)")
            return None
        _walk(root, (), report, set())
        if report.problems:
            return None
        data = loader.construct_document(root)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + report.offset if mark else report.offset
        problem = str(getattr(error, "problem", None) or error)
        bad_line = (
            front.split("\n")[mark.line] if mark and mark.line < front.count("\n") + 1 else ""
        )
        report.add((), _yaml_message(problem, bad_line), line)
        return None
    except RecursionError:
        report.add((), "the front matter is nested too deeply to be plain data", report.offset)
        return None
    except ValueError as error:
        report.add((), f"this YAML cannot be read as plain data ({error})", report.offset)
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        report.add((), "the front matter must be a set of 'field: value' lines", report.offset)
        return None
    return data


# --- schema errors ----------------------------------------------------------------------


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The front matter model class that the field path `loc` points into."""
    model: type[BaseModel] | None = FrontMatter
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _find_model(field.annotation) if field else None
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found:
                return found
    return None


_TYPE_MESSAGES = {
    "int_type": "{value} is not a whole number; write digits without quotes, like 40",
    "int_from_float": "{value} is not a whole number; write digits only, like 40",
    "int_parsing": "{value} is not a whole number; write digits only, like 40",
    "string_type": "{value} is not text; put the value in quotes",
    "bool_type": "{value} is not true or false; write true or false",
    "list_type": "{value} is not a list; write one item per line, each starting with '- '",
    "model_type": "{value} is not a group of fields; indent 'field: value' lines under this key",
    "dict_type": "{value} is not a group of fields; indent 'field: value' lines under this key",
    "string_too_short": "the value is empty; write one, or remove the field if it is optional",
    "greater_than_equal": "{value} is negative; a count cannot be below 0",
}

_PATTERN_HINTS = {
    "label": "use lower-case words joined by _, like detained or victim_age",
    "key": "use lower-case words joined by -, like kadyrov-deadline-2017",
    "language": "use a language code, like en or ru",
    "tags": "use letters, digits, spaces and - only",
}


def _schema_message(error: dict) -> str:
    """Say a pydantic error in an editor's words, with the fix."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else "this"
    if kind == "missing":
        return f"required field is missing; add '{loc[-1]}:' here (see CONTRIBUTING.md)"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        model = _model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        lookalike = ""
        if not name.isascii():
            lookalike = " (it has a non-Latin letter that looks like a Latin one)"
        if close:
            return f"unknown field '{name}'{lookalike}; did you mean '{close[0]}'?"
        return f"unknown field '{name}'; remove it (allowed here: {', '.join(allowed)})"
    if kind == "int_type" and isinstance(value, str) and re.fullmatch(r"-?\d{1,3}(,\d{3})+", value):
        return (
            f"{shown} is not a whole number; write it without commas, like {value.replace(',', '')}"
        )
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind].format(value=shown)
    if kind == "string_pattern_mismatch":
        name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
        return f"{shown} is not allowed; {_PATTERN_HINTS.get(name, error['msg'])}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{shown} is not allowed; {message[0].lower()}{message[1:]}"
    return message


def _validate(data: dict, report: _Report) -> FrontMatter | None:
    try:
        return FrontMatter.model_validate(data)
    except ValidationError as errors:
        for error in errors.errors(include_url=False):
            loc = tuple(error["loc"])
            report.add(loc, _schema_message(error))
        return None


# --- content checks ---------------------------------------------------------------------


def _grounded(meta: FrontMatter, body: str, report: _Report) -> None:
    """Every figure, event and quote in front matter stands verbatim in the body."""
    claims = [(("figures", i, "quote"), f.quote) for i, f in enumerate(meta.figures)]
    claims += [(("events", i, "quote"), e.quote) for i, e in enumerate(meta.events)]
    claims += [(("quotes", i, "text"), q.text) for i, q in enumerate(meta.quotes)]
    for loc, passage in claims:
        span = find_passage(body, passage)
        if span is None:
            closest = closest_passage(body, passage)
            hint = f'; the closest passage is: "{closest}"' if closest else ""
            report.add(loc, f"this passage is not in the body, word for word{hint}")
        elif "\n\n" in body[span.start : span.end].replace("\r", ""):
            report.add(loc, "this passage runs over two paragraphs; quote one paragraph only")


def _todos(data: Any, loc: tuple, report: _Report) -> None:
    """Every value still reading 'TODO: ...' from `newsarchive new`."""
    if isinstance(data, dict):
        for key, value in data.items():
            _todos(value, loc + (key,), report)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _todos(value, loc + (index,), report)
    elif isinstance(data, str) and data.startswith(f"{TODO}:"):
        report.add(loc, f"still to fill in: {data[len(TODO) + 1 :].strip()}")


def _check_body(body: str, body_line: int, report: _Report) -> None:
    """The report's text: present, not the scaffold's TODO, nothing the site refuses."""
    if body.lstrip().startswith(f"{TODO}:"):
        todo_line = body_line + body[: len(body) - len(body.lstrip())].count("\n")
        report.add((), "paste the report's text in place of the TODO line", todo_line, "body")
    elif not normalise(body):
        message = "there is no text below the front matter; paste the report in"
        report.add((), message, body_line, "body")
    for line, message in body_problems(body):
        report.add((), message, body_line + line, "body")


def _dates(meta: FrontMatter, report: _Report, today: dt.date) -> None:
    published = meta.source.published
    if published.latest > today:
        report.add(("source", "published"), f"{published.latest} is in the future")
    for index, event in enumerate(meta.events):
        if event.date.earliest() > today:
            report.add(("events", index, "date"), f"{event.date} is in the future")
        elif event.date.earliest() > published.latest:
            report.add(
                ("events", index, "date"),
                f"{event.date} is after the report was published ({published.latest}); "
                "a report can only tell what happened before it came out",
            )


def _file_name(path: Path, meta: FrontMatter, report: _Report) -> None:
    match = FILE_NAME.match(path.name)
    if not match:
        report.add(
            (),
            f"file name '{path.name}' must look like YYYY-MM-DD-outlet-short-title.md "
            "(lower-case letters, digits and -)",
            1,
            field="file name",
        )
    elif match.group(1) != meta.source.published.sort_date.isoformat():
        report.add(
            ("source", "published"),
            f"the file name starts with {match.group(1)} but the report was published "
            f"{meta.source.published.sort_date} (the exact day or not_before); rename the file",
        )


# --- public API -------------------------------------------------------------------------


def _decode(path: Path, raw: bytes, report: _Report) -> str | None:
    if not raw.strip():
        report.add((), "the file is empty; it needs front matter and the report's text", 1, "file")
        return None
    if len(raw) > MAX_FILE_BYTES:
        report.add((), f"the file is over {MAX_FILE_BYTES:,} bytes; split it or trim it", 1, "file")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.add((), "the file is not UTF-8 text; save it with UTF-8 encoding", line, "file")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def parse_article(
    path: Path, raw: bytes, *, display: str | None = None, today: dt.date | None = None
) -> Article | list[Problem]:
    """Validate one article file's bytes; return the Article or every problem found."""
    report = _Report(display or str(path))
    text = _decode(path, raw, report)
    parts = _split(text, report) if text is not None else None
    if parts is None:
        return report.problems
    front, body, body_line = parts
    report.offset = 1  # the front matter's first line is line 2 of the file
    data = _parse_yaml(front, report)
    if data is not None:
        _todos(data, (), report)
    meta = _validate(data, report) if data is not None else None
    _check_body(body, body_line, report)
    if meta is not None:
        _grounded(meta, body, report)
        _dates(meta, report, today or dt.date.today())
        _file_name(path, meta, report)
    if report.problems or meta is None:
        return sorted(report.problems, key=lambda p: p.line)
    return Article(
        path=path, slug=path.stem, meta=meta, body=body, body_line=body_line, lines=report.lines
    )


def load_article(path: Path, *, root: Path | None = None) -> Article | list[Problem]:
    """Read and validate one article file."""
    display = _display(path, root)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [Problem(display, 1, "file", f"cannot be read ({error.strerror})")]
    return parse_article(path, raw, display=display)


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _article_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix == ".md"))
            # A stray file in articles/ is an editor's mistake worth naming, not ignoring.
            for other in sorted(p for p in path.iterdir() if p.suffix != ".md"):
                if not other.name.startswith(".") and other.name != "README.md":
                    problems.append(
                        Problem(
                            str(other), 1, "file", "not an article; rename it to .md or move it"
                        )
                    )
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, "file", "no such file or folder"))
    return found, problems


def load_archive(
    paths: Iterable[Path], *, root: Path | None = None
) -> tuple[list[Article], list[Problem]]:
    """Load every article under `paths` (files or folders).

    Returns:
        The articles, newest first, and every problem in every file. When there is any
        problem the articles must not be published.
    """
    files, problems = _article_paths(paths)
    articles: list[Article] = []
    for path in files:
        result = load_article(path, root=root)
        if isinstance(result, Article):
            articles.append(result)
        else:
            problems.extend(result)
    problems.extend(_cross_file_problems(articles, root))
    articles.sort(key=lambda a: (a.published.sort_date, a.slug), reverse=True)
    return articles, problems


def url_key(url: str) -> str:
    """A URL as compared for duplicates: no scheme, no www., no trailing slash, lower case."""
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")


def _cross_file_problems(articles: list[Article], root: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    by_slug: dict[str, Article] = {}
    by_url: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: str(a.path)):
        display = _display(article.path, root)
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
