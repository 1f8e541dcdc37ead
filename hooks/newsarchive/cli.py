"""The `newsarchive` command: check articles, scaffold a new one, suggest its claims,
export the schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .links import dead_links
from .load import load_archive, load_records
from .load.characters import visible
from .load.labels import label_warnings
from .load.names import records_listing
from .load.problems import Problem
from .migrate import migrate_files
from .model import PartialDate, json_schema
from .reference import front_matter_reference
from .scaffold import Scaffold, article_name, duplicates, scaffold_text
from .suggest import suggest, suggestions_yaml
from .suggest.merge import merge_suggestions

__all__ = ["main"]


def _annotation_data(text: str) -> str:
    """Text as a workflow command's message: escaped as the Actions toolkit escapes it
    (toolkit/packages/core/src/command.ts), after every control is shown as its escape,
    so that nothing an editor wrote can end the line and start a command of its own."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _annotation_property(text: str) -> str:
    """Text as a workflow command's property (file=, title=): as a message, and its ':'
    and ',' escaped too, so that it cannot end the properties or add one."""
    return _annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(kind: str, problem: Problem) -> str:
    """A GitHub workflow command: shows the problem on the changed line of the PR."""
    return (
        f"::{kind} file={_annotation_property(problem.path)},line={problem.line},"
        f"title={_annotation_property(problem.field)}::{_annotation_data(problem.message)}"
    )


def _check(args: argparse.Namespace) -> int:
    # Problems quote what editors wrote (file names, keys, values): str() shows each on one
    # line with its controls escaped (Problem), the annotations escape it as GitHub does.
    paths = [Path(p) for p in args.paths] or [Path("articles")]
    records, problems = load_records(Path(args.root))
    articles, more = load_archive(paths, records=records)
    problems += more
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
        if args.github:
            print(_annotation("error", problem))
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s); nothing published.", file=sys.stderr)
        return 1
    for warning in label_warnings(articles):
        print(f"warning: {warning}", file=sys.stderr)
        if args.github:
            print(_annotation("warning", warning))
    if args.links:
        for warning in dead_links(articles):
            print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(articles)} article(s) checked, no problems.")
    return 0


REFERENCE_START, REFERENCE_END = "<!-- reference:start -->", "<!-- reference:end -->"


def with_reference(markdown: str) -> str:
    """`markdown` with the front matter reference between its reference markers."""
    head, start, rest = markdown.partition(REFERENCE_START)
    _, end, tail = rest.partition(REFERENCE_END)
    if not start or not end:
        raise ValueError(f"the file has no {REFERENCE_START} ... {REFERENCE_END} markers")
    return f"{head}{start}\n{front_matter_reference()}{end}{tail}"


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    if args.reference:
        path = Path(args.reference)
        path.write_text(with_reference(path.read_text("utf-8")), encoding="utf-8")
    return 0


def _day(text: str) -> dt.date:
    date = PartialDate.parse(text.strip())
    if date.precision != "day":
        raise ValueError(f"{text!r}: give a day, YYYY-MM-DD")
    return date.earliest()


def _ask(question: str, default: str | None = None) -> str | None:
    suffix = f" [{default}]" if default else ""
    answer = input(f"{question}{suffix}: ").strip()
    return answer or default


def _new(args: argparse.Namespace) -> int:
    if args.interactive:
        print("A new report. Press Enter to leave a field for later (it becomes a TODO).")
        args.outlet = args.outlet or _ask("Outlet (e.g. Gay Times)")
        args.url = args.url or _ask("Web address of the report")
        args.title = args.title or _ask("Headline")
        args.published = args.published or _ask("Published: YYYY-MM-DD, or FIRST/LAST if unsure")
        args.author = args.author or _ask("Author (blank if there is no byline)")
        args.summary = args.summary or _ask("One-line summary")
        args.text = args.text or _ask("File with the report's text (blank: paste it later)")
    missing = [n for n in ("outlet", "title", "published") if not getattr(args, n)]
    if missing:
        print(f"newsarchive new: give --{' --'.join(missing)} (or --interactive)", file=sys.stderr)
        return 2
    try:
        # EDTF's FIRST/LAST, as front matter writes a window; FIRST..LAST as before.
        first, _, last = args.published.replace("..", "/").partition("/")
        window = (_day(first), _day(last)) if last else None
        day = None if window else _day(first)
    except ValueError as error:
        print(f"newsarchive new: --published {error}", file=sys.stderr)
        return 2
    body = Path(args.text).read_text("utf-8") if args.text else None
    scaffold = Scaffold(
        outlet=args.outlet,
        url=args.url or None,
        title=args.title,
        title_source=args.title_source,
        published=day,
        not_before=window[0] if window else None,
        not_after=window[1] if window else None,
        author=args.author or None,
        language=args.language,
        summary=args.summary or None,
        body=body,
    )
    folder = Path(args.folder)
    path = folder / article_name(scaffold)
    if path.exists():
        print(f"newsarchive new: {path} exists already; nothing was written", file=sys.stderr)
        return 1
    for warning in duplicates(scaffold, folder):
        print(f"warning: {warning}", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold_text(scaffold), encoding="utf-8")
    print(f"{path}: written. Fill in what it marks TODO, then run: newsarchive check {path}")
    if args.suggest and body:
        return _suggest_into(path, write=True)
    return 0


