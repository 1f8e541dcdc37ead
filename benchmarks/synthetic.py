"""Deterministic synthetic archives that look like ours, for benchmarks.

Each report: a 3-5 KB body in paragraphs, 3-6 figures, 2-5 events and 1-4 quotes whose
passages are sentences of the body; ~30 outlets, ~50 tags, dates over 2015-2026; one
report in eight repeats a paragraph of an earlier one, one in ten is in Russian, some
quoted names come in two spellings and one quote in eight is of an unnamed source.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any


def _vocabulary(consonants: str, vowels: str, size: int, seed: int) -> list[str]:
    """`size` made-up words of 1-4 syllables: news text has thousands of distinct words,
    and a small vocabulary would make unrelated paragraphs look alike."""
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choices([1, 2, 2, 3, 3, 4], k=1)[0]
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)))
    return sorted(words)


WORDS = _vocabulary("bcdfghklmnprstvz", "aeiou", 3000, 1)
RUSSIAN = _vocabulary("бвгдзклмнпрств", "аеиоуы", 3000, 2)
# Zipf's law: the n-th most common word is used about 1/n as often as the first.
ZIPF = [1 / rank for rank in range(1, 3001)]
NAMES = [
    ("Igor", "Kochetkov"),
    ("Alvi", "Karimov"),
    ("Alvi", "Kraimov"),
    ("Anna", "Petrova"),
    ("Sarah", "Jones"),
    ("Maria", "Ivanova"),
    ("Oleg", "Smirnov"),
    ("Tanya", "Lokshina"),
    ("David", "Miller"),
    ("Elena", "Milashina"),
    ("Robert", "Palladino"),
    ("Robert", "Palldino"),
]
LABELS = ["detained", "deaths", "released", "fled", "arrests", "victim_age"]


def _sentence(rng: random.Random, words: list[str], number: int | None = None) -> str:
    chosen = rng.choices(words, weights=ZIPF, k=rng.randint(10, 18))
    if number is not None:
        chosen.insert(rng.randint(1, len(chosen) - 1), str(number))
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _report(
    rng: random.Random, number: int, earlier: list[list[str]], wire: dict | None = None
) -> tuple[str, str]:
    russian = rng.random() < 0.1 and wire is None
    words = RUSSIAN if russian else WORDS
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
    if wire is not None:  # agency copy: out within a week of the story
        day = wire["day"] + dt.timedelta(days=rng.randrange(7))
    outlet = f"Outlet {rng.randrange(30):02d}"
    figures = [(rng.choice(LABELS), rng.randint(1, 200)) for _ in range(rng.randint(3, 6))]
    paragraphs: list[list[str]] = []
    size = 0
    target = rng.randint(3000, 5000)
    numbered = [_sentence(rng, words, value) for _, value in figures]
    while size < target or numbered:
        sentences = [_sentence(rng, words) for _ in range(rng.randint(2, 4))]
        if numbered:
            sentences.insert(1, numbered.pop())
        paragraphs.append(sentences)
        size += sum(len(s) + 1 for s in sentences)
    if wire is not None:  # the agency's paragraphs, word for word
        paragraphs[1:1] = [list(p) for p in wire["paragraphs"]]
    elif number % 8 == 7:  # one report in eight repeats a paragraph of an earlier one
        paragraphs.insert(2, list(rng.choice(rng.choice(earlier))))
    earlier.append(paragraphs)
    body = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    sentences = [s for p in paragraphs for s in p]
    meta = {
        "title": f"Synthetic report {number}",
        "title_source": "editorial",
        "title_note": "Generated for a benchmark.",
        "source": {
            "outlet": outlet,
            "url": f"https://example.org/{number}",
            "author": f"Writer {rng.randrange(200)}",
            "published": {"date": day.isoformat()},
        },
        "language": "ru" if russian else "en",
        "tags": sorted({f"tag {rng.randrange(50)}" for _ in range(rng.randint(1, 4))}),
        "summary": _sentence(rng, words),
        "figures": [
            {
                "label": label,
                "value": value,
                "qualifier": rng.choice(["unqualified", "around", "at least"]),
                "period": str(day.year),
                "attributed_to": "unattributed",
                "quote": next(s for s in sentences if f" {value} " in f" {s} "),
            }
            for label, value in figures
        ],
        "events": [
            {
                "date": f"{day.year - rng.randint(0, 3)}-{rng.randint(1, 12):02d}",
                "summary": f"Event {rng.randrange(400)}",
                "quote": rng.choice(sentences),
            }
            for _ in range(rng.randint(2, 5))
        ],
        "quotes": [
            {
                # One quote in eight is of a source the report does not name.
                "name": None if rng.random() < 0.125 else " ".join(rng.choice(NAMES)),
                "role": "source",
                "text": rng.choice(sentences),
            }
            for _ in range(rng.randint(1, 4))
        ],
    }
    if wire is not None:  # every copy cites the agency's figure and tells its event
        meta["figures"].append(dict(wire["figure"]))
        meta["events"].append(dict(wire["event"]))
    for event in meta["events"]:  # an event cannot come after the report
        if event["date"] > day.isoformat()[:7]:
            event["date"] = str(day.year - 1)
    name = f"{day.isoformat()}-outlet-{number:05d}.md"
    return name, f"---\n{json.dumps(meta, ensure_ascii=False, indent=1)}\n---\n\n{body}"


def _wire_story(rng: random.Random, number: int) -> dict:
    """An agency story: two paragraphs, a figure and a dated event that every copy cites."""
    day = dt.date(2015, 2, 1) + dt.timedelta(days=rng.randrange(11 * 365 - 40))
    value = rng.randint(2, 200)
    counted = _sentence(rng, WORDS, value)
    told = _sentence(rng, WORDS)
    paragraphs = [
        [_sentence(rng, WORDS), counted, _sentence(rng, WORDS)],
        [told, _sentence(rng, WORDS), _sentence(rng, WORDS)],
    ]
    month = (day - dt.timedelta(days=31)).isoformat()[:7]
    return {
        "day": day,
        "paragraphs": paragraphs,
        "figure": {
            "label": "detained",
            "value": value,
            "qualifier": "around",
            "period": f"wire story {number}",
            "attributed_to": "unattributed",
            "quote": counted,
        },
        "event": {
            "date": month,
            "summary": f"Wire event {number}",
            "quote": told,
            "key": f"wire-{number}",
        },
    }


def make_archive(
    count: int,
    seed: int = 2019,
    shape: str = "typical",
    *,
    cluster_sizes: tuple[int, int] = (20, 300),
    own_share: float = 0.2,
) -> dict[str, str]:
    """File name -> file text of `count` synthetic reports (JSON is valid YAML).

    Shapes: "typical" (one report in eight repeats an earlier paragraph) and "wire":
    agency copy in clusters of `cluster_sizes` reports that share the agency's paragraphs,
    its figure and its event, and runs of reports of their own (`own_share` of the runs).
    """
    rng = random.Random(seed)
    earlier: list[list[list[str]]] = []
    if shape == "typical":
        return dict(_report(rng, number, earlier) for number in range(count))
    files: dict[str, str] = {}
    story = 0
    while len(files) < count:
        size = min(rng.randint(*cluster_sizes), count - len(files))
        if rng.random() < own_share:  # a run of reports of their own
            for _ in range(size):
                name, text = _report(rng, len(files), earlier)
                files[name] = text
            continue
        wire = _wire_story(rng, story)
        story += 1
        for _ in range(size):
            name, text = _report(rng, len(files), earlier, wire)
            files[name] = text
    return files


def write_archive(
    folder: Path, count: int, seed: int = 2019, shape: str = "typical", **shaping: Any
) -> None:
    """Write `count` synthetic reports of the given shape into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in make_archive(count, seed, shape, **shaping).items():
        (folder / name).write_text(text, encoding="utf-8")
