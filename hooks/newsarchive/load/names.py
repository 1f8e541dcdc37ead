"""Names in front matter, resolved against the archive's records (records.py).

Each outlet, primary source, relay, quoted name, event key and figure period is looked up
by id or by any name of a record. A name found is counted as its record. A name not found
but close to a record's name ("LGBT Network" for "Russian LGBT Network", across scripts
once folded) is an error naming the candidate and both fixes. A name close to none is a
thing the records do not list yet: counted by its spelling, and listed by `newsarchive
records` so that editors can add it.

A name quoted with a `person` key in one place and without one (or with another) in
another is reported unless a record says who it is: half-keyed quotes of one man made two
people pages of him.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ..model import Article
from ..records import RECORDS_FILE, Kind, Records, RecordsFile, fold_name
from .front_matter import parse_yaml
from .messages import schema_message
from .problems import Problem, ProblemLog, dotted
from .reading import check_values, normalised, read_bounded

__all__ = ["load_records", "records_listing", "resolve_names"]

SOURCES: tuple[Kind, ...] = ("organisations", "people")
SPEAKERS: tuple[Kind, ...] = ("people", "organisations")
MAX_RECORDS_BYTES = 2_000_000  # a records file of 10,000 things is about 1 MB


def load_records(root: Path) -> tuple[Records, list[Problem]]:
    """The records of the archive at `root` (none when it has no records file), and every
    problem of the file."""
    path = root / RECORDS_FILE
    if not path.is_file():
        return Records(), []
    log = ProblemLog(RECORDS_FILE)
    try:  # as an article is read: a regular file, no symbolic link, a bounded size
        raw = read_bounded(path, MAX_RECORDS_BYTES)
    except OSError as failure:
        why = failure.strerror or failure
        log.add((), f"cannot be read ({why}); keep it a plain text file, not a link", 1)
        return Records(), log.problems
    if len(raw) > MAX_RECORDS_BYTES:
        log.add((), f"the file is larger than {MAX_RECORDS_BYTES:,} bytes; split it", 1)
        return Records(), log.problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        log.add((), "the file is not UTF-8 text; save it as UTF-8", 1)
        return Records(), log.problems
    data = parse_yaml(text, log)
    if data is None:
        return Records(), log.problems
    data = normalised(data, log)
    check_values(data, log)
    try:
        parsed = RecordsFile.model_validate(data)
    except ValidationError as errors:
        for error in errors.errors(include_url=False):
            log.add(tuple(error["loc"]), schema_message(dict(error)))
        return Records(), log.problems
    records, clashes = Records.of(parsed)
    for loc, message in clashes:
        log.add(loc, message)
    return records, log.problems


def _names(article: Article) -> Iterator[tuple[tuple, tuple[Kind, ...], str]]:
    """(field, kinds of record it may name, name) of every name the front matter gives."""
    meta = article.meta
    yield ("source", "outlet"), ("outlets",), meta.source.outlet
    for index, figure in enumerate(meta.figures):
        if figure.primary_source:
            yield ("figures", index, "primary_source"), SOURCES, figure.primary_source
        if figure.relayed_by:
            yield ("figures", index, "relayed_by"), SOURCES, figure.relayed_by
        if figure.period:
            yield ("figures", index, "period"), ("periods",), figure.period
    for index, event in enumerate(meta.events):
        if event.primary_source:
            yield ("events", index, "primary_source"), SOURCES, event.primary_source
        if event.key:
            yield ("events", index, "key"), ("events",), event.key
    for index, quote in enumerate(meta.quotes):
        if quote.name:
            yield ("quotes", index, "name"), SPEAKERS, quote.name


def resolve_names(
    articles: list[Article], records: Records, display: dict[str, str]
) -> tuple[list[Article], list[Problem]]:
    """The articles with their recorded names resolved, and a problem for each name close
    to a record it is not in, and each name keyed for some of its quotes only."""
    resolved, problems = [], []
    for article in articles:
        named: dict[str, tuple[str, str, str | None]] = {}
        for loc, kinds, name in _names(article):
            found = records.resolve(kinds, name)
            if found is not None:
                named[name] = records.key(found)
                continue
            near = records.closest(kinds, name)
            if near is not None:
                # A primary source or relay is named as the text writes it (the check finds
                # it in the body), so the fix there is an alias, never the id.
                as_written = loc[-1] in ("primary_source", "relayed_by")
                use_id = "" if as_written else f"write '{near.record.id}' here or "
                problems.append(
                    Problem(
                        display[article.slug],
                        article.line_of(loc),
                        dotted(loc),
                        f"'{name}' is not in {RECORDS_FILE}, but is close to '{near.record.name}' "
                        f"({near.kind}: {near.record.id}). If it is the same, {use_id}"
                        f"add '{name}' to that record's aliases; "
                        f"if it is another, add a record for it to {near.kind}",
                    )
                )
        resolved.append(dataclasses.replace(article, named=named) if named else article)
    problems += _half_keyed(resolved, display)
    return resolved, problems


def _half_keyed(articles: list[Article], display: dict[str, str]) -> list[Problem]:
    """A name that is not in the records, quoted with a person key in one place and with
    none or another in another."""
    keys: dict[str, dict[str | None, tuple[Article, int]]] = {}
    for article in articles:
        for index, quote in enumerate(article.meta.quotes):
            if quote.name and quote.name not in article.named:
                keys.setdefault(fold_name(quote.name), {}).setdefault(
                    quote.person, (article, index)
                )
    problems = []
    for spelled in keys.values():
        if len(spelled) < 2:
            continue
        (first_key, (first, first_index)), *others = spelled.items()
        for key, (article, index) in others:
            quote = article.meta.quotes[index]
            problems.append(
                Problem(
                    display[article.slug],
                    article.line_of(("quotes", index, "person")),
                    f"quotes[{index}].person",
                    f"'{quote.name}' is quoted with person: {first_key or 'none'} in "
                    f"{display[first.slug]} (quotes[{first_index}]) and with "
                    f"{key or 'none'} here: give every quote of one person the same key, "
                    f"or add a record for them to {RECORDS_FILE} (people)",
                )
            )
    return problems


def records_listing(records: Records, articles: list[Article]) -> str:
    """Every id an editor can reuse, kind by kind, with its names and how many reports
    use it; then the names in use that no record lists, to add as records."""
    used: dict[str, set[str]] = {}
    unrecorded: dict[tuple[str, str], set[str]] = {}
    for article in articles:
        for _, kinds, name in _names(article):
            if name in article.named:
                used.setdefault(article.named[name][0], set()).add(article.slug)
            else:
                unrecorded.setdefault((kinds[0], name), set()).add(article.slug)
    lines: list[str] = []
    for found in records.all():
        key = records.key(found)[0]
        record = found.record
        names = "; ".join([record.name, *record.aliases])
        date = f" [{record.date}]" if record.date else ""
        lines.append(
            f"{found.kind:14} {record.id:32} {names}{date} ({len(used.get(key, ()))} reports)"
        )
    if unrecorded:
        lines.append(f"\nNot in {RECORDS_FILE} (counted by spelling; add a record for each):")
        for (kind, name), slugs in sorted(unrecorded.items()):
            lines.append(f"{kind:14} {name} ({len(slugs)} reports)")
    return "\n".join(lines)