def _suggest_into(path: Path, write: bool) -> int:
    """Suggest for one article: print the YAML, or write it into the file as comments."""
    archive, _ = load_archive([path.parent])  # the archive's keys and people (valid files)
    suggestions = suggest(path, archive)
    if not write:
        sys.stdout.write(suggestions_yaml(suggestions))
        return 0
    text, added = merge_suggestions(path.read_text("utf-8"), suggestions)
    path.write_text(text, encoding="utf-8")
    print(
        f"{path}: {added} suggestion(s) written as comments under figures, events and quotes. "
        f"Uncomment what the report says (remove '# '), then run: newsarchive check {path}"
    )
    return 0


def _suggest(args: argparse.Namespace) -> int:
    path = Path(args.article)
    if not path.is_file():
        print(f"newsarchive suggest: {path} is not a file", file=sys.stderr)
        return 2
    try:
        return _suggest_into(path, args.write)
    except ValueError as error:
        print(f"newsarchive suggest: {path}: {error}", file=sys.stderr)
        return 1


def _records(args: argparse.Namespace) -> int:
    root = Path(args.root)
    records, problems = load_records(root)
    articles, more = load_archive([root / "articles"], root=root, records=records)
    for problem in sorted(problems + more):
        print(problem, file=sys.stderr)
    for line in records_listing(records, articles).splitlines():
        print(visible(line))  # names are the editors' text: controls shown as escapes
    return 1 if problems else 0


def _migrate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths or ["articles"]]
    files = [f for p in paths for f in (sorted(p.glob("*.md")) if p.is_dir() else [p])]
    changed = migrate_files(files)
    for path in changed:
        print(f"updated {path}")
    print(f"{len(changed)} of {len(files)} files updated; run `newsarchive check` next")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run `newsarchive ARGS`; returns the exit status."""
    parser = argparse.ArgumentParser(prog="newsarchive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate article files (default: articles/)")
    check.add_argument("paths", nargs="*", help="article files or folders")
    check.add_argument("--github", action="store_true", help="also print GitHub annotations")
    check.add_argument(
        "--root", default=".", help="the archive's folder, holding records.yml (default: .)"
    )
    check.add_argument(
        "--links",
        action="store_true",
        help="also ask every source and archived address whether it still answers (online)",
    )
    check.set_defaults(run=_check)
    new = commands.add_parser("new", help="start a new article file, correctly named")
    new.add_argument("--outlet", help="the outlet's name, e.g. 'Gay Times'")
    new.add_argument("--url", help="the report's web address")
    new.add_argument("--title", help="the headline")
    new.add_argument(
        "--title-source",
        choices=["headline", "url-slug", "editorial"],
        default="headline",
        help="where the title comes from (default: headline)",
    )
    new.add_argument("--published", help="YYYY-MM-DD, or FIRST/LAST when the day is not known")
    new.add_argument("--author", help="the byline; leave out when there is none")
    new.add_argument("--language", default="en", help="language code (default: en)")
    new.add_argument("--summary", help="one line for the archive index")
    new.add_argument("--text", help="a plain text file holding the report's text")
    new.add_argument("--folder", default="articles", help="where articles live (default: articles)")
    new.add_argument("-i", "--interactive", action="store_true", help="ask for each field")
    new.add_argument(
        "--suggest",
        action="store_true",
        help="also write suggested figures, events and quotes from --text, commented out",
    )
    new.set_defaults(run=_new)
    suggestion = commands.add_parser(
        "suggest", help="suggest the figures, events and quotes an article's text states"
    )
    suggestion.add_argument(
        "article", help="the article file (its front matter may be partly filled)"
    )
    suggestion.add_argument(
        "--write",
        action="store_true",
        help="write them into the file as commented-out items (nothing there is overwritten)",
    )
    suggestion.set_defaults(run=_suggest)
    listing = commands.add_parser(
        "records", help="list every record id an editor can reuse, and names not recorded"
    )
    listing.add_argument("--root", default=".", help="the archive's folder (default: .)")
    listing.set_defaults(run=_records)
    migrate = commands.add_parser(
        "migrate", help="rewrite article files written for an older schema (default: articles/)"
    )
    migrate.add_argument("paths", nargs="*", help="article files or folders")
    migrate.set_defaults(run=_migrate)
    schema = commands.add_parser("schema", help="write the front matter JSON Schema")
    schema.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    schema.add_argument(
        "--reference", metavar="FILE", help="also update the reference section of FILE"
    )
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    return args.run(args)
