"""Splitting an article into front matter and body, and reading the YAML with the line
of every key (PyYAML's composed node tree), refusing what is not plain data."""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Report

__all__ = ["parse_yaml", "split"]


# libyaml's C parser when the wheel has it (about ten times faster), else pure Python.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text: the model parses them with editor-friendly
    errors, where YAML's own timestamps crash on 2019-02-30 and turn 2019-01 into text."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split(text: str, report: Report) -> tuple[str, str, int] | None:
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


def _walk(node: yaml.Node, loc: tuple, report: Report, seen: set[int]) -> None:
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


def parse_yaml(front: str, report: Report) -> dict | None:
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
