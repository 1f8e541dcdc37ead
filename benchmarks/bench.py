"""`make bench`: the full project build against a plain mkdocs-material build of the same
report bodies, side by side, on deterministic synthetic archives.

For each N, both builds run in alternation (project, plain, project, plain...) so that a
slower moment of the machine hits both alike. Each build is its own process; its peak
memory is that process's maximum resident set (os.wait4). Results are printed as a
Markdown table and written to benchmarks/RESULTS.md.

Usage: .venv/bin/python benchmarks/bench.py [--runs R] [N ...]   (default: 100 1000 10000)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_archive  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PLAIN_CONFIG = """\
site_name: Plain build of the same reports
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
"""


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    phases: list[dict[str, float]] = field(default_factory=list)
    site: dict[str, float] = field(default_factory=dict)


def _project(folder: Path, count: int) -> Path:
    """A copy of the project's site sources with N synthetic articles."""
    for name in ("docs", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, folder / name)
    write_archive(folder / "articles", count)
    return folder


def _plain(folder: Path, articles: Path) -> Path:
    """The same report bodies as ordinary pages: same theme and search, no hook."""
    docs = folder / "docs" / "reports"
    docs.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Reports\n")
    for article in sorted(articles.glob("*.md")):
        _, front, body = article.read_text("utf-8").split("---\n", 2)
        title = json.loads(front)["title"]
        (docs / article.name).write_text(f"# {title}\n\n{body}", "utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG)
    return folder


def _build(project: Path, out: Path, timings: Path | None) -> tuple[float, float]:
    """Run one `mkdocs build`; its wall time and peak memory (MB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if timings:
        env["NEWSARCHIVE_TIMINGS"] = str(timings)
    command = [str(MKDOCS), "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"build of {project} failed:\n{errors}")
    return seconds, usage.ru_maxrss / 1024


def _search_download(site: Path) -> list[Path]:
    """What a browser fetches to run one search and show five results."""
    bundle = site / "pagefind"
    if not bundle.is_dir():  # Material's built-in search: its whole index and its worker
        workers = site / "assets" / "javascripts" / "workers"
        return [site / "search" / "search_index.json", *workers.glob("search.*.js")]
    # Pagefind: its script, the wasm, the entry and metadata, the filters, the largest index
    # chunk (a one-word query loads one) and the five largest result fragments: an upper bound.
    by_size = lambda folder: sorted(folder.glob("*"), key=lambda p: -p.stat().st_size)  # noqa: E731
    return [
        bundle / "pagefind.js",
        bundle / "pagefind-ui.js",
        bundle / "pagefind-ui.css",
        bundle / "wasm.en.pagefind",
        bundle / "pagefind-entry.json",
        *bundle.glob("pagefind.*.pf_meta"),
        *(bundle / "filter").glob("*"),
        *by_size(bundle / "index")[:1],
        *by_size(bundle / "fragment")[:5],
    ]


def _site_figures(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    search = _search_download(site)
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "largest_kb": largest.stat().st_size / 1e3,
        "largest": str(largest.relative_to(site)),
        "search_kb": sum(p.stat().st_size for p in search if p.exists()) / 1e3,
    }


def bench(count: int, runs: int, work: Path) -> tuple[Runs, Runs]:
    project = _project(work / f"project-{count}", count)
    plain = _plain(work / f"plain-{count}", project / "articles")
    full, bare = Runs(), Runs()
    for run in range(runs):
        for name, source, result in (("full", project, full), ("plain", plain, bare)):
            out = work / f"site-{name}-{count}"
            timings = work / "timings.json" if name == "full" else None
            seconds, peak = _build(source, out, timings)
            result.seconds.append(seconds)
            result.peak_mb.append(peak)
            if timings:
                result.phases.append(json.loads(timings.read_text()))
            if run == runs - 1:
                result.site = _site_figures(out)
            print(f"  N={count} run {run + 1}/{runs} {name}: {seconds:.1f} s, {peak:.0f} MB")
    return full, bare


def _row(count: int, name: str, result: Runs) -> str:
    phases = ""
    if result.phases:
        median = {k: statistics.median(p[k] for p in result.phases) for k in result.phases[0]}
        phases = ", ".join(f"{k} {v:.2f}" for k, v in median.items())
    site = result.site
    return (
        f"| {count:,} | {name} | {statistics.median(result.seconds):.1f} | "
        f"{max(result.peak_mb):.0f} | {phases or '-'} | {site['site_mb']:.1f} | "
        f"{site['largest_kb']:.0f} ({site['largest']}) | {site['search_kb']:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()
    header = (
        "| reports | build | wall s (median) | peak MB | hook s per phase (median) "
        "| site MB | largest page KB | search download KB |\n|---:|---|---:|---:|---|---:|---|---:|"
    )
    rows, ratios = [], []
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as work:
        for count in args.sizes:
            full, bare = bench(count, args.runs, Path(work))
            rows += [_row(count, "full (hook)", full), _row(count, "plain material", bare)]
            ratio = statistics.median(full.seconds) / statistics.median(bare.seconds)
            ratios.append(f"- N = {count:,}: full / plain = {ratio:.2f}")
    table = "\n".join([header, *rows])
    print(table, *ratios, sep="\n")
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    Path(args.output).write_text(
        "# Benchmark results\n\n"
        f"`make bench` ({' '.join(map(str, args.sizes))} reports, {args.runs} runs each, "
        f"alternating), on {machine}.\n\n{table}\n\n" + "\n".join(ratios) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
