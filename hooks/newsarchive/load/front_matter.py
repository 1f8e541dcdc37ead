"""Reading an article into front matter and body with python-frontmatter, through a
handler that keeps the line of every key (PyYAML's composed node tree) and refuses what
is not plain data."""

from __future__ import annotations

from typing import Any

import frontmatter
import yaml

from .characters import UNREADABLE_IN_YAML, hidden_message
from .problems import ProblemLog

__all__ = ["ArticleHandler", "parse_yaml", "plain_loader", "read_article"]

NESTED_TOO_DEEPLY = "the front matter is nested too deeply to be plain data"
MAX_UNREADABLE = 20  # a front matter of a thousand controls is told so in a few lines


def plain_loader(base: type) -> type:
    """A safe loader that leaves dates as text: the model parses them with editor-friendly
    errors, where YAML's own timestamps crash on 2019-02-30 and turn 2019-01 into text."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return type("PlainLoader", (base,), {"yaml_implicit_resolvers": resolvers})


# libyaml's C parser when the wheel has it (about ten times faster), else pure Python;
# a test pins that both give every message alike.
_PlainLoader = plain_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class ArticleHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler made strict for untrusted articles: the front
    matter must open on the first line, every problem goes to the log with its line,
    and the YAML is read as plain data with the line of every key."""

    def __init__(self, log: ProblemLog) -> None:
        super().__init__()
        self.log = log
        self.body_line = 0  # the file line where the body starts, once split
        self.data: dict | None = None

    def split(self, text: str) -> tuple[str, str]:
        """Front matter text and body, from a text whose first line opens the front matter."""
        lines = text.split("\n")
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "---":
                content = "\n".join(lines[index + 1 :])
                # python-frontmatter strips the body; count the blank lines it drops.
                blank = content[: len(content) - len(content.lstrip())]
                self.body_line = index + 2 + (blank.count("\n") if content.strip() else 0)
                return "\n".join(lines[1:index]), content
        message = "the front matter is never closed; add a line '---' after its last field"
        self.log.add((), message, 1)
        raise ValueError(message)  # python-frontmatter then reads no front matter

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        """The front matter as plain data; {} when it has problems (they are logged)."""
        self.log.offset = 1  # the front matter's first line is line 2 of the file
        self.data = parse_yaml(fm, self.log)
        return self.data or {}


def read_article(text: str, log: ProblemLog) -> tuple[dict | None, str, int] | None:
    """The front matter (None when it has problems), the body and the line where the
    body starts; None when the file cannot be split at all."""
    if text.split("\n", 1)[0].strip() != "---":
        log.add((), "the file must start with a line '---' that opens the front matter", 1)
        return None
    handler = ArticleHandler(log)
    _, body = frontmatter.parse(text, handler=handler)
    if not handler.body_line:
        return None
    return handler.data, body, handler.body_line


def _walk(node: yaml.Node, loc: tuple, log: ProblemLog, seen: set[int]) -> None:
    """Record the line of every key and item; report duplicate keys and aliases."""
    if id(node) in seen:
        if not any("anchors and aliases" in p.message for p in log.problems):
            message = "YAML anchors and aliases (&, *) are not allowed; write the value out"
            log.add(loc, message)
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1 + log.offset
            if key in keys:
                log.add(
                    loc + (key,),
                    f"duplicate key (first given on line {keys[key]}); YAML would keep only "
                    "the last one, so merge them into one",
                    line,
                )
                continue
            keys[key] = line
            log.lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), log, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            log.lines[loc + (index,)] = item.start_mark.line + 1 + log.offset
            _walk(item, loc + (index,), log, seen)


def _yaml_message(problem: str, line: str) -> str:
    """The editor's words for a YAML error; never the parser's own, which differ between
    libyaml and pure-Python PyYAML and between their versions."""
    if "\t" in line or "\t" in problem:
        return "a tab is used for indenting; YAML needs spaces: replace each tab with spaces"
    if "constructor for the tag" in problem or "tag" in problem and "!" in problem:
        return (
            "YAML tags such as !!python/... are not allowed; front matter is plain text, "
            "numbers, dates and lists"
        )
    if "mapping values are not allowed" in problem:
        return "a value holds ': ', which YAML reads as a new field; put the value in quotes"
    return (
        "this line does not fit the YAML around it; check its indentation (as many spaces "
        "as the fields beside it), its colon, and quotes around values with a colon"
    )


def parse_yaml(front: str, log: ProblemLog) -> dict | None:
    """The front matter's YAML as plain data, with the line of every key in `log`; None with
    its problems logged.

    Characters YAML cannot read as written (controls; \\r, \\x85 and \\u2028, which it
    reads as line breaks and so would shift every line after them) are told at their own
    line and field: the rest is read with spaces in their place, so that every other
    problem is told too.
    """
    unreadable = [(m.start(), m[0]) for m in UNREADABLE_IN_YAML.finditer(front)]
    if not unreadable:
        return _parse_yaml(front, log)
    data = _parse_yaml(UNREADABLE_IN_YAML.sub(" ", front), log)
    for start, char in unreadable[:MAX_UNREADABLE]:
        line = front.count("\n", 0, start) + 1 + log.offset
        log.add(_field_at(log.lines, line), f"this line {hidden_message(char)}", line)
    if len(unreadable) > MAX_UNREADABLE:
        more = len(unreadable) - MAX_UNREADABLE
        log.add((), f"{more} more such characters follow; delete those above first", log.offset)
    return data


def _field_at(lines: dict[tuple, int], line: int) -> tuple:
    """The field written on `line` or, on a line of its value, the nearest above it."""
    best: tuple = ()
    best_line = 0
    for loc, at in lines.items():
        if at <= line and (at, len(loc)) > (best_line, len(best)):
            best, best_line = loc, at
    return best


def _parse_yaml(front: str, log: ProblemLog) -> dict | None:
    loader = None
    try:
        # Inside the try: the pure-Python reader checks the characters when it is made.
        loader = _PlainLoader(front)
        root = loader.get_single_node()
        if root is None:
            log.add((), "the front matter is empty; fill in the fields (see CONTRIBUTING.md)")
            return None
        _walk(root, (), log, set())
        if log.problems:
            return None
        data = loader.construct_document(root)
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # libyaml's limit (PyYAML 6.0.3+), as below
            log.add((), NESTED_TOO_DEEPLY, log.offset)
            return None
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + log.offset if mark else log.offset
        problem = str(getattr(error, "problem", None) or error)
        bad_line = (
            front.split("\n")[mark.line] if mark and mark.line < front.count("\n") + 1 else ""
        )
        log.add((), _yaml_message(problem, bad_line), line)
        return None
    except RecursionError:  # the pure-Python parser, or our own walk, ran out of stack
        log.add((), NESTED_TOO_DEEPLY, log.offset)
        return None
    except ValueError as error:
        log.add((), f"this YAML cannot be read as plain data ({error})", log.offset)
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        log.add((), "the front matter must be a set of 'field: value' lines", log.offset)
        return None
    return data
