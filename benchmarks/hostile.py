"""Time of the steps a hostile article can make slow, at sizes n, 2n, 4n and 8n (issue #35).

Each step is timed on an input built to be its worst case; a step that is linear in its
input takes about twice as long at each doubling, a quadratic one four times.

- check: the closest-passage hint for passages missing from a body (the body of n KB,
  made of sentences like the passages; one passage missing for each 3 KB);
- people: n quotes of names in one block (one first name, surnames of one initial, no two
  of them one person);
- suggest: one sentence with n dates and no comma (each date's event quotes its clause);
  the output is measured as well as the time.

Run: .venv/bin/python benchmarks/hostile.py [--steps check,people,suggest] [--scale 1]
(scale 1: 30-240 KB bodies, 500-4,000 quotes, 100-800 dates; the old code needed minutes
at scale 1, so measure it at a smaller scale).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from newsarchive.analyse.people import find_people  # noqa: E402
from newsarchive.model import Article, FrontMatter  # noqa: E402
from newsarchive.passages import closest_passage, find_passage  # noqa: E402
from newsarchive.suggest import suggest, suggestions_yaml  # noqa: E402

_WORDS = (
    "police detained men in the republic and held them in a former military base where "
    "officers beat them the ministry denied every report while activists said dozens were "
    "still missing after the raids of the spring"
).split()


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 14)
    return " ".join(words).capitalize() + "."


def check_input(kilobytes: int) -> tuple[str, list[str]]:
    """A body of `kilobytes` KB of sentences made of one vocabulary, and passages (one per
    3 KB) made of the same words that stand nowhere in it."""
    rng = random.Random(kilobytes)
    sentences: list[str] = []
    while sum(map(len, sentences)) < kilobytes * 1000:
        sentences.append(_sentence(rng))
    body = " ".join(sentences)
    passages: list[str] = []
    while len(passages) < kilobytes // 3:
        passage = _sentence(rng).rstrip(".") + " zz"
        if find_passage(body, passage) is None:
            passages.append(passage)
    return body, passages


def run_check(data: tuple[str, list[str]]) -> str:
    body, passages = data
    hints = [closest_passage(body, passage) for passage in passages]
    return f"{sum(h is not None for h in hints)} hints"


def _article(slug: str, quotes: list[dict], body: str = "q") -> Article:
    meta = FrontMatter.model_validate(
        {
            "title": f"Report {slug}",
            "title_source": "editorial",
            "title_note": "bench",
            "source": {
                "outlet": "Outlet",
                "url": f"https://example.org/{slug}",
                "author": "A. Writer",
                "published": {"date": "2019-01-14"},
            },
            "language": "en",
            "summary": "bench",
            "quotes": quotes,
        }
    )
    return Article(Path(f"2019-01-14-{slug}.md"), f"2019-01-14-{slug}", meta, body, 1)


def people_input(count: int) -> list[Article]:
    """`count` quotes, 20 to a report, of one first name and surnames that all start with
    K and differ in three letters or more from each other (no two are one person)."""
    rng = random.Random(count)
    surnames: set[str] = set()
    while len(surnames) < count:
        surnames.add("K" + "".join(rng.choice("aeioubdgkmnrstvz") for _ in range(8)))
    quotes = [{"name": f"Alvi {s}", "role": "witness", "text": "q"} for s in sorted(surnames)]
    return [_article(f"r{i}", quotes[i : i + 20]) for i in range(0, count, 20)]


def run_people(articles: list[Article]) -> str:
    people, _ = find_people(articles)
    return f"{len(people)} people"


def suggest_input(dates: int) -> Path:
    """An article whose body is one sentence giving `dates` dates, with no comma."""
    days = [f"{1 + i % 28} {('May', 'June', 'July')[i % 3]} {2000 + i % 19}" for i in range(dates)]
    body = "Police raided the club on " + " and again on ".join(days) + " in Grozny.\n"
    path = Path(tempfile.mkdtemp()) / "2019-01-14-hostile.md"
    front = "---\ntitle: Hostile\nsource:\n  published:\n    date: 2019-01-14\n---\n"
    path.write_text(front + body, "utf-8")
    return path


def run_suggest(path: Path) -> str:
    text = suggestions_yaml(suggest(path, []))
    return f"{len(text):,} chars out"


STEPS: dict[str, tuple[str, Callable[[int], object], Callable, list[int]]] = {
    "check": ("KB of body", check_input, run_check, [30, 60, 120, 240]),
    "people": ("quotes", people_input, run_people, [500, 1000, 2000, 4000]),
    "suggest": ("dates", suggest_input, run_suggest, [100, 200, 400, 800]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size")
    args = parser.parse_args()
    print("| step | size | time (s) | x previous | result |")
    print("|---|---:|---:|---:|---|")
    for name in args.steps.split(","):
        unit, make, run, sizes = STEPS[name]
        previous = None
        for size in (max(1, round(s * args.scale)) for s in sizes):
            data = make(size)
            started = time.perf_counter()
            result = run(data)
            took = time.perf_counter() - started
            ratio = f"{took / previous:.1f}x" if previous else ""
            print(f"| {name} | {size:,} {unit} | {took:.3f} | {ratio} | {result} |", flush=True)
            previous = max(took, 1e-6)


if __name__ == "__main__":
    main()
