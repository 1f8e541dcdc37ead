"""The `newsarchive` command: check articles, export the front matter schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .load import load_archive
from .model import json_schema

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("articles")]
    articles, problems = load_archive(paths)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
        if args.github:
            # A GitHub workflow command: shows the problem on the changed line of the PR.
            print(
                f"::error file={problem.path},line={problem.line},title={problem.field}::"
                f"{problem.message}"
            )
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s); nothing published.", file=sys.stderr)
        return 1
    print(f"{len(articles)} article(s) checked, no problems.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsarchive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate article files (default: articles/)")
    check.add_argument("paths", nargs="*", help="article files or folders")
    check.add_argument("--github", action="store_true", help="also print GitHub annotations")
    check.set_defaults(run=_check)
    schema = commands.add_parser("schema", help="write the front matter JSON Schema")
    schema.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    return args.run(args)
