"""Time of loading and analysing synthetic archives (corroboration included).

Run: .venv/bin/python benchmarks/analyse.py [N ...]   (default 1000 10000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from newsarchive.analyse.archive import analyse  # noqa: E402
from newsarchive.load import parse_article  # noqa: E402
from newsarchive.model import Article  # noqa: E402
from synthetic import make_archive  # noqa: E402


def main(sizes: list[int]) -> None:
    print("| reports | load + validate (s) | analyse (s) | shared groups | people |")
    print("|---:|---:|---:|---:|---:|")
    for count in sizes:
        files = make_archive(count)
        started = time.perf_counter()
        articles = []
        for name, text in files.items():
            result = parse_article(Path(name), text.encode("utf-8"))
            assert isinstance(result, Article), result
            articles.append(result)
        loaded = time.perf_counter()
        archive = analyse(articles)
        done = time.perf_counter()
        print(
            f"| {count:,} | {loaded - started:.2f} | {done - loaded:.2f} "
            f"| {len(archive.shared):,} | {len(archive.people):,} |"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
