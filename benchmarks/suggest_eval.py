"""How well `newsarchive suggest` finds what editors enter (`make suggest-eval`).

Each archive article is stripped of its figures, events and quotes and given to `suggest`,
with the other articles as the archive (their keys and people, as an editor would have
them). Suggestions are compared with what the editors kept:

- a figure matches when it states the same number (or range, or vague count) in a
  passage that overlaps the editor's;
- an event matches when its passage overlaps and its date agrees (equal, or one within
  the other: "14 January 2019" and "January 2019");
- a quote matches when its words overlap and the speaker is the same name (or both none).

Each editor's item matches one suggestion at most. "Grounded": the checker's own passage
finder finds the suggested passage in the body. "Pass": the article with that one item
added passes `newsarchive check` unchanged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import frontmatter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from newsarchive.analyse.people import fold_name  # noqa: E402
from newsarchive.load import load_archive, parse_article  # noqa: E402
from newsarchive.model import Article, EdtfDate  # noqa: E402
from newsarchive.passages import find_passage  # noqa: E402
from newsarchive.suggest import Suggestion, suggest  # noqa: E402

KINDS = ("figures", "events", "quotes")
PASSAGE = {"figures": "quote", "events": "quote", "quotes": "text"}


def _span(body: str, passage: str) -> tuple[int, int] | None:
    found = find_passage(body, passage)
    return (found.start, found.end) if found else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _date(value: object) -> EdtfDate | None:
    return None if value is None else EdtfDate.parse(value)


def _dates_agree(a: EdtfDate | None, b: EdtfDate | None) -> bool:
    """The editors' date and ours can both be true (EDTF: "since December" holds a day)."""
    if a is None or b is None:
        return a is None and b is None
    return a.overlaps(b)


def _same(kind: str, kept: dict, suggested: dict) -> bool:
    if kind == "figures":
        return (kept.get("value"), kept.get("value_max")) == (
            suggested.get("value"),
            suggested.get("value_max"),
        ) and (kept.get("value") is not None or kept["qualifier"] == suggested["qualifier"])
    if kind == "events":
        return _dates_agree(_date(kept.get("date")), _date(suggested.get("date")))
    kept_name, our_name = kept.get("name"), suggested.get("name")
    if kept_name is None or our_name is None:
        return kept_name is None and our_name is None
    return fold_name(kept_name) == fold_name(our_name)


def _matches(kind: str, body: str, kept: list[dict], suggested: list[Suggestion]) -> int:
    """How many kept items are matched, one suggestion each."""
    used: set[int] = set()
    matched = 0
    for item in kept:
        span = _span(body, item[PASSAGE[kind]])
        for index, suggestion in enumerate(suggested):
            if index in used:
                continue
            ours = _span(body, suggestion.item[PASSAGE[kind]])
            if _overlap(span, ours) and _same(kind, item, suggestion.item):
                used.add(index)
                matched += 1
                break
    return matched


def _passes(stripped: frontmatter.Post, kind: str, item: dict, path: Path) -> bool:
    post = frontmatter.Post(stripped.content, **{**stripped.metadata, kind: [item]})
    raw = frontmatter.dumps(post, sort_keys=False, allow_unicode=True).encode("utf-8")
    return not isinstance(parse_article(path, raw + b"\n"), list)


def evaluate(articles: list[Article]) -> tuple[dict[str, dict[str, int]], float]:
    totals = {k: dict(kept=0, suggested=0, matched=0, grounded=0, passing=0) for k in KINDS}
    seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for article in articles:
            post = frontmatter.load(str(article.path))
            kept = {kind: post.metadata.pop(kind, []) for kind in KINDS}
            path = Path(folder) / article.path.name
            path.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n")
            others = [a for a in articles if a.slug != article.slug]
            start = time.perf_counter()
            suggestions = suggest(path, others).kinds()
            seconds = max(seconds, time.perf_counter() - start)
            for kind in KINDS:
                row, ours = totals[kind], suggestions[kind]
                row["kept"] += len(kept[kind])
                row["suggested"] += len(ours)
                row["matched"] += _matches(kind, post.content, kept[kind], ours)
                row["grounded"] += sum(
                    _span(post.content, s.item[PASSAGE[kind]]) is not None for s in ours
                )
                row["passing"] += sum(_passes(post, kind, s.item, path) for s in ours)
    return totals, seconds


def table(totals: dict[str, dict[str, int]]) -> str:
    lines = [
        "| kind | kept by editors | suggested | matched | recall | precision | grounded "
        "| pass the check unchanged |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, row in totals.items():
        recall = row["matched"] / row["kept"] if row["kept"] else 1.0
        precision = row["matched"] / row["suggested"] if row["suggested"] else 1.0
        grounded = row["grounded"] / row["suggested"] if row["suggested"] else 1.0
        passing = row["passing"] / row["suggested"] if row["suggested"] else 1.0
        lines.append(
            f"| {kind} | {row['kept']} | {row['suggested']} | {row['matched']} | {recall:.0%} "
            f"| {precision:.0%} | {grounded:.0%} | {passing:.0%} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "articles"))
    args = parser.parse_args()
    articles, problems = load_archive([Path(args.folder)])
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    totals, slowest = evaluate(articles)
    print(f"`newsarchive suggest` on the {len(articles)} archive articles, {dt.date.today()}:\n")
    print(table(totals))
    print(f"\nSlowest article: {slowest * 1000:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
